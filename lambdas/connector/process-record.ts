import type { SQSRecord } from 'aws-lambda';
import { canonicalEventSchema, type CanonicalEvent } from '../../schemas';
import { eventLogFields, recordLogFields } from '../shared/log-fields';
import { logger } from '../shared/logger';
import { fromMessageAttributes, type EventAttributes } from '../shared/message-attributes';
import { tracedRecord } from '../shared/trace-annotations';
import { metrics, MetricUnit } from '../shared/metrics';
import { PermanentDeliveryError, TransientDeliveryError, type DeferralReason } from './delivery-errors';

/** What is handed to the idempotent send: the key fields first, and a token that tells a replayed result apart. */
export interface IdempotentDelivery {
  readonly destination: string;
  readonly eventId: string;
  readonly event: CanonicalEvent;
  readonly attemptToken: string;
}

/** The result idempotency stores; a duplicate gets back a token other than its own. */
export interface DeliveryReceipt {
  readonly attemptToken: string;
  /** The destination's HTTP status; `not-applicable` when it has no use for the event, `stale` when newer data is there. */
  readonly status: number | 'not-applicable' | 'stale';
}

/** The connector's I/O, so the record flow is tested against dynalite and real servers without Lambda. */
export interface RecordPorts {
  readonly deliverOnce: (delivery: IdempotentDelivery) => Promise<DeliveryReceipt>;
  readonly deadLetter: (record: SQSRecord, reason: string, detail: string) => Promise<void>;
  /** Hands the record back to its queue to be seen again after the delay (ChangeMessageVisibility). */
  readonly defer: (record: SQSRecord, delaySeconds: number) => Promise<void>;
  /** The delay before a deferred record comes back, growing with its receive count. */
  readonly deferralSeconds: (receiveCount: number, retryAfterSeconds: number | undefined) => number;
  readonly newToken: () => string;
}

const DEFERRAL_METRIC: Record<DeferralReason, string> = {
  'circuit-open': 'CircuitRefused',
  'rate-limited': 'RateLimited',
  throttled: 'Throttled429',
  'version-busy': 'VersionBusy',
  failed: 'DeliveryFailed',
};

/**
 * Delivers one queued canonical event at most once in effect. A body that is not a canonical event, or a
 * permanent refusal, goes straight to the dead-letter queue with its reason; transient failures throw so
 * the batch reports this record alone as failed.
 */
export function processRecord(destination: string, record: SQSRecord, ports: RecordPorts): Promise<void> {
  const attributes = fromMessageAttributes(record.messageAttributes);
  const annotations = { correlationId: attributes.correlationId, destination, eventType: attributes.eventType };
  return tracedRecord('delivery', annotations, () => deliverRecord(destination, record, attributes, ports));
}

async function deliverRecord(
  destination: string,
  record: SQSRecord,
  attributes: EventAttributes,
  ports: RecordPorts,
): Promise<void> {
  // Records of a batch run side by side, so each line names its own event instead of the logger's keys.
  const base = recordLogFields(attributes);
  const parsed = parseEvent(record.body);
  if (!parsed.ok) {
    await ports.deadLetter(record, 'invalid-event', parsed.detail);
    metrics.addMetric('DeliveryDeadLettered', MetricUnit.Count, 1);
    logger.error('not a canonical event; dead-lettered', { ...base, detail: parsed.detail });
    return;
  }
  const event = parsed.event;
  const context = eventLogFields(attributes, event);
  const attemptToken = ports.newToken();
  try {
    const receipt = await ports.deliverOnce({ destination, eventId: event.id, event, attemptToken });
    recordReceipt(receipt, receipt.attemptToken === attemptToken, context, attributes.receivedAt);
  } catch (error) {
    if (error instanceof PermanentDeliveryError) {
      await ports.deadLetter(record, error.reason, error.detail);
      metrics.addMetric('DeliveryDeadLettered', MetricUnit.Count, 1);
      // The destination's answer may echo what was sent (names, emails): it goes to the DLQ message, not the logs.
      logger.error('delivery refused; dead-lettered with the answer attached', { ...context, reason: error.reason });
      return;
    }
    const deferral = error instanceof TransientDeliveryError ? error : undefined;
    const delaySeconds = ports.deferralSeconds(
      Number(record.attributes.ApproximateReceiveCount),
      deferral?.retryAfterSeconds,
    );
    metrics.addMetric(deferral ? DEFERRAL_METRIC[deferral.reason] : 'DeliveryFailed', MetricUnit.Count, 1);
    logger.warn('delivery deferred', {
      ...context,
      reason: deferral?.reason ?? 'unexpected-error',
      delaySeconds,
      // A deferral's detail may quote the destination's answer; an unexpected error (AWS, a bug) is needed whole.
      ...(deferral ? {} : { error }),
    });
    await ports.defer(record, delaySeconds);
    throw error;
  }
}

/** Counts and logs a finished delivery; a receipt with another attempt's token is a duplicate absorbed. */
function recordReceipt(
  receipt: DeliveryReceipt,
  ownAttempt: boolean,
  eventContext: { correlationId: string; eventId: string; eventType: string },
  receivedAt: string,
): void {
  const context = { ...eventContext, status: receipt.status };
  if (!ownAttempt) {
    metrics.addMetric('DuplicateSkipped', MetricUnit.Count, 1);
    logger.info('duplicate skipped', context);
    return;
  }
  if (receipt.status === 'stale') {
    metrics.addMetric('StaleDropped', MetricUnit.Count, 1);
    logger.info('stale update dropped; the destination holds a newer version', context);
    return;
  }
  if (receipt.status === 'not-applicable') {
    metrics.addMetric('NotApplicable', MetricUnit.Count, 1);
    logger.info('not applicable to this destination', context);
    return;
  }
  const latencyMs = Date.now() - Date.parse(receivedAt);
  metrics.addMetric('Delivered', MetricUnit.Count, 1);
  if (Number.isFinite(latencyMs)) metrics.addMetric('EndToEndLatency', MetricUnit.Milliseconds, latencyMs);
  logger.info('delivered', { ...context, endToEndMs: latencyMs });
}

function parseEvent(body: string): { ok: true; event: CanonicalEvent } | { ok: false; detail: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, detail: 'body is not JSON' };
  }
  const result = canonicalEventSchema.safeParse(json);
  if (result.success) return { ok: true, event: result.data };
  return {
    ok: false,
    detail: result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
  };
}
