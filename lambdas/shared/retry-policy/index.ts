/** The one failure policy: how long to wait, in the invocation or back in SQS, and when to stop trying now. */
export {
  backoffDelayMs,
  DEFAULT_VISIBILITY_SCHEDULE,
  SQS_MAX_VISIBILITY_SECONDS,
  visibilityDelaySeconds,
  type BackoffOptions,
  type VisibilitySchedule,
} from './backoff';
export { retryTransient, type AttemptFailure, type PlannedRetry, type RetryTransientOptions } from './retry-transient';
