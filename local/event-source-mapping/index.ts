/** Lambda's SQS event source mapping, run in-process for local mode and tests; never imported by function code. */
export {
  startEventSourceMapping,
  type EventSourceMapping,
  type EventSourceMappingOptions,
} from './event-source-mapping';
export {
  EventSourceMappingError,
  FunctionTimeoutError,
  InvalidBatchResponseError,
  RecordDeletionError,
  type SqsEventHandler,
} from './handler-invocation';
export { decideBatchOutcome, type BatchOutcome } from './batch-outcome';
export { createLambdaContext, type LambdaContextOptions } from './lambda-context';
export { parseQueueArn, toSqsRecord, type QueueArnParts } from './sqs-records';
