import { Duration } from 'aws-cdk-lib';

/**
 * Function timeouts and batching, shared by the stateful stack (queue visibility is six times the consumer's
 * timeout), the stateless stack (the functions and their event source mappings) and local mode.
 */
export const FUNCTION_TIMEOUTS = {
  /** Verifying and enqueueing takes milliseconds; vendors give up on slow answers anyway. */
  ingest: Duration.seconds(10),
  transform: Duration.seconds(30),
  /** Room for a few downstream calls with backoff before the record goes back to the queue. */
  connector: Duration.seconds(60),
} as const;

/** Ingest records are small and cheap to map; a short window trades a little latency for fewer invocations. */
export const TRANSFORM_BATCHING = { batchSize: 10, maxBatchingWindowSeconds: 1 } as const;
