/**
 * The token bucket a rate-limited API uses: it holds up to `capacity` tokens, refills continuously at `ratePerSecond`,
 * and each request takes one. Time is passed in, so the bucket is a pure state machine and tests can move the clock.
 */

/** What the bucket decided for one request. */
export type TokenBucketDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/** A rate limit with a burst allowance, as API gateways and SaaS APIs enforce it. */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
    now: number,
  ) {
    if (!(ratePerSecond > 0) || !(capacity >= 1)) {
      throw new RangeError(
        `A token bucket needs a positive rate and a capacity of at least 1 (got ${ratePerSecond}, ${capacity})`,
      );
    }
    this.tokens = capacity;
    this.updatedAt = now;
  }

  /** Takes a token if one is available; otherwise says how many whole seconds until one will be. */
  take(now: number): TokenBucketDecision {
    this.refill(now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    const secondsUntilToken = (1 - this.tokens) / this.ratePerSecond;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(secondsUntilToken)) };
  }

  private refill(now: number): void {
    const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.capacity, this.tokens + elapsedSeconds * this.ratePerSecond);
    this.updatedAt = now;
  }
}
