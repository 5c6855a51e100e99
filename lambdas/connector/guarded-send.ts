import { createHash } from 'node:crypto';
import type { DestinationConfig } from '../../config/schema';
import type { CanonicalEvent } from '../../schemas';
import { retryTransient } from '../shared/retry-policy';
import type { SharedCircuitBreaker, CircuitPass } from './circuit-breaker';
import type { DeliveryOutcome } from './classify-response';
import { PermanentDeliveryError, TransientDeliveryError } from './delivery-errors';
import { orderedChangeFor, requestFor, type DestinationRequest, type OrderedChange } from './destinations';
import type { DeliveryReceipt, IdempotentDelivery } from './process-record';
import type { SharedRateLimiter } from './rate-limit';
import { sendCoalescer, type SendCoalescer } from './send-coalescer';
import { sendWithAuth, tracingOf, type SendPorts } from './send-with-auth';
import type { VersionGuard } from './version-guard';

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

/** The send that event-id idempotency wraps, and the wrapper: Powertools' `makeIdempotent` in the handler. */
export type IdempotentSend = (delivery: IdempotentDelivery) => Promise<DeliveryReceipt>;
export type MakeIdempotent = (send: IdempotentSend) => IdempotentSend;

/** A rate-limit wait this short is cheaper to sleep through than to hand the record back to SQS. */
const MAX_RATE_WAIT_MS = 250;
/** Long enough for a batch's records, processed side by side, to reach the send together. */
const BATCH_WINDOW_MS = 25;
const IN_INVOCATION_RETRY = { maxAttempts: 2, baseMs: 100, capMs: 1_000 } as const;

/** A send that got no answer (a timeout, a dropped connection) may still be applied by the destination. */
const isInDoubt = (outcome: DeliveryOutcome): boolean => outcome.kind === 'transient' && outcome.status === undefined;

/**
 * Delivers one event through the breaker, the subject's ordering claim and the shared rate, in that order, so
 * nothing spends a rate token or an idempotency write on what will not be sent:
 *
 * - a subject the destination keeps state for (an order, a customer, a stock level, a 3PL order) is claimed in the version guard
 *   first, which drops a stale change and recognises a duplicate with one conditional write, and fences the subject
 *   after a send whose answer never came, since that write may still land;
 * - an append (an analytics event, a CRM note) takes its rate token, then goes through event-id
 *   idempotency (`makeIdempotent`) around the send.
 *
 * It returns a receipt only when the event is done with (delivered, not wanted by this destination, stale or a
 * duplicate) and throws otherwise.
 */
export function guardedDelivery(
  deps: GuardedSendDeps,
  makeIdempotent: MakeIdempotent,
): (delivery: IdempotentDelivery) => Promise<DeliveryReceipt> {
  const { destination, breaker } = deps;
  /** The breaker's pass of each append under way, by attempt token, and whether the breaker heard its answer. */
  const passes = new Map<string, { readonly admission: CircuitPass; settled: boolean }>();
  const reported = new WeakSet<DeliveryOutcome>();
  const appendOnce = makeIdempotent(async ({ event, attemptToken }) => {
    const shaped = requestFor(destination.name, event);
    const pass = passes.get(attemptToken);
    if (!shaped || !pass) return { attemptToken, status: 'not-applicable' };
    const outcome = deps.batchSend ? await deps.batchSend.submit(event) : await sendRetrying(deps, event, shaped, true);
    pass.settled = true;
    return settle(deps, pass.admission, outcome, attemptToken, reported);
  });

  return async (delivery) => {
    const { event, attemptToken } = delivery;
    const shaped = requestFor(destination.name, event);
    if (!shaped) return { attemptToken, status: 'not-applicable' };

    const admission = await breaker.beforeSend();
    if (!admission.allowed) {
      throw new TransientDeliveryError('circuit-open', 'circuit open', Math.ceil(admission.retryAfterMs / 1000));
    }
    const ordered = orderedChangeFor(destination.name, event);
    if (ordered) return deliverInOrder(deps, admission, ordered, delivery, shaped);

    const pass = { admission, settled: false };
    passes.set(attemptToken, pass);
    try {
      if (!deps.batchSend) await takeRateToken(deps);
      return await appendOnce(delivery);
    } finally {
      passes.delete(attemptToken);
      // Not sent after all (no token, a duplicate, a copy in progress): a probe's claim is handed back at once.
      if (!pass.settled) await breaker.abandon(admission);
    }
  };
}

/** Claim the subject, take a token, send, then confirm, release or fence. */
async function deliverInOrder(
  deps: GuardedSendDeps,
  admission: CircuitPass,
  ordered: OrderedChange,
  { event, attemptToken }: IdempotentDelivery,
  shaped: DestinationRequest,
): Promise<DeliveryReceipt> {
  const { versionGuard, breaker } = deps;
  const { key, change } = ordered;
  const claim = await versionGuard.claim(key, change, attemptToken);
  if (claim.outcome !== 'claimed') await breaker.abandon(admission);
  switch (claim.outcome) {
    case 'duplicate':
      return { attemptToken, status: 'duplicate' };
    case 'stale':
      return { attemptToken, status: 'stale' };
    case 'busy':
      // The lease's expiry only bounds the wait: the holder usually confirms in milliseconds.
      throw new TransientDeliveryError(
        claim.sameEvent ? 'in-progress-elsewhere' : 'version-busy',
        claim.sameEvent ? 'a copy of this event is being delivered' : 'another change of this subject is in flight',
        Math.ceil(claim.retryAfterMs / 1000),
      );
    case 'claimed':
      break;
  }
  let outcome: DeliveryOutcome;
  try {
    await takeRateToken(deps);
    // No quick retry after a send that got no answer: the first may still land, after the second.
    outcome = await sendRetrying(deps, event, shaped, false);
  } catch (error) {
    await releaseQuietly(versionGuard, key, attemptToken);
    await breaker.abandon(admission);
    throw error;
  }
  if (outcome.kind === 'delivered') {
    await versionGuard.confirm(key, change, attemptToken);
  } else if (isInDoubt(outcome)) {
    await versionGuard.fence(key, attemptToken, deps.nowMs() + deps.destination.writeFenceSeconds * 1000);
  } else {
    await releaseQuietly(versionGuard, key, attemptToken);
  }
  return settle(deps, admission, outcome, attemptToken, new WeakSet());
}

/** The request with one quick retry for a transient fault within the deadline; 429s are left to the shared rate. */
function sendRetrying(
  deps: GuardedSendDeps,
  event: CanonicalEvent,
  shaped: DestinationRequest,
  retryUnanswered: boolean,
): Promise<DeliveryOutcome> {
  const { destination } = deps;
  return retryTransient(() => sendWithAuth(destination, tracingOf(event), shaped, deps), {
    ...IN_INVOCATION_RETRY,
    deadlineMs: deps.deadlineMs(),
    attemptTimeoutMs: destination.requestTimeoutMs,
    isTransient: (failure) =>
      'value' in failure &&
      failure.value.kind === 'transient' &&
      failure.value.status !== 429 &&
      (retryUnanswered || !isInDoubt(failure.value)),
  });
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

async function takeRateToken(deps: GuardedSendDeps): Promise<void> {
  let grant = await deps.limiter.acquire();
  if (!grant.granted && grant.waitMs <= MAX_RATE_WAIT_MS) {
    await deps.sleep(grant.waitMs);
    grant = await deps.limiter.acquire();
  }
  if (!grant.granted) {
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
      throw new PermanentDeliveryError(outcome.reason ?? `refused-${outcome.status}`, outcome.detail);
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

/** The send's own answer is the one worth reporting; a lease that cannot be released now runs out by itself. */
async function releaseQuietly(guard: VersionGuard, key: string, owner: string): Promise<void> {
  try {
    await guard.release(key, owner);
  } catch {
    return;
  }
}
