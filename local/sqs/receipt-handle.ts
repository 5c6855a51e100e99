/**
 * Receipt handles: opaque to callers, but each names the queue, the message and the receive it came from, so a
 * handle from an earlier receive can be told apart from the current one, as SQS does.
 */
import { SqsError } from './sqs-error';

/** What a receipt handle identifies. */
export interface ReceiptHandleParts {
  readonly queueName: string;
  readonly messageId: string;
  /** Unique per receive of the message; only the latest receive's handle deletes it or changes its visibility. */
  readonly receiveId: string;
}

const SEPARATOR = '\u0000';

/** Encodes a handle to return with a received message. */
export function encodeReceiptHandle(parts: ReceiptHandleParts): string {
  return Buffer.from([parts.queueName, parts.messageId, parts.receiveId].join(SEPARATOR), 'utf8').toString('base64url');
}

/** Decodes a handle for the named queue, answering ReceiptHandleIsInvalid for anything this queue never issued. */
export function decodeReceiptHandle(handle: string, queueName: string): ReceiptHandleParts {
  const fields = Buffer.from(handle, 'base64url').toString('utf8').split(SEPARATOR);
  const [handleQueue, messageId, receiveId] = fields;
  if (fields.length !== 3 || handleQueue !== queueName || !messageId || !receiveId) {
    throw new SqsError('ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not a valid receipt handle.`);
  }
  return { queueName: handleQueue, messageId, receiveId };
}
