import type { SQSRecord } from 'aws-lambda';
import { canonicalEventSchema, type CanonicalEvent } from '../../schemas';
import { logger } from '../shared/logger';
import { fromMessageAttributes } from '../shared/message-attributes';
import { metrics, MetricUnit } from '../shared/metrics';
import { PermanentDeliveryError } from './delivery-errors';

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
  readonly status: number | 'not-applicable';
}

/** The connector's I/O, so the record flow is tested against dynalite and real servers without Lambda. */
export interface RecordPorts {
  readonly deliverOnce: (delivery: IdempotentDelivery) => Promise<DeliveryReceipt>;
  readonly deadLetter: (record: SQSRecord, reason: string, detail: string) => Promise<void>;
  readonly newToken: () => string;
}

/**
 * Delivers one queued canonical event at most once in effect. A body that is not a canonical event, or a
 * permanent refusal, goes straight to the dead-letter queue with its reason; transient failures throw so
 * the batch reports this record alone as failed.
 */
export async function processRecord(destination: string, record: SQSRecord, ports: RecordPorts): Promise<void> {
  const attributes = fromMessageAttributes(record.messageAttributes);
  logger.appendKeys({ correlationId: attributes.correlationId, destination });
  const parsed = parseEvent(record.body);
  if (!parsed.ok) {
    await ports.deadLetter(record, 'invalid-event', parsed.detail);
    metrics.addMetric('DeliveryDeadLettered', MetricUnit.Count, 1);
    logger.error('not a canonical event; dead-lettered', { detail: parsed.detail });
    return;
  }
  const event = parsed.event;
  const attemptToken = ports.newToken();
  try {
    const receipt = await ports.deliverOnce({ destination, eventId: event.id, event, attemptToken });
    if (receipt.attemptToken !== attemptToken) {
      metrics.addMetric('DuplicateSkipped', MetricUnit.Count, 1);
      logger.info('duplicate skipped', { eventId: event.id, eventType: event.type });
      return;
    }
    const latencyMs = Date.now() - Date.parse(attributes.receivedAt);
    metrics.addMetric('Delivered', MetricUnit.Count, 1);
    if (Number.isFinite(latencyMs)) metrics.addMetric('EndToEndLatency', MetricUnit.Milliseconds, latencyMs);
    logger.info('delivered', { eventId: event.id, eventType: event.type, status: receipt.status, latencyMs });
  } catch (error) {
    if (!(error instanceof PermanentDeliveryError)) {
      metrics.addMetric('DeliveryFailed', MetricUnit.Count, 1);
      logger.warn('delivery failed; will retry', { eventId: event.id, error });
      throw error;
    }
    await ports.deadLetter(record, error.reason, error.detail);
    metrics.addMetric('DeliveryDeadLettered', MetricUnit.Count, 1);
    logger.error('delivery refused; dead-lettered', { eventId: event.id, reason: error.reason, detail: error.detail });
  }
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

export { PermanentDeliveryError };
