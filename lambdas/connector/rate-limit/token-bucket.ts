/**
 * A destination's send rate as a token bucket with additive increase and multiplicative decrease, as pure
 * functions over plain data: the adapter reads the shared bucket, applies these and writes the result back only
 * if nobody changed it meanwhile. Times are epoch milliseconds.
 */

/** The bounds and pace of the live rate. */
export interface RateLimits {
  /** The configured requestsPerSecond: the live rate starts here and never goes above. */
  readonly ceilingPerSecond: number;
  /** However many 429s come, the rate stays at least this. */
  readonly floorPerSecond: number;
  /** Seconds of sending the bucket may hold, so a quiet destination gets at most this burst (and at least 1 token). */
  readonly burstSeconds: number;
  /** How much one step of recovery adds to the rate. */
  readonly increaseStepPerSecond: number;
  /** Successes at the current rate that earn one step of recovery. */
  readonly successesPerIncrease: number;
  /** 429s within this time of a halving are one overload, not several: they pause but halve no further. */
  readonly decreaseIntervalMs: number;
}

/** The shared state of one destination's sends. */
export interface TokenBucket {
  readonly tokens: number;
  readonly refilledAtMs: number;
  /** The live rate, between floor and ceiling. */
  readonly ratePerSecond: number;
  /** A Retry-After stops every sender until then; no tokens accrue meanwhile. */
  readonly pausedUntilMs: number;
  /** Successes since the last step up or down. */
  readonly successes: number;
  readonly decreasedAtMs: number;
}

/** What a take gave, and for each send it could not serve, how long until a token could be there for it. */
export interface Take {
  readonly bucket: TokenBucket;
  readonly granted: number;
  readonly waitsMs: readonly number[];
}

/** Absorbs the rounding of fractional refills, so 2.9999999 tokens count as 3. */
const EPSILON = 1e-9;

/** A destination no one has sent to yet: the ceiling, with a full burst. */
export function fullBucket(limits: RateLimits, nowMs: number): TokenBucket {
  const ratePerSecond = limits.ceilingPerSecond;
  return {
    tokens: capacity(ratePerSecond, limits),
    refilledAtMs: nowMs,
    ratePerSecond,
    pausedUntilMs: 0,
    successes: 0,
    decreasedAtMs: 0,
  };
}

/** The most tokens the bucket holds at a rate. */
export function capacity(ratePerSecond: number, limits: RateLimits): number {
  return Math.max(1, ratePerSecond * limits.burstSeconds);
}

/** Keeps a stored bucket within the limits, which a redeploy may have changed since it was written. */
export function withinLimits(bucket: TokenBucket, limits: RateLimits): TokenBucket {
  const ratePerSecond = Math.min(limits.ceilingPerSecond, Math.max(limits.floorPerSecond, bucket.ratePerSecond));
  const tokens = Math.min(bucket.tokens, capacity(ratePerSecond, limits));
  return ratePerSecond === bucket.ratePerSecond && tokens === bucket.tokens
    ? bucket
    : { ...bucket, ratePerSecond, tokens };
}

/** Adds the tokens accrued since the last refill, counting only time after any pause, up to capacity. */
export function refill(bucket: TokenBucket, limits: RateLimits, nowMs: number): TokenBucket {
  const from = Math.max(bucket.refilledAtMs, bucket.pausedUntilMs);
  if (nowMs <= from) return bucket;
  const accrued = (bucket.ratePerSecond * (nowMs - from)) / 1000;
  const tokens = Math.min(capacity(bucket.ratePerSecond, limits), bucket.tokens + accrued);
  return { ...bucket, tokens, refilledAtMs: nowMs };
}

/**
 * Takes up to `wanted` whole tokens. Each send left unserved gets its own wait, one token interval after the
 * previous, so sends handed back together do not all return at the same moment.
 */
export function take(bucket: TokenBucket, wanted: number, limits: RateLimits, nowMs: number): Take {
  const refilled = refill(bucket, limits, nowMs);
  const paused = nowMs < refilled.pausedUntilMs;
  const granted = paused ? 0 : Math.min(wanted, Math.floor(refilled.tokens + EPSILON));
  const after = granted === 0 ? refilled : { ...refilled, tokens: Math.max(0, refilled.tokens - granted) };
  const startsAtMs = Math.max(nowMs, after.pausedUntilMs);
  const waitsMs = Array.from({ length: wanted - granted }, (_, index) => {
    const missing = Math.max(0, index + 1 - after.tokens);
    return Math.max(1, Math.ceil(startsAtMs - nowMs + (missing * 1000) / after.ratePerSecond));
  });
  return { bucket: after, granted, waitsMs };
}

/**
 * A 429: the tokens are dropped and the rate halved (not below the floor, and once per overload); a Retry-After
 * pauses every sender until then. The run of successes starts again.
 */
export function decrease(bucket: TokenBucket, limits: RateLimits, nowMs: number, retryAfterMs?: number): TokenBucket {
  const refilled = refill(bucket, limits, nowMs);
  const pausedUntilMs = Math.max(refilled.pausedUntilMs, retryAfterMs === undefined ? 0 : nowMs + retryAfterMs);
  const sameOverload = nowMs - refilled.decreasedAtMs < limits.decreaseIntervalMs;
  return {
    ...refilled,
    tokens: 0,
    refilledAtMs: nowMs,
    pausedUntilMs,
    successes: 0,
    ...(sameOverload
      ? {}
      : { ratePerSecond: Math.max(limits.floorPerSecond, refilled.ratePerSecond / 2), decreasedAtMs: nowMs }),
  };
}

/** Counts successes; every full run of them raises the rate one step, up to the ceiling. */
export function increase(bucket: TokenBucket, limits: RateLimits, successes: number): TokenBucket {
  if (successes <= 0 || bucket.ratePerSecond >= limits.ceilingPerSecond) return bucket;
  const total = bucket.successes + successes;
  const steps = Math.floor(total / limits.successesPerIncrease);
  const ratePerSecond = Math.min(limits.ceilingPerSecond, bucket.ratePerSecond + steps * limits.increaseStepPerSecond);
  const remaining = ratePerSecond >= limits.ceilingPerSecond ? 0 : total - steps * limits.successesPerIncrease;
  return { ...bucket, ratePerSecond, successes: remaining };
}

/**
 * The rate one bucket item is trusted to grant with many instances contending for it. Every grant is a read and a
 * conditional write of the item, and of the instances that read the same version only one write succeeds, so one
 * item grants about one batch of tokens per round trip whatever the number of instances (see PERFORMANCE.md,
 * "A destination's ceiling"). A faster destination is split into shards of at most this rate each.
 */
export const SHARD_CEILING_PER_SECOND = 500;

/** How many bucket items a ceiling is split over, so that none is asked for more than one item sustains. */
export function shardCount(ceilingPerSecond: number): number {
  return Math.max(1, Math.ceil(ceilingPerSecond / SHARD_CEILING_PER_SECOND));
}

/**
 * The limits of one of `shards` buckets that together make `limits`: rates and steps are split evenly, and a run of
 * successes is counted per shard, so that the whole destination still steps up once per `successesPerIncrease`.
 */
export function shardLimits(limits: RateLimits, shards: number): RateLimits {
  if (shards === 1) return limits;
  return {
    ...limits,
    ceilingPerSecond: limits.ceilingPerSecond / shards,
    floorPerSecond: limits.floorPerSecond / shards,
    increaseStepPerSecond: limits.increaseStepPerSecond / shards,
    successesPerIncrease: Math.max(1, Math.ceil(limits.successesPerIncrease / shards)),
  };
}
