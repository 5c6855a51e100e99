import type { MetricTally } from '../../local/observe/metric-tally';

/**
 * The functions' own counts over the run, as CloudWatch would sum their EMF metrics: a second, independent
 * account of where every accepted webhook and every routed event went, beside the downstreams' request logs.
 */
export interface MetricReconciliation {
  readonly webhookAccepted: number;
  readonly webhookRejected: number;
  /** Canonical events enqueued for a destination (one per event and routed destination, the canonical state included). */
  readonly eventsMapped: number;
  readonly recordsQuarantined: number;
  readonly partialHeldBack: number;
  /** Final connector outcomes: sent, of no use to the destination, older than what it holds, refused. */
  readonly delivered: number;
  readonly notApplicable: number;
  readonly staleDropped: number;
  readonly deliveryDeadLettered: number;
  /** Events the state writer settled in the canonical state: written, or refused as stale or as a duplicate. */
  readonly canonicalState: number;
  /** A second copy of a delivery message (SQS is at-least-once) absorbed by idempotency; not an outcome of its own. */
  readonly duplicateSkipped: number;
  /** Attempts handed back to the queue for later (failed, circuit open, rate limited, throttled, version busy). */
  readonly deferred: number;
  /** eventsMapped minus every final outcome (connectors' and the state writer's): zero once the pipeline has drained. */
  readonly unsettled: number;
}

const DEFERRALS = [
  'DeliveryFailed',
  'CircuitRefused',
  'RateLimited',
  'Throttled429',
  'VersionBusy',
  'InProgressElsewhere',
] as const;

/** Reads the counts that reconcile accepted webhooks with deliveries out of local mode's metric tally. */
export function reconcileMetrics(metrics: Pick<MetricTally, 'sum'>): MetricReconciliation {
  const final = {
    delivered: metrics.sum('Delivered'),
    notApplicable: metrics.sum('NotApplicable'),
    staleDropped: metrics.sum('StaleDropped'),
    deliveryDeadLettered: metrics.sum('DeliveryDeadLettered'),
    canonicalState:
      metrics.sum('CanonicalStateWritten') +
      metrics.sum('CanonicalStateStale') +
      metrics.sum('CanonicalStateDuplicate'),
  };
  const eventsMapped = metrics.sum('EventsMapped');
  const settled = Object.values(final).reduce((sum, count) => sum + count, 0);
  return {
    webhookAccepted: metrics.sum('WebhookAccepted'),
    webhookRejected: metrics.sum('WebhookRejected'),
    eventsMapped,
    recordsQuarantined: metrics.sum('RecordsQuarantined'),
    partialHeldBack: metrics.sum('PartialHeldBack'),
    ...final,
    duplicateSkipped: metrics.sum('DuplicateSkipped'),
    deferred: DEFERRALS.reduce((sum, name) => sum + metrics.sum(name), 0),
    unsettled: eventsMapped - settled,
  };
}
