import { parseQueueArn, toSqsRecord } from '../../../local/event-source-mapping';
import { receivedMessage, TEST_QUEUE_ARN } from './helpers/sqs-messages';

describe('toSqsRecord', () => {
  it('builds the record Lambda builds for a plain message', () => {
    const record = toSqsRecord(receivedMessage(), TEST_QUEUE_ARN);

    expect(record).toEqual({
      messageId: 'm-1',
      receiptHandle: 'handle-1',
      body: 'hello',
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '1735689600000',
        SenderId: 'AIDAEXAMPLE',
        ApproximateFirstReceiveTimestamp: '1735689600050',
      },
      messageAttributes: {},
      md5OfBody: '5d41402abc4b2a76b9719d911017c592',
      eventSource: 'aws:sqs',
      eventSourceARN: TEST_QUEUE_ARN,
      awsRegion: 'eu-west-1',
    });
  });

  it('renders message attributes in Lambda’s shape, binary values in base64', () => {
    const message = receivedMessage({
      MD5OfMessageAttributes: 'attribute-digest',
      MessageAttributes: {
        correlationId: { DataType: 'String', StringValue: 'c-1' },
        signature: { DataType: 'Binary', BinaryValue: Uint8Array.from([1, 2, 255]) },
      },
    });

    const record = toSqsRecord(message, TEST_QUEUE_ARN);

    expect(record.md5OfMessageAttributes).toBe('attribute-digest');
    expect(record.messageAttributes).toEqual({
      correlationId: { stringValue: 'c-1', stringListValues: [], binaryListValues: [], dataType: 'String' },
      signature: { binaryValue: 'AQL/', stringListValues: [], binaryListValues: [], dataType: 'Binary' },
    });
  });

  it('carries the FIFO system attributes', () => {
    const message = receivedMessage({
      Attributes: {
        ...receivedMessage().Attributes,
        MessageGroupId: 'customer-7',
        MessageDeduplicationId: 'd-1',
        SequenceNumber: '10000000000000000001',
      },
    });

    expect(toSqsRecord(message, TEST_QUEUE_ARN).attributes).toMatchObject({
      MessageGroupId: 'customer-7',
      MessageDeduplicationId: 'd-1',
      SequenceNumber: '10000000000000000001',
    });
  });

  it('refuses a message without its receipt handle', () => {
    expect(() => toSqsRecord(receivedMessage({ ReceiptHandle: undefined }), TEST_QUEUE_ARN)).toThrow(/receipt handle/);
  });
});

describe('parseQueueArn', () => {
  it('splits a queue ARN into region, account and name', () => {
    expect(parseQueueArn(TEST_QUEUE_ARN)).toEqual({
      region: 'eu-west-1',
      accountId: '123456789012',
      queueName: 'orders',
    });
  });

  it.each(['', 'orders', 'arn:aws:sns:eu-west-1:123456789012:topic', 'arn:aws:sqs:eu-west-1:123456789012'])(
    'rejects %p',
    (arn) => {
      expect(() => parseQueueArn(arn)).toThrow(/Not an SQS queue ARN/);
    },
  );
});
