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

/**
 * Each function's memory in MB. Lambda gives CPU in proportion to memory and bills GB-seconds, so this is set from
 * the memory a function was measured to hold (`npm run bench`, docs/PERFORMANCE.md "Cost"), with room to spare.
 */
export const FUNCTION_MEMORY_MB = {
  ingest: 256,
  transform: 512,
  connector: 256,
  'state-writer': 256,
  'read-api': 256,
  'read-authorizer': 256,
  reconcile: 256,
} as const;

/** Ingest records are small and cheap to map; a short window trades a little latency for fewer invocations. */
export const TRANSFORM_BATCHING = { batchSize: 10, maxBatchingWindowSeconds: 1 } as const;
