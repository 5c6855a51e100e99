/**
 * A received message in the JSON shape ReceiveMessage answers, holding only the system and message attributes the
 * caller asked for. MD5OfMessageAttributes covers the returned attributes, which is what clients verify.
 */
import { md5OfMessageAttributes, type MessageAttribute } from './message-attributes-md5';
import type { ReceivedMessage } from './queue-engine';
import type { StoredMessage } from './queue-state';
import { SqsError } from './sqs-error';

/** The message attribute value wire shape: binary values in base64. */
export interface WireAttributeValue {
  readonly DataType: string;
  readonly StringValue?: string;
  readonly BinaryValue?: string;
}

/** One element of ReceiveMessage's Messages. */
export interface WireMessage {
  readonly MessageId: string;
  readonly ReceiptHandle: string;
  readonly MD5OfBody: string;
  readonly Body: string;
  readonly Attributes?: Record<string, string>;
  readonly MD5OfMessageAttributes?: string;
  readonly MessageAttributes?: Record<string, WireAttributeValue>;
}

const SYSTEM_ATTRIBUTES: Readonly<Record<string, (message: StoredMessage) => string | undefined>> = {
  SenderId: (message) => message.senderId,
  SentTimestamp: (message) => String(message.sentTimestamp),
  ApproximateReceiveCount: (message) => String(message.receiveCount),
  ApproximateFirstReceiveTimestamp: (message) => String(message.firstReceiveTimestamp ?? message.sentTimestamp),
  SequenceNumber: (message) => message.sequenceNumber,
  MessageDeduplicationId: (message) => message.messageDeduplicationId,
  MessageGroupId: (message) => message.messageGroupId,
  AWSTraceHeader: (message) => message.systemAttributes.AWSTraceHeader?.stringValue,
  DeadLetterQueueSourceArn: (message) => message.deadLetterSourceArn,
};

/** Which attributes a ReceiveMessage asked for. */
export interface AttributeSelection {
  readonly systemNames: readonly string[];
  readonly messageAttributeNames: readonly string[];
}

/** Rejects a system attribute name SQS does not know, before anything is received. */
export function validateSystemAttributeNames(names: readonly string[]): void {
  const unknown = names.find((name) => name !== 'All' && !(name in SYSTEM_ATTRIBUTES));
  if (unknown !== undefined) throw new SqsError('InvalidAttributeName', `Unknown Attribute ${unknown}.`);
}

function selectSystemAttributes(message: StoredMessage, names: readonly string[]): Record<string, string> {
  const wanted = names.includes('All') ? Object.keys(SYSTEM_ATTRIBUTES) : names;
  const selected: Record<string, string> = {};
  for (const name of wanted) {
    const value = SYSTEM_ATTRIBUTES[name]?.(message);
    if (value !== undefined) selected[name] = value;
  }
  return selected;
}

function messageAttributeWanted(name: string, patterns: readonly string[]): boolean {
  return patterns.some(
    (pattern) =>
      pattern === 'All' ||
      pattern === '.*' ||
      pattern === name ||
      (pattern.endsWith('.*') && name.startsWith(pattern.slice(0, -1))),
  );
}

function toWire(attribute: MessageAttribute): WireAttributeValue {
  return attribute.binaryValue === undefined
    ? { DataType: attribute.dataType, StringValue: attribute.stringValue ?? '' }
    : { DataType: attribute.dataType, BinaryValue: attribute.binaryValue.toString('base64') };
}

/** Renders one received message with the selected attributes. */
export function renderReceivedMessage(received: ReceivedMessage, selection: AttributeSelection): WireMessage {
  const { message } = received;
  const attributes = selectSystemAttributes(message, selection.systemNames);
  const selected: Record<string, MessageAttribute> = {};
  for (const [name, attribute] of Object.entries(message.attributes)) {
    if (messageAttributeWanted(name, selection.messageAttributeNames)) selected[name] = attribute;
  }
  const md5 = md5OfMessageAttributes(selected);
  return {
    MessageId: message.messageId,
    ReceiptHandle: received.receiptHandle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
    ...(Object.keys(attributes).length > 0 ? { Attributes: attributes } : {}),
    ...(md5 === undefined
      ? {}
      : {
          MD5OfMessageAttributes: md5,
          MessageAttributes: Object.fromEntries(Object.entries(selected).map(([name, value]) => [name, toWire(value)])),
        }),
  };
}
