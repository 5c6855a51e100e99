import { Duration } from 'aws-cdk-lib';

/**
 * Function timeouts, shared by the stateful stack (queue visibility is six times the consumer's timeout)
 * and the stateless stack (the functions themselves).
 */
export const FUNCTION_TIMEOUTS = {
  /** Verifying and enqueueing takes milliseconds; vendors give up on slow answers anyway. */
  ingest: Duration.seconds(10),
  transform: Duration.seconds(30),
  /** Room for a few downstream calls with backoff before the record goes back to the queue. */
  connector: Duration.seconds(60),
} as const;
