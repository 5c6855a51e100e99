/**
 * The errors the local SQS endpoint answers, with the wire identity AWS gives each one. The current SDK reads the
 * `x-amzn-query-error` header first (SQS is "query compatible"), so its code decides which named exception a caller
 * sees; `__type` and the status follow what SQS itself sends.
 */

/** Every error code this endpoint can answer. */
export type SqsErrorCode =
  | 'BatchEntryIdsNotDistinct'
  | 'BatchRequestTooLong'
  | 'EmptyBatchRequest'
  | 'InternalError'
  | 'InvalidAddress'
  | 'InvalidAttributeName'
  | 'InvalidAttributeValue'
  | 'InvalidBatchEntryId'
  | 'InvalidMessageContents'
  | 'InvalidParameterValue'
  | 'MessageNotInflight'
  | 'MissingParameter'
  | 'QueueDoesNotExist'
  | 'QueueNameExists'
  | 'ReceiptHandleIsInvalid'
  | 'ResourceNotFoundException'
  | 'SerializationException'
  | 'TooManyEntriesInBatchRequest'
  | 'UnsupportedOperation';

interface WireIdentity {
  readonly type: string;
  readonly queryCode: string;
  readonly status: number;
}

const sqs = (name: string, queryCode = name, status = 400): WireIdentity => ({
  type: `com.amazonaws.sqs#${name}`,
  queryCode,
  status,
});
const coral = (name: string, queryCode: string, status = 400): WireIdentity => ({
  type: `com.amazon.coral.service#${name}`,
  queryCode,
  status,
});
const legacy = (name: string): WireIdentity => sqs(name, `AWS.SimpleQueueService.${name}`);

const WIRE: Record<SqsErrorCode, WireIdentity> = {
  BatchEntryIdsNotDistinct: legacy('BatchEntryIdsNotDistinct'),
  BatchRequestTooLong: legacy('BatchRequestTooLong'),
  EmptyBatchRequest: legacy('EmptyBatchRequest'),
  InternalError: coral('InternalFailure', 'InternalError', 500),
  InvalidAddress: sqs('InvalidAddress', 'InvalidAddress', 404),
  InvalidAttributeName: sqs('InvalidAttributeName'),
  InvalidAttributeValue: sqs('InvalidAttributeValue'),
  InvalidBatchEntryId: legacy('InvalidBatchEntryId'),
  InvalidMessageContents: sqs('InvalidMessageContents'),
  InvalidParameterValue: coral('InvalidParameterValueException', 'InvalidParameterValue'),
  MessageNotInflight: legacy('MessageNotInflight'),
  MissingParameter: coral('MissingRequiredParameterException', 'MissingParameter'),
  QueueDoesNotExist: sqs('QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue'),
  QueueNameExists: sqs('QueueNameExists', 'QueueAlreadyExists'),
  ReceiptHandleIsInvalid: sqs('ReceiptHandleIsInvalid', 'ReceiptHandleIsInvalid', 404),
  ResourceNotFoundException: sqs('ResourceNotFoundException', 'ResourceNotFoundException', 404),
  SerializationException: coral('SerializationException', 'SerializationException'),
  TooManyEntriesInBatchRequest: legacy('TooManyEntriesInBatchRequest'),
  UnsupportedOperation: legacy('UnsupportedOperation'),
};

/** A rejected request, carried from the queue engine to the HTTP adapter, which answers it as SQS would. */
export class SqsError extends Error {
  override readonly name = 'SqsError';

  constructor(
    readonly code: SqsErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  /** The sender (the caller) is at fault for every error except an internal one. */
  get senderFault(): boolean {
    return this.code !== 'InternalError';
  }

  /** Status, headers and JSON body of the answer AWS gives for this error. */
  toResponse(): { status: number; headers: Record<string, string>; body: { __type: string; message: string } } {
    const wire = WIRE[this.code];
    return {
      status: wire.status,
      headers: { 'x-amzn-query-error': `${wire.queryCode};${this.senderFault ? 'Sender' : 'Receiver'}` },
      body: { __type: wire.type, message: this.message },
    };
  }
}

/** The answer for a name, URL or ARN that names no queue. */
export const queueDoesNotExist = (): SqsError =>
  new SqsError('QueueDoesNotExist', 'The specified queue does not exist.');

/** The answer SQS gives for an out-of-range or malformed parameter value. */
export const invalidParameter = (parameter: string, value: unknown, reason: string): SqsError =>
  new SqsError(
    'InvalidParameterValue',
    `Value ${String(value)} for parameter ${parameter} is invalid. Reason: ${reason}`,
  );

/** The answer SQS gives when a required parameter is absent. */
export const missingParameter = (parameter: string): SqsError =>
  new SqsError('MissingParameter', `The request must contain the parameter ${parameter}.`);
