import {
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { createHash } from 'node:crypto';
import {
  createTestQueue,
  startLocalSqsFixture,
  type LocalSqsFixture,
  type TestQueue,
} from './helpers/local-sqs-client';

let fixture: LocalSqsFixture;

beforeAll(async () => {
  fixture = await startLocalSqsFixture();
});

afterAll(async () => {
  await fixture.stop();
});

const inFlightCount = async (queue: TestQueue): Promise<string | undefined> =>
  (
    await fixture.client.send(
      new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['ApproximateNumberOfMessagesNotVisible'] }),
    )
  ).Attributes?.ApproximateNumberOfMessagesNotVisible;

describe('SendMessage and ReceiveMessage', () => {
  it('answers the digests AWS computes, which the SDK verifies, and returns the attributes intact', async () => {
    const queue = await createTestQueue(fixture.client, 'digests');
    const binary = Uint8Array.from([0, 1, 254, 255]);

    const sent = await fixture.client.send(
      new SendMessageCommand({
        QueueUrl: queue.url,
        MessageBody: 'h\u00e9llo \u{1F600}',
        MessageAttributes: {
          attribName1: { DataType: 'String', StringValue: 'attribValue 1' },
          blob: { DataType: 'Binary', BinaryValue: binary },
        },
      }),
    );
    const { Messages } = await fixture.client.send(
      new ReceiveMessageCommand({ QueueUrl: queue.url, MessageAttributeNames: ['All'] }),
    );
    const onlyString = await fixture.client.send(
      new SendMessageCommand({
        QueueUrl: queue.url,
        MessageBody: 'x',
        MessageAttributes: { attribName1: { DataType: 'String', StringValue: 'attribValue 1' } },
      }),
    );

    expect(sent.MD5OfMessageBody).toBe(createHash('md5').update('h\u00e9llo \u{1F600}', 'utf8').digest('hex'));
    expect(onlyString.MD5OfMessageAttributes).toBe('19e27d4e946b072f3f58da80d94fd778');
    expect(Messages?.[0]?.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
    expect(Messages?.[0]?.MessageAttributes?.blob?.BinaryValue).toEqual(binary);
    expect(Messages?.[0]?.Body).toBe('h\u00e9llo \u{1F600}');
  });

  it('returns only the attributes asked for, with the digest of those alone', async () => {
    const queue = await createTestQueue(fixture.client, 'selected');
    await fixture.client.send(
      new SendMessageCommand({
        QueueUrl: queue.url,
        MessageBody: 'x',
        MessageAttributes: {
          attribName1: { DataType: 'String', StringValue: 'attribValue 1' },
          other: { DataType: 'Number', StringValue: '42' },
        },
      }),
    );

    const { Messages } = await fixture.client.send(
      new ReceiveMessageCommand({
        QueueUrl: queue.url,
        MessageAttributeNames: ['attribName1'],
        MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SenderId'],
      }),
    );

    expect(Messages?.[0]?.MessageAttributes).toEqual({
      attribName1: { DataType: 'String', StringValue: 'attribValue 1' },
    });
    expect(Messages?.[0]?.MD5OfMessageAttributes).toBe('19e27d4e946b072f3f58da80d94fd778');
    expect(Messages?.[0]?.Attributes).toEqual({ ApproximateReceiveCount: '1', SenderId: 'local' });
  });

  it('receives up to MaxNumberOfMessages at once', async () => {
    const queue = await createTestQueue(fixture.client, 'many');
    for (const body of ['1', '2', '3']) {
      await fixture.client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: body }));
    }

    const { Messages } = await fixture.client.send(
      new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 2 }),
    );

    expect(Messages?.map((message) => message.Body)).toEqual(['1', '2']);
  });
});

describe('SendMessageBatch', () => {
  it('sends the valid entries and answers the invalid ones in Failed', async () => {
    const queue = await createTestQueue(fixture.client, 'batch');

    const result = await fixture.client.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: [
          { Id: 'ok', MessageBody: 'fine' },
          { Id: 'bad-chars', MessageBody: 'nul \u0000 inside' },
          { Id: 'bad-delay', MessageBody: 'late', DelaySeconds: 901 },
        ],
      }),
    );

    expect(result.Successful?.map((entry) => entry.Id)).toEqual(['ok']);
    expect(result.Failed).toEqual([
      expect.objectContaining({ Id: 'bad-chars', SenderFault: true, Code: 'InvalidMessageContents' }),
      expect.objectContaining({ Id: 'bad-delay', SenderFault: true, Code: 'InvalidParameterValue' }),
    ]);
  });
});

describe('DeleteMessage and DeleteMessageBatch', () => {
  it('deletes by receipt handle and answers unknown handles in Failed', async () => {
    const queue = await createTestQueue(fixture.client, 'delete');
    await fixture.client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'a' }));
    await fixture.client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'b' }));
    const { Messages = [] } = await fixture.client.send(
      new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 2 }),
    );

    await fixture.client.send(
      new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: Messages[0]?.ReceiptHandle }),
    );
    const batch = await fixture.client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: [
          { Id: 'known', ReceiptHandle: Messages[1]?.ReceiptHandle },
          { Id: 'unknown', ReceiptHandle: 'not-a-handle' },
        ],
      }),
    );

    expect(batch.Successful).toEqual([{ Id: 'known' }]);
    expect(batch.Failed).toEqual([expect.objectContaining({ Id: 'unknown', Code: 'ReceiptHandleIsInvalid' })]);
    expect(await inFlightCount(queue)).toBe('0');
  });
});
