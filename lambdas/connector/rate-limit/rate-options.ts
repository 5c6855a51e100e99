import type { RateLimits } from './token-bucket';

/** The settings a shared rate limiter is built from; all but the ceiling have defaults. */
export interface RateOptions extends Partial<Omit<RateLimits, 'ceilingPerSecond'>> {
  readonly tableName: string;
  readonly destination: string;
  /** The destination's configured requestsPerSecond. */
  readonly ceilingPerSecond: number;
  /** The most tokens one call to the table takes for sends waiting together, such as one SQS batch. */
  readonly maxTokensPerCall?: number;
  /** How many bucket items share the ceiling; by default one per `SHARD_CEILING_PER_SECOND` of it. */
  readonly shards?: number;
}

/** The floor the rate is halved down to, unless the ceiling itself is lower. */
const DEFAULT_FLOOR_PER_SECOND = 0.1;
const DEFAULT_SUCCESSES_PER_INCREASE = 10;
/** Ten steps take the rate from the floor back to the ceiling. */
const DEFAULT_STEPS_TO_CEILING = 10;
const DEFAULT_DECREASE_INTERVAL_MS = 1_000;
/** The largest SQS batch a connector is usually given. */
export const DEFAULT_MAX_TOKENS_PER_CALL = 10;

/** Checks the settings at cold start, naming the one that is wrong, and fills in the defaults. */
export function validateRateOptions(options: RateOptions): RateLimits {
  if (!options.tableName) throw new RangeError('tableName must name the state table');
  if (!options.destination) throw new RangeError('destination must name the destination');
  const { ceilingPerSecond } = options;
  requirePositive(ceilingPerSecond, 'ceilingPerSecond');
  const floorPerSecond = options.floorPerSecond ?? Math.min(DEFAULT_FLOOR_PER_SECOND, ceilingPerSecond);
  requirePositive(floorPerSecond, 'floorPerSecond');
  if (floorPerSecond > ceilingPerSecond) {
    throw new RangeError(`floorPerSecond must be <= ceilingPerSecond (${ceilingPerSecond}), got ${floorPerSecond}`);
  }
  const limits: RateLimits = {
    ceilingPerSecond,
    floorPerSecond,
    burstSeconds: options.burstSeconds ?? 1,
    increaseStepPerSecond: options.increaseStepPerSecond ?? ceilingPerSecond / DEFAULT_STEPS_TO_CEILING,
    successesPerIncrease: options.successesPerIncrease ?? DEFAULT_SUCCESSES_PER_INCREASE,
    decreaseIntervalMs: options.decreaseIntervalMs ?? DEFAULT_DECREASE_INTERVAL_MS,
  };
  requirePositive(limits.burstSeconds, 'burstSeconds');
  requirePositive(limits.increaseStepPerSecond, 'increaseStepPerSecond');
  requireWholePositive(limits.successesPerIncrease, 'successesPerIncrease');
  if (!(Number.isFinite(limits.decreaseIntervalMs) && limits.decreaseIntervalMs >= 0)) {
    throw new RangeError(`decreaseIntervalMs must be a finite number >= 0, got ${limits.decreaseIntervalMs}`);
  }
  if (options.maxTokensPerCall !== undefined) requireWholePositive(options.maxTokensPerCall, 'maxTokensPerCall');
  if (options.shards !== undefined) requireWholePositive(options.shards, 'shards');
  return limits;
}

function requirePositive(value: number, name: string): void {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a finite number > 0, got ${value}`);
}

function requireWholePositive(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a whole number >= 1, got ${value}`);
}
