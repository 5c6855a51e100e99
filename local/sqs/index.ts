/** The local SQS endpoint for local mode and tests; never imported by function code. */
export { startLocalSqs, type LocalSqs, type LocalSqsOptions } from './start-local-sqs';
export { QueueEngine, type QueueEngineOptions, type ReceivedMessage } from './queue-engine';
export {
  md5OfBody,
  md5OfMessageAttributes,
  type MessageAttribute,
  type MessageAttributes,
} from './message-attributes-md5';
