import { DelegateBackoff, handleWhen, retry } from 'cockatiel';
import { backoffDelayMs } from './backoff';

/** What a failed attempt left behind: a thrown error, or a returned value that says "not now". */
export type AttemptFailure<T> = { readonly error: unknown } | { readonly value: T };

/** A retry about to happen, for logs and metrics. */
export interface PlannedRetry<T> {
  /** 1 for the first retry. */
  readonly retry: number;
  readonly delayMs: number;
  readonly failure: AttemptFailure<T>;
}

/** How hard to try within one invocation before the caller hands the message back to SQS. */
export interface RetryTransientOptions<T> {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  readonly baseMs: number;
  /** The longest single sleep; a Retry-After above it is left to SQS rather than slept through. */
  readonly capMs: number;
  /** Epoch ms by which every attempt must be over, derived from the Lambda's remaining time. */
  readonly deadlineMs: number;
  /** Time kept free for the next attempt itself (the request timeout); a retry that could not finish is not begun. */
  readonly attemptTimeoutMs?: number;
  /**
   * Whether a failure may pass if tried again; anything else is returned or thrown at once. It sees every
   * returned value too, so it must answer false for a success.
   */
  readonly isTransient: (failure: AttemptFailure<T>) => boolean;
  /** The destination's own wait (Retry-After), in ms, when it names one. */
  readonly retryAfterMs?: (failure: AttemptFailure<T>) => number | undefined;
  readonly onRetry?: (retry: PlannedRetry<T>) => void;
  readonly now?: () => number;
  readonly random?: () => number;
}

/**
 * Runs `attempt` and retries its transient failures with exponential backoff and full jitter, honouring
 * Retry-After as a floor. A retry that would sleep past `capMs` or could not finish by the deadline is not
 * made: the last failure is returned or thrown as the attempt produced it, so the caller hands the message
 * back to SQS instead of idling in a paid invocation. The first attempt always runs; `signal` aborts at the deadline.
 */
export async function retryTransient<T>(
  attempt: (signal: AbortSignal) => Promise<T>,
  options: RetryTransientOptions<T>,
): Promise<T> {
  validate(options);
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const reserveMs = options.attemptTimeoutMs ?? 0;
  let attemptsMade = 0;
  let plannedDelayMs = 0;

  const shouldRetry = (failure: AttemptFailure<T>): boolean => {
    if (attemptsMade >= options.maxAttempts || !options.isTransient(failure)) return false;
    const backoff = backoffDelayMs(attemptsMade, options, random);
    const hinted = options.retryAfterMs?.(failure);
    if (hinted !== undefined && hinted > options.capMs) return false;
    const delayMs = Math.max(backoff, hinted ?? 0);
    if (now() + delayMs + reserveMs > options.deadlineMs) return false;
    plannedDelayMs = delayMs;
    options.onRetry?.({ retry: attemptsMade, delayMs, failure });
    return true;
  };

  const policy = retry(
    handleWhen((error) => shouldRetry({ error })).orWhenResult((value) => shouldRetry({ value: value as T })),
    { maxAttempts: options.maxAttempts - 1, backoff: new DelegateBackoff(() => plannedDelayMs) },
  );
  const remainingMs = options.deadlineMs - now();
  const deadline = remainingMs > 0 ? AbortSignal.timeout(remainingMs) : AbortSignal.abort();
  return policy.execute(({ signal }) => {
    attemptsMade += 1;
    return attempt(signal);
  }, deadline);
}

function validate<T>(options: RetryTransientOptions<T>): void {
  const { maxAttempts, baseMs, capMs, deadlineMs, attemptTimeoutMs } = options;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be a whole number >= 1, got ${maxAttempts}`);
  }
  if (!Number.isFinite(baseMs) || baseMs < 0)
    throw new RangeError(`baseMs must be a finite number >= 0, got ${baseMs}`);
  if (!Number.isFinite(capMs) || capMs < baseMs)
    throw new RangeError(`capMs must be finite and >= baseMs, got ${capMs}`);
  if (!Number.isFinite(deadlineMs)) throw new RangeError(`deadlineMs must be an epoch time in ms, got ${deadlineMs}`);
  if (attemptTimeoutMs !== undefined && !(Number.isFinite(attemptTimeoutMs) && attemptTimeoutMs >= 0)) {
    throw new RangeError(`attemptTimeoutMs must be a finite number >= 0, got ${attemptTimeoutMs}`);
  }
}
