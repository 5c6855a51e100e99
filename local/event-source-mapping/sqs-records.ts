/**
 * Builds the SQS event Lambda hands a function: one record per received message, with the system attributes as
 * strings, message attributes in Lambda's lower-camel shape (binary values in base64, empty list values), and the
 * queue's ARN and region.
 */
import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { SQSMessageAttribute, SQSRecord, SQSRecordAttributes } from 'aws-lambda';

/** The parts of a queue ARN that records and contexts carry. */
export interface QueueArnParts {
  readonly region: string;
  readonly accountId: string;
  readonly queueName: string;
}

/** Splits `arn:aws:sqs:REGION:ACCOUNT:NAME`, failing loudly on anything else, since a mapping without it is useless. */
export function parseQueueArn(arn: string): QueueArnParts {
  const [prefix, partition, service, region, accountId, queueName, ...rest] = arn.split(':');
  if (prefix !== 'arn' || !partition || service !== 'sqs' || !region || !accountId || !queueName || rest.length > 0) {
    throw new Error(`Not an SQS queue ARN: ${arn}`);
  }
  return { region, accountId, queueName };
}

const RECORD_ATTRIBUTES = [
  'AWSTraceHeader',
  'SequenceNumber',
  'MessageGroupId',
  'MessageDeduplicationId',
  'DeadLetterQueueSourceArn',
] as const;

function recordAttributes(message: Message): SQSRecordAttributes {
  const source = message.Attributes ?? {};
  const attributes: SQSRecordAttributes = {
    ApproximateReceiveCount: source.ApproximateReceiveCount ?? '1',
    SentTimestamp: source.SentTimestamp ?? '',
    SenderId: source.SenderId ?? '',
    ApproximateFirstReceiveTimestamp: source.ApproximateFirstReceiveTimestamp ?? '',
  };
  for (const name of RECORD_ATTRIBUTES) {
    const value = source[name];
    if (value !== undefined) attributes[name] = value;
  }
  return attributes;
}

function recordMessageAttribute(value: MessageAttributeValue): SQSMessageAttribute {
  return {
    ...(value.StringValue === undefined ? {} : { stringValue: value.StringValue }),
    ...(value.BinaryValue === undefined ? {} : { binaryValue: Buffer.from(value.BinaryValue).toString('base64') }),
    stringListValues: value.StringListValues ?? [],
    binaryListValues: (value.BinaryListValues ?? []).map((item) => Buffer.from(item).toString('base64')),
    dataType: value.DataType ?? 'String',
  };
}

/** One Lambda SQS record for a message received with all system and message attributes. */
export function toSqsRecord(message: Message, queueArn: string): SQSRecord {
  const { region } = parseQueueArn(queueArn);
  if (!message.MessageId || !message.ReceiptHandle || message.Body === undefined || !message.MD5OfBody) {
    throw new Error('A received SQS message lacks its id, receipt handle, body or body digest.');
  }
  const messageAttributes = Object.fromEntries(
    Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [name, recordMessageAttribute(value)]),
  );
  return {
    messageId: message.MessageId,
    receiptHandle: message.ReceiptHandle,
    body: message.Body,
    attributes: recordAttributes(message),
    messageAttributes,
    md5OfBody: message.MD5OfBody,
    ...(message.MD5OfMessageAttributes === undefined ? {} : { md5OfMessageAttributes: message.MD5OfMessageAttributes }),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}
