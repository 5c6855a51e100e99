import { createHash } from 'node:crypto';
import type { DestinationConfig } from '../../config/schema';
import type { CanonicalEvent } from '../../schemas';
import { logger } from '../shared/logger';
import { retryTransient } from '../shared/retry-policy';
import type { SharedCircuitBreaker, CircuitPass } from './circuit-breaker';
import type { DeliveryOutcome } from './classify-response';
import { PermanentDeliveryError, TransientDeliveryError } from './delivery-errors';
import { requestFor, versionKeyFor, type DestinationRequest } from './destinations';
import type { DeliveryReceipt, IdempotentDelivery } from './process-record';
import type { SharedRateLimiter } from './rate-limit';
import { sendCoalescer, type SendCoalescer } from './send-coalescer';
import { sendWithAuth, tracingOf, type SendPorts } from './send-with-auth';
import { sendInOrder, type VersionGuard } from './version-guard';

/** Everything a guarded send consults, shared by the destination's concurrent instances through the state table. */
export interface GuardedSendDeps extends SendPorts {
  readonly destination: DestinationConfig;
  readonly breaker: SharedCircuitBreaker;
  readonly limiter: SharedRateLimiter;
  readonly versionGuard: VersionGuard;
  /** Epoch ms by which in-invocation retries must be over (the Lambda deadline less a margin). */
  readonly deadlineMs: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** For destinations with a batch API: events are sent together, one rate token per request. */
  readonly batchSend?: SendCoalescer<CanonicalEvent, DeliveryOutcome>;
}

/** A rate-limit wait this short is cheaper to sleep through than to hand the record back to SQS. */
const MAX_RATE_WAIT_MS = 250;
/** Long enough for a batch's records, processed side by side, to reach the send together. */
const BATCH_WINDOW_MS = 25;
const IN_INVOCATION_RETRY = { maxAttempts: 2, baseMs: 100, capMs: 1_000 } as const;

/**
 * The function idempotency wraps: circuit breaker, shared rate, version guard for stock levels, then the send
 * with one quick retry for a transient fault. It returns a receipt only when the event is done with (delivered,
 * not wanted by this destination, or stale), and throws otherwise, so Powertools stores only finished work.
 */
export function guardedSend(deps: GuardedSendDeps): (delivery: IdempotentDelivery) => Promise<DeliveryReceipt> {
  const { destination, breaker } = deps;
  const reported = new WeakSet<DeliveryOutcome>();
  return async ({ event, attemptToken }) => {
    const shaped = requestFor(destination.name, event);
    if (!shaped) return { attemptToken, status: 'not-applicable' };

    const admission = await breaker.beforeSend();
    if (!admission.allowed) {
      throw new TransientDeliveryError('circuit-open', 'circuit open', Math.ceil(admission.retryAfterMs / 1000));
    }
    const { batchSend } = deps;
    if (!batchSend) await takeRateToken(deps, admission);

    const sendAlone = () =>
      retryTransient(() => sendWithAuth(destination, tracingOf(event), shaped, deps), {
        ...IN_INVOCATION_RETRY,
        deadlineMs: deps.deadlineMs(),
        attemptTimeoutMs: destination.requestTimeoutMs,
        // 429 is never retried here: the shared rate has to come down first.
        isTransient: (failure) =>
          'value' in failure && failure.value.kind === 'transient' && failure.value.status !== 429,
      });
    const send = batchSend ? () => sendInBatch(batchSend, event, () => breaker.abandon(admission)) : sendAlone;
    let outcome: DeliveryOutcome;
    const versioned = versionKeyFor(destination.name, event);
    if (versioned) {
      const guarded = await sendInOrder(
        deps.versionGuard,
        versioned,
        attemptToken,
        send,
        (result) => result.kind === 'delivered',
      );
      if (guarded.outcome === 'stale') {
        await breaker.abandon(admission);
        return { attemptToken, status: 'stale' };
      }
      if (guarded.outcome === 'busy') {
        await breaker.abandon(admission);
        // The lease's expiry only bounds the wait: the holder usually confirms in milliseconds, so the
        // record comes back on the normal short schedule rather than after the whole lease.
        throw new TransientDeliveryError('version-busy', 'another version of this item is in flight');
      }
      if (guarded.outcome === 'applied' && guarded.leaseLost) {
        logger.warn('version lease ran out before the destination answered; order was not guaranteed', {
          correlationId: event.correlationid,
          eventId: event.id,
        });
      }
      outcome = guarded.result;
    } else {
      outcome = await send();
    }
    return settle(deps, admission, outcome, attemptToken, reported);
  };
}

/** Sends the event with the others of its moment; a batch refused by the shared rate releases this pass. */
async function sendInBatch(
  batchSend: SendCoalescer<CanonicalEvent, DeliveryOutcome>,
  event: CanonicalEvent,
  abandon: () => Promise<void>,
): Promise<DeliveryOutcome> {
  try {
    return await batchSend.submit(event);
  } catch (error) {
    await abandon();
    throw error;
  }
}

/**
 * The batch sender of a destination with a batch API: one rate token and one request for every event the
 * invocation's records hand it within a few milliseconds.
 */
export function batchSender(
  deps: Omit<GuardedSendDeps, 'batchSend'>,
  batchRequest: (events: readonly CanonicalEvent[]) => DestinationRequest | undefined,
): SendCoalescer<CanonicalEvent, DeliveryOutcome> {
  return sendCoalescer({
    maxItems: deps.destination.batchSize,
    windowMs: BATCH_WINDOW_MS,
    sendBatch: async (events) => {
      const grant = await deps.limiter.acquire();
      if (!grant.granted) {
        throw new TransientDeliveryError('rate-limited', 'over the shared send rate', Math.ceil(grant.waitMs / 1000));
      }
      const shaped = batchRequest(events);
      if (!shaped) return { kind: 'permanent', status: 0, detail: 'the destination builds no request for this batch' };
      const ids = createHash('sha256')
        .update(events.map((event) => event.id).join('\n'))
        .digest('hex');
      return sendWithAuth(
        deps.destination,
        { correlationId: events[0]!.correlationid, idempotencyKey: `batch:${ids}` },
        shaped,
        deps,
      );
    },
  });
}

async function takeRateToken(deps: GuardedSendDeps, admission: CircuitPass): Promise<void> {
  let grant = await deps.limiter.acquire();
  if (!grant.granted && grant.waitMs <= MAX_RATE_WAIT_MS) {
    await deps.sleep(grant.waitMs);
    grant = await deps.limiter.acquire();
  }
  if (!grant.granted) {
    await deps.breaker.abandon(admission);
    throw new TransientDeliveryError('rate-limited', 'over the shared send rate', Math.ceil(grant.waitMs / 1000));
  }
}

/** Tells the breaker and the rate what the destination said, then finishes or throws accordingly. */
async function settle(
  deps: GuardedSendDeps,
  admission: CircuitPass,
  outcome: DeliveryOutcome,
  attemptToken: string,
  reported: WeakSet<DeliveryOutcome>,
): Promise<DeliveryReceipt> {
  // A batch request's one answer is shared by all its events: the breaker and the rate hear it once (and a
  // probe always reports, since its pass has to be settled).
  const report = admission.probe || !reported.has(outcome);
  reported.add(outcome);
  switch (outcome.kind) {
    case 'delivered':
      if (report) {
        await deps.breaker.recordSuccess(admission);
        deps.limiter.onSuccess();
      }
      return { attemptToken, status: outcome.status };
    case 'permanent':
      // The destination answered: it is up, whatever it thought of this request.
      if (report) await deps.breaker.recordSuccess(admission);
      throw new PermanentDeliveryError(`refused-${outcome.status}`, outcome.detail);
    case 'transient':
      if (outcome.status === 429) {
        if (report) {
          await deps.limiter.onThrottled(outcome.retryAfterSeconds);
          await deps.breaker.recordSuccess(admission);
        }
        throw new TransientDeliveryError('throttled', outcome.detail, outcome.retryAfterSeconds);
      }
      if (report) await deps.breaker.recordFailure(admission);
      throw new TransientDeliveryError('failed', outcome.detail, outcome.retryAfterSeconds);
  }
}
