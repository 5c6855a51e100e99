import type { MetricTally } from '../../local/observe/metric-tally';

/**
 * The functions' own counts over the run, as CloudWatch would sum their EMF metrics: a second, independent
 * account of where every accepted webhook and every routed event went, beside the downstreams' request logs.
 */
export interface MetricReconciliation {
  readonly webhookAccepted: number;
  readonly webhookRejected: number;
  /** Canonical events enqueued for a destination (one per event and routed destination). */
  readonly eventsMapped: number;
  readonly recordsQuarantined: number;
  readonly partialHeldBack: number;
  /** Connector outcomes: sent (or not applicable to the destination), absorbed as duplicate, failed for a retry, dead-lettered. */
  readonly delivered: number;
  readonly duplicateSkipped: number;
  readonly deliveryFailed: number;
  readonly deliveryDeadLettered: number;
  /** eventsMapped minus every final connector outcome: zero once the pipeline has drained. */
  readonly unsettled: number;
}

/** Reads the counts that reconcile accepted webhooks with deliveries out of local mode's metric tally. */
export function reconcileMetrics(metrics: Pick<MetricTally, 'sum'>): MetricReconciliation {
  const delivered = metrics.sum('Delivered');
  const duplicateSkipped = metrics.sum('DuplicateSkipped');
  const deliveryDeadLettered = metrics.sum('DeliveryDeadLettered');
  const eventsMapped = metrics.sum('EventsMapped');
  return {
    webhookAccepted: metrics.sum('WebhookAccepted'),
    webhookRejected: metrics.sum('WebhookRejected'),
    eventsMapped,
    recordsQuarantined: metrics.sum('RecordsQuarantined'),
    partialHeldBack: metrics.sum('PartialHeldBack'),
    delivered,
    duplicateSkipped,
    deliveryFailed: metrics.sum('DeliveryFailed'),
    deliveryDeadLettered,
    unsettled: eventsMapped - delivered - duplicateSkipped - deliveryDeadLettered,
  };
}
