/** Factories for received SQS messages and Lambda records, for tests of record building and batch outcomes. */
import type { Message } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';

/** The queue ARN the factories' records come from. */
export const TEST_QUEUE_ARN = 'arn:aws:sqs:eu-west-1:123456789012:orders';

/** A message as ReceiveMessage returns it with all attributes, overridable field by field. */
export function receivedMessage(overrides: Partial<Message> = {}): Message {
  return {
    MessageId: 'm-1',
    ReceiptHandle: 'handle-1',
    MD5OfBody: '5d41402abc4b2a76b9719d911017c592',
    Body: 'hello',
    Attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1735689600000',
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: '1735689600050',
    },
    ...overrides,
  };
}

/** A Lambda record with the given message id. */
export function recordWithId(messageId: string): SQSRecord {
  return {
    messageId,
    receiptHandle: `handle-${messageId}`,
    body: messageId,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1735689600000',
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: '1735689600050',
    },
    messageAttributes: {},
    md5OfBody: 'digest',
    eventSource: 'aws:sqs',
    eventSourceARN: TEST_QUEUE_ARN,
    awsRegion: 'eu-west-1',
  };
}
