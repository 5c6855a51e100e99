import { Duration } from 'aws-cdk-lib';
import { FUNCTION_TIMEOUT_SECONDS } from '../config/function-settings';

/**
 * Function timeouts and batching, shared by the stateful stack (queue visibility is six times the consumer's
 * timeout), the stateless stack (the functions and their event source mappings) and local mode.
 */
export const FUNCTION_TIMEOUTS = {
  ingest: Duration.seconds(FUNCTION_TIMEOUT_SECONDS.ingest),
  transform: Duration.seconds(FUNCTION_TIMEOUT_SECONDS.transform),
  connector: Duration.seconds(FUNCTION_TIMEOUT_SECONDS.connector),
  stateWriter: Duration.seconds(FUNCTION_TIMEOUT_SECONDS.stateWriter),
  readApi: Duration.seconds(FUNCTION_TIMEOUT_SECONDS.readApi),
  readAuthorizer: Duration.seconds(FUNCTION_TIMEOUT_SECONDS.readAuthorizer),
  reconcile: Duration.seconds(FUNCTION_TIMEOUT_SECONDS.reconcile),
} as const;

/** Ingest records are small and cheap to map; a short window trades a little latency for fewer invocations. */
export const TRANSFORM_BATCHING = { batchSize: 10, maxBatchingWindowSeconds: 1 } as const;
