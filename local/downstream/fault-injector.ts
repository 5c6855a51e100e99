/**
 * Decides, request by request, whether a fault plan turns a request into a failure. It holds the plan's running state
 * (position in the status script, the token bucket) and takes the clock as an argument so tests can move time.
 */
import type { FaultPlan } from './fault-plan';
import type { RandomSource } from './seeded-random';
import { TokenBucket } from './token-bucket';

/** What to do with one request before any authentication or normal handling. */
export type FaultDecision =
  | { kind: 'pass'; status?: number }
  | { kind: 'fail'; status: number; reason: string; retryAfterSeconds?: number }
  | { kind: 'hang' };

const isSuccess = (status: number): boolean => status >= 200 && status < 300;

/**
 * Applies a plan in a fixed order, from the most to the least severe: a hung request, an outage, a permanent status,
 * the next scripted status, the rate limit, then the random error rate.
 */
export class FaultInjector {
  private scriptPosition = 0;
  private readonly bucket: TokenBucket | undefined;

  constructor(
    readonly plan: FaultPlan,
    private readonly random: RandomSource,
    now: number,
  ) {
    const limit = plan.rateLimit;
    this.bucket =
      limit && new TokenBucket(limit.requestsPerSecond, limit.burst ?? Math.max(1, limit.requestsPerSecond), now);
  }

  /** Delay before answering, whatever the answer is. */
  get latencyMs(): number {
    return this.plan.latencyMs ?? 0;
  }

  /** The fault, if any, for the request arriving at `now` (epoch milliseconds). */
  decide(now: number): FaultDecision {
    const plan = this.plan;
    if (plan.timeout) return { kind: 'hang' };
    if (plan.outageUntil !== undefined && now < plan.outageUntil) {
      const retryAfterSeconds = Math.max(1, Math.ceil((plan.outageUntil - now) / 1000));
      return { kind: 'fail', status: 503, reason: 'outage', retryAfterSeconds };
    }
    if (plan.permanentStatus !== undefined) {
      return this.scripted(plan.permanentStatus, 'permanent status');
    }
    const scripted = plan.statuses?.[this.scriptPosition];
    if (scripted !== undefined) {
      this.scriptPosition += 1;
      return this.scripted(scripted, 'scripted status');
    }
    if (this.bucket) {
      const taken = this.bucket.take(now);
      if (!taken.ok) {
        const retryAfterSeconds = plan.rateLimit?.retryAfterSeconds ?? taken.retryAfterSeconds;
        return { kind: 'fail', status: 429, reason: 'rate limited', retryAfterSeconds };
      }
    }
    if (plan.errorRate !== undefined && this.random() < plan.errorRate) {
      return { kind: 'fail', status: plan.errorStatus ?? 500, reason: 'random error' };
    }
    return { kind: 'pass' };
  }

  private scripted(status: number, reason: string): FaultDecision {
    if (isSuccess(status)) return { kind: 'pass', status };
    const retryAfterSeconds = this.plan.statusRetryAfterSeconds;
    return retryAfterSeconds === undefined
      ? { kind: 'fail', status, reason }
      : { kind: 'fail', status, reason, retryAfterSeconds };
  }
}
