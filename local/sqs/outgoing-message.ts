/**
 * Turns a send request into the message a queue stores, applying every check SQS makes at send: body and attribute
 * validity, size, and the rules that differ between standard and FIFO queues (group id, deduplication id, delay).
 */
import { createHash } from 'node:crypto';
import { md5OfBody, md5OfMessageAttributes } from './message-attributes-md5';
import {
  decodeMessageAttributes,
  decodeSystemAttributes,
  validateMessageBody,
  validateMessageSize,
  type WireMessageAttribute,
} from './message-validation';
import type { QueueSettings } from './queue-attributes';
import type { StoredMessage } from './queue-state';
import { invalidParameter, missingParameter, SqsError } from './sqs-error';

/** A message to send, as SendMessage and each SendMessageBatch entry carry it. */
export interface SendRequest {
  readonly MessageBody: string;
  readonly DelaySeconds?: number | undefined;
  readonly MessageAttributes?: Readonly<Record<string, WireMessageAttribute>> | undefined;
  readonly MessageSystemAttributes?: Readonly<Record<string, WireMessageAttribute>> | undefined;
  readonly MessageGroupId?: string | undefined;
  readonly MessageDeduplicationId?: string | undefined;
}

/** What a successful send answers. */
export interface SendResult {
  readonly MessageId: string;
  readonly MD5OfMessageBody: string;
  readonly MD5OfMessageAttributes?: string | undefined;
  readonly MD5OfMessageSystemAttributes?: string | undefined;
  readonly SequenceNumber?: string | undefined;
}

/** Where and when a message is sent from, and the identifiers the queue gives it. */
export interface SendContext {
  readonly now: number;
  readonly senderId: string;
  readonly messageId: string;
}

const ID_PATTERN = /^[\x21-\x7E]{1,128}$/;
const WRONG_QUEUE_TYPE = 'The request include parameter that is not valid for this queue type.';

function checkFifoFields(settings: QueueSettings, request: SendRequest): void {
  const { MessageGroupId: groupId, MessageDeduplicationId: deduplicationId } = request;
  if (groupId !== undefined && !ID_PATTERN.test(groupId)) {
    throw invalidParameter('MessageGroupId', groupId, 'It must be 1 to 128 printable ASCII characters.');
  }
  if (deduplicationId !== undefined && !ID_PATTERN.test(deduplicationId)) {
    throw invalidParameter(
      'MessageDeduplicationId',
      deduplicationId,
      'It must be 1 to 128 printable ASCII characters.',
    );
  }
  if (!settings.fifoQueue) {
    if (deduplicationId !== undefined)
      throw invalidParameter('MessageDeduplicationId', deduplicationId, WRONG_QUEUE_TYPE);
    return;
  }
  if (groupId === undefined) throw missingParameter('MessageGroupId');
  if (request.DelaySeconds !== undefined && request.DelaySeconds !== 0) {
    throw invalidParameter('DelaySeconds', request.DelaySeconds, WRONG_QUEUE_TYPE);
  }
  if (deduplicationId === undefined && !settings.contentBasedDeduplication) {
    throw new SqsError(
      'InvalidParameterValue',
      'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
    );
  }
}

/** The deduplication id of a FIFO message: the given one, or the SHA-256 of its body under content-based dedup. */
export function deduplicationIdOf(request: SendRequest): string {
  return request.MessageDeduplicationId ?? createHash('sha256').update(request.MessageBody, 'utf8').digest('hex');
}

/**
 * Validates a send request for a queue with `settings` and builds the stored message. Throws the SqsError SQS would
 * answer; the caller assigns a FIFO sequence number and handles deduplication.
 */
export function buildStoredMessage(
  settings: QueueSettings,
  request: SendRequest,
  context: SendContext,
  sequenceNumber: string | undefined,
): StoredMessage {
  validateMessageBody(request.MessageBody);
  const delaySeconds = request.DelaySeconds ?? settings.delaySeconds;
  if (!Number.isInteger(delaySeconds) || delaySeconds < 0 || delaySeconds > 900) {
    throw invalidParameter('DelaySeconds', delaySeconds, 'DelaySeconds must be >= 0 and <= 900.');
  }
  checkFifoFields(settings, request);
  const attributes = decodeMessageAttributes(request.MessageAttributes);
  const systemAttributes = decodeSystemAttributes(request.MessageSystemAttributes);
  validateMessageSize(request.MessageBody, attributes, settings.maximumMessageSize);
  return {
    messageId: context.messageId,
    body: request.MessageBody,
    md5OfBody: md5OfBody(request.MessageBody),
    attributes,
    systemAttributes,
    senderId: context.senderId,
    sentTimestamp: context.now,
    enqueuedAt: context.now,
    messageGroupId: request.MessageGroupId,
    messageDeduplicationId: settings.fifoQueue ? deduplicationIdOf(request) : undefined,
    sequenceNumber,
    visibleAt: context.now + (settings.fifoQueue ? settings.delaySeconds : delaySeconds) * 1000,
    receiveCount: 0,
  };
}

/** The send answer for a stored message. */
export function sendResultOf(message: StoredMessage): SendResult {
  return {
    MessageId: message.messageId,
    MD5OfMessageBody: message.md5OfBody,
    MD5OfMessageAttributes: md5OfMessageAttributes(message.attributes),
    MD5OfMessageSystemAttributes: md5OfMessageAttributes(message.systemAttributes),
    SequenceNumber: message.sequenceNumber,
  };
}
