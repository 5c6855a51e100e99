/**
 * How long to wait before trying again, in the two places a failed send can wait: inside the invocation
 * (milliseconds, full jitter) and back in SQS (seconds, as a visibility delay). Pure: randomness is passed in.
 */

/** SQS refuses a visibility timeout above 12 hours. */
export const SQS_MAX_VISIBILITY_SECONDS = 43_200;

/** The exponential schedule of in-invocation retries. */
export interface BackoffOptions {
  /** Ceiling of the first retry's delay; each later retry doubles it. */
  readonly baseMs: number;
  /** No single delay is ever longer, however many retries came before. */
  readonly capMs: number;
}

/** The schedule of deliveries handed back to SQS; delays grow with the message's receive count. */
export interface VisibilitySchedule {
  /** Ceiling of the delay after the first receive; each later receive doubles it. */
  readonly baseSeconds: number;
  /** No delay is longer, unless Retry-After asks for more (still within SQS's 12 hours). */
  readonly capSeconds: number;
}

/** Ten seconds doubling: eight receives (the default maxReceiveCount) span about 40 minutes of outage. */
export const DEFAULT_VISIBILITY_SCHEDULE: VisibilitySchedule = {
  baseSeconds: 10,
  capSeconds: SQS_MAX_VISIBILITY_SECONDS,
};

/** Keeps 2^n finite, so a huge attempt number yields the cap rather than Infinity or NaN. */
const MAX_EXPONENT = 1_000;

/**
 * The delay before retry number `attempt` (1 for the first retry): uniform in [0, min(cap, base * 2^(attempt-1))).
 * Full jitter spreads the retries of many concurrent senders, so a recovering destination is not hit in waves.
 */
export function backoffDelayMs(attempt: number, options: BackoffOptions, random: () => number): number {
  requireWholeAtLeastOne(attempt, 'attempt');
  requireNonNegative(options.baseMs, 'baseMs');
  requireNonNegative(options.capMs, 'capMs');
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(attempt - 1, MAX_EXPONENT));
  return Math.min(options.capMs, Math.floor(unitRandom(random) * ceiling));
}

/**
 * Seconds to hide a message before SQS hands it out again, after its `receiveCount`-th receive (SQS's
 * ApproximateReceiveCount, 1 on the first). Equal jitter: the delay is at least half its ceiling, so it
 * grows with every receive and never comes back at once; a Retry-After is a floor; 12 hours is the limit.
 */
export function visibilityDelaySeconds(
  receiveCount: number,
  retryAfterSeconds: number | undefined,
  random: () => number,
  schedule: VisibilitySchedule = DEFAULT_VISIBILITY_SCHEDULE,
): number {
  requireWholeAtLeastOne(receiveCount, 'receiveCount');
  requireNonNegative(schedule.baseSeconds, 'baseSeconds');
  requireNonNegative(schedule.capSeconds, 'capSeconds');
  if (retryAfterSeconds !== undefined) requireNonNegative(retryAfterSeconds, 'retryAfterSeconds');
  const ceiling = Math.min(schedule.capSeconds, schedule.baseSeconds * 2 ** Math.min(receiveCount - 1, MAX_EXPONENT));
  const jittered = Math.ceil(ceiling / 2 + (unitRandom(random) * ceiling) / 2);
  const floor = Math.ceil(retryAfterSeconds ?? 0);
  return Math.min(SQS_MAX_VISIBILITY_SECONDS, Math.max(Math.min(jittered, schedule.capSeconds), floor));
}

function unitRandom(random: () => number): number {
  const value = random();
  if (!(value >= 0 && value <= 1)) throw new RangeError(`random() must return a number in [0, 1], got ${value}`);
  return value;
}

function requireWholeAtLeastOne(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a whole number >= 1, got ${value}`);
}

function requireNonNegative(value: number, name: string): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite number >= 0, got ${value}`);
}
