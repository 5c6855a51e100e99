import { visibilityDelaySeconds } from '../shared/retry-policy';
import { spendsAttempt, type DeferralReason } from './delivery-errors';

/** How long and how often one destination's deliveries are retried (from its config). */
export interface RetryPolicy {
  /** Attempts that reached the destination (or got no answer) before an event is dead-lettered. */
  readonly maxAttempts: number;
  /**
   * How long an event is retried, from when the connector first received it: a failed attempt or an open circuit
   * past it dead-letters the event. Waiting behind the destination's rate or another delivery of its subject does
   * not, until the queue would no longer keep the message (`keepSeconds`, less an hour).
   */
  readonly horizonSeconds: number;
  /** How long the delivery queue keeps a message. */
  readonly keepSeconds: number;
  /** First delay after a failed attempt; doubles with each attempt, with jitter. */
  readonly baseSeconds: number;
  /** No delay after a failed attempt is longer, unless Retry-After asks for more. */
  readonly capSeconds: number;
}

/** What to do with a record that was not delivered this time. */
export type RetryDecision =
  | { readonly kind: 'defer'; readonly delaySeconds: number }
  | {
      readonly kind: 'dead-letter';
      readonly reason: 'horizon-exceeded' | 'attempts-exhausted';
      readonly detail: string;
    };

/** A deferral that waits for something rather than retrying a failure never waits longer than this at a time. */
const MAX_WAIT_SECONDS = 900;
/** Errors of Interchange's own (the state table unreachable) retry on the failure schedule, capped lower. */
const UNEXPECTED_CAP_SECONDS = 300;

/** Kept between the last wait and the queue's retention, so a waiting message is dead-lettered before it expires. */
const EXPIRY_MARGIN_SECONDS = 3600;

/**
 * Whether a record received now must be dead-lettered without a send: it has waited so long that the queue would
 * soon drop it. Nothing expires unseen; it goes to the DLQ with `horizon-exceeded` instead.
 */
export function pastKeeping(
  retryingSinceMs: number,
  nowMs: number,
  policy: Pick<RetryPolicy, 'horizonSeconds' | 'keepSeconds'>,
): RetryDecision | undefined {
  const elapsedSeconds = (nowMs - retryingSinceMs) / 1000;
  const limit = Math.max(policy.horizonSeconds, policy.keepSeconds - EXPIRY_MARGIN_SECONDS);
  return elapsedSeconds > limit ? horizonExceeded(elapsedSeconds, policy) : undefined;
}

function horizonExceeded(elapsedSeconds: number, policy: Pick<RetryPolicy, 'horizonSeconds'>): RetryDecision {
  return {
    kind: 'dead-letter',
    reason: 'horizon-exceeded',
    detail: `retried for ${Math.round(elapsedSeconds)} s; the next attempt would pass the destination's horizon of ${policy.horizonSeconds} s`,
  };
}

/**
 * When a record not delivered this time comes back, or that it goes to the dead-letter queue. Retries are measured
 * in time and in attempts that reached the destination. A failure (a failed attempt, an open circuit, an error of
 * Interchange's own) whose next attempt would come past the horizon dead-letters with `horizon-exceeded`; otherwise:
 * - `failed` spent an attempt: dead-lettered once `attempts` reaches the budget, otherwise back after a growing,
 *   jittered delay (Retry-After as a floor);
 * - a wait (circuit open, no rate token, a 429, the subject or the event busy elsewhere) spends nothing and comes
 *   back when the wait is over (`retryAfterSeconds`), spread by up to one base delay so waiting records do not all
 *   return at once; a wait on another delivery, which usually ends in milliseconds, is rechecked within a base delay;
 * - an unexpected error (no reason) is retried on the failure schedule by receive count, capped at five minutes.
 */
export function decideRetry(
  reason: DeferralReason | undefined,
  facts: {
    readonly attempts: number;
    readonly receiveCount: number;
    /** Seconds since the connector first received the record. */
    readonly elapsedSeconds: number;
    readonly retryAfterSeconds?: number | undefined;
  },
  policy: RetryPolicy,
  random: () => number,
): RetryDecision {
  const decision = deferral(reason, facts, policy, random);
  const failing = reason === undefined || reason === 'failed' || reason === 'circuit-open';
  // A failing destination that would only be tried again past the horizon (a long Retry-After, an open circuit's
  // cooldown) has had its time: the event is dead-lettered now rather than tried once more after the horizon.
  if (failing && decision.kind === 'defer' && facts.elapsedSeconds + decision.delaySeconds > policy.horizonSeconds) {
    return horizonExceeded(facts.elapsedSeconds, policy);
  }
  return decision;
}

function deferral(
  reason: DeferralReason | undefined,
  facts: Parameters<typeof decideRetry>[1],
  policy: RetryPolicy,
  random: () => number,
): RetryDecision {
  const { baseSeconds } = policy;
  if (reason === undefined) {
    return {
      kind: 'defer',
      delaySeconds: visibilityDelaySeconds(Math.max(1, facts.receiveCount), undefined, random, {
        baseSeconds,
        capSeconds: Math.min(policy.capSeconds, UNEXPECTED_CAP_SECONDS),
      }),
    };
  }
  if (spendsAttempt(reason)) {
    if (facts.attempts >= policy.maxAttempts) {
      return {
        kind: 'dead-letter',
        reason: 'attempts-exhausted',
        detail: `${facts.attempts} attempts reached the destination without success`,
      };
    }
    return {
      kind: 'defer',
      delaySeconds: visibilityDelaySeconds(Math.max(1, facts.attempts), facts.retryAfterSeconds, random, {
        baseSeconds,
        capSeconds: policy.capSeconds,
      }),
    };
  }
  const waitSeconds = facts.retryAfterSeconds ?? baseSeconds;
  const onAnotherDelivery = reason === 'version-busy' || reason === 'in-progress-elsewhere';
  const untilFree = onAnotherDelivery ? Math.min(waitSeconds, baseSeconds) : waitSeconds;
  return {
    kind: 'defer',
    delaySeconds: Math.max(1, Math.min(MAX_WAIT_SECONDS, Math.ceil(untilFree + random() * baseSeconds))),
  };
}
