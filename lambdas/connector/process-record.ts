import type { SQSRecord } from 'aws-lambda';
import { canonicalEventSchema, type CanonicalEvent } from '../../schemas';
import { eventLogFields, recordLogFields } from '../shared/log-fields';
import { logger } from '../shared/logger';
import { fromMessageAttributes, type EventAttributes } from '../shared/message-attributes';
import { tracedRecord } from '../shared/trace-annotations';
import { metrics, MetricUnit } from '../shared/metrics';
import { PermanentDeliveryError, spendsAttempt, TransientDeliveryError, type DeferralReason } from './delivery-errors';
import { decideRetry, pastKeeping, type RetryPolicy } from './retry-decision';

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
  /**
   * The destination's HTTP status; `not-applicable` when it has no use for the event, `stale` when a later change
   * is there, `duplicate` when this very event reached it already.
   */
  readonly status: number | 'not-applicable' | 'stale' | 'duplicate';
}

/** The connector's I/O, so the record flow is tested against dynalite and real servers without Lambda. */
export interface RecordPorts {
  readonly deliverOnce: (delivery: IdempotentDelivery) => Promise<DeliveryReceipt>;
  readonly deadLetter: (record: SQSRecord, reason: string, detail: string) => Promise<void>;
  /** Hands the record back to its queue to be seen again after the delay (gathered into ChangeMessageVisibilityBatch). */
  readonly defer: (record: SQSRecord, delaySeconds: number) => void;
  /** Adds an attempt that reached the destination to the event's count, and returns the count. */
  readonly countAttempt: (eventId: string) => Promise<number>;
  /** Forgets the event's count once it is dead-lettered, so a redrive starts afresh. */
  readonly forgetAttempts: (eventId: string) => Promise<void>;
  readonly retryPolicy: RetryPolicy;
  readonly random: () => number;
  readonly nowMs: () => number;
  readonly newToken: () => string;
}

const DEFERRAL_METRIC: Record<DeferralReason, string> = {
  'circuit-open': 'CircuitRefused',
  'rate-limited': 'RateLimited',
  throttled: 'Throttled429',
  'version-busy': 'VersionBusy',
  'in-progress-elsewhere': 'InProgressElsewhere',
  failed: 'DeliveryFailed',
};

/**
 * Delivers one queued canonical event at most once in effect. A body that is not a canonical event, a permanent
 * refusal, or a record past its retry horizon or attempt budget goes to the dead-letter queue with its reason;
 * anything else not delivered now is deferred and throws, so the batch reports this record alone as failed.
 */
export function processRecord(destination: string, record: SQSRecord, ports: RecordPorts): Promise<void> {
  const attributes = fromMessageAttributes(record.messageAttributes);
  const annotations = { correlationId: attributes.correlationId, destination, eventType: attributes.eventType };
  return tracedRecord('delivery', annotations, () => deliverRecord(destination, record, attributes, ports));
}

/** When the connector first received the record: after a redrive, the first receive from the delivery queue again. */
function retryingSince(record: SQSRecord): number {
  const firstReceive = Number(record.attributes.ApproximateFirstReceiveTimestamp);
  return Number.isFinite(firstReceive) && firstReceive > 0 ? firstReceive : Number(record.attributes.SentTimestamp);
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
  const deadLetter = async (reason: string, detail: string) => {
    await ports.deadLetter(record, reason, detail);
    metrics.addMetric('DeliveryDeadLettered', MetricUnit.Count, 1);
  };
  const since = retryingSince(record);
  const expired = pastKeeping(since, ports.nowMs(), ports.retryPolicy);
  if (expired?.kind === 'dead-letter') {
    await deadLetter(expired.reason, expired.detail);
    await ports.forgetAttempts(event.id);
    logger.error('kept waiting past what the queue keeps; dead-lettered', { ...context, reason: expired.reason });
    return;
  }
  const attemptToken = ports.newToken();
  try {
    const receipt = await ports.deliverOnce({ destination, eventId: event.id, event, attemptToken });
    recordReceipt(receipt, receipt.attemptToken === attemptToken, context, attributes.receivedAt);
  } catch (error) {
    if (error instanceof PermanentDeliveryError) {
      await deadLetter(error.reason, error.detail);
      // The destination's answer may echo what was sent (names, emails): it goes to the DLQ message, not the logs.
      logger.error('delivery refused; dead-lettered with the answer attached', { ...context, reason: error.reason });
      return;
    }
    const deferral = asDeferral(error);
    const attempts = deferral && spendsAttempt(deferral.reason) ? await ports.countAttempt(event.id) : 0;
    const decision = decideRetry(
      deferral?.reason,
      {
        attempts,
        receiveCount: Number(record.attributes.ApproximateReceiveCount),
        elapsedSeconds: (ports.nowMs() - since) / 1000,
        retryAfterSeconds: deferral?.retryAfterSeconds,
      },
      ports.retryPolicy,
      ports.random,
    );
    if (decision.kind === 'dead-letter') {
      await deadLetter(decision.reason, `${decision.detail}; last: ${deferral?.detail ?? String(error)}`);
      await ports.forgetAttempts(event.id);
      logger.error('retries exhausted; dead-lettered', { ...context, reason: decision.reason, attempts });
      return;
    }
    metrics.addMetric(deferral ? DEFERRAL_METRIC[deferral.reason] : 'DeliveryFailed', MetricUnit.Count, 1);
    const line = {
      ...context,
      reason: deferral?.reason ?? 'unexpected-error',
      delaySeconds: decision.delaySeconds,
      ...(attempts > 0 ? { attempts } : {}),
      // A deferral's detail may quote the destination's answer; an unexpected error (AWS, a bug) is needed whole.
      ...(deferral ? {} : { error }),
    };
    // Waiting is the normal course under load or during an outage; only failures are worth a warning.
    if (deferral && !spendsAttempt(deferral.reason)) logger.info('delivery deferred', line);
    else logger.warn('delivery deferred', line);
    ports.defer(record, decision.delaySeconds);
    throw error;
  }
}

/**
 * The deferral an error stands for. Powertools' "already in progress" is a copy of this event being delivered by
 * another instance: it waits like any other wait, and is no failure.
 */
function asDeferral(error: unknown): TransientDeliveryError | undefined {
  if (error instanceof TransientDeliveryError) return error;
  if (error instanceof Error && error.name === 'IdempotencyAlreadyInProgressError') {
    return new TransientDeliveryError('in-progress-elsewhere', 'a copy of this event is being delivered');
  }
  return undefined;
}

/** Counts and logs a finished delivery; a receipt with another attempt's token is a duplicate absorbed. */
function recordReceipt(
  receipt: DeliveryReceipt,
  ownAttempt: boolean,
  eventContext: { correlationId: string; eventId: string; eventType: string },
  receivedAt: string,
): void {
  const context = { ...eventContext, status: receipt.status };
  if (!ownAttempt || receipt.status === 'duplicate') {
    metrics.addMetric('DuplicateSkipped', MetricUnit.Count, 1);
    logger.info('duplicate skipped', context);
    return;
  }
  if (receipt.status === 'stale') {
    metrics.addMetric('StaleDropped', MetricUnit.Count, 1);
    logger.info('stale update dropped; a newer version is at the destination or on its way', context);
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
