import {
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type Message,
} from '@aws-sdk/client-sqs';
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

const createFifoQueue = (contentBasedDeduplication: boolean): Promise<TestQueue> =>
  createTestQueue(fixture.client, 'fifo', {
    FifoQueue: 'true',
    ContentBasedDeduplication: String(contentBasedDeduplication),
  });

const receive = async (queue: TestQueue, max = 10): Promise<Message[]> =>
  (
    await fixture.client.send(
      new ReceiveMessageCommand({
        QueueUrl: queue.url,
        MaxNumberOfMessages: max,
        MessageSystemAttributeNames: ['All'],
      }),
    )
  ).Messages ?? [];

describe('FIFO queues', () => {
  it('delivers each group in send order and holds a group while one of its messages is in flight', async () => {
    const queue = await createFifoQueue(true);
    await fixture.client.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: [
          { Id: 'a1', MessageBody: 'a1', MessageGroupId: 'a' },
          { Id: 'b1', MessageBody: 'b1', MessageGroupId: 'b' },
          { Id: 'a2', MessageBody: 'a2', MessageGroupId: 'a' },
        ],
      }),
    );

    const first = await receive(queue, 1);
    const second = await receive(queue);
    const whileHeld = await receive(queue);
    await fixture.client.send(
      new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: first[0]?.ReceiptHandle }),
    );
    const third = await receive(queue);

    expect(first.map((message) => message.Body)).toEqual(['a1']);
    expect(second.map((message) => message.Body)).toEqual(['b1']);
    expect(whileHeld).toEqual([]);
    expect(third.map((message) => message.Body)).toEqual(['a2']);
    expect(third[0]?.Attributes).toMatchObject({
      MessageGroupId: 'a',
      SequenceNumber: expect.stringMatching(/^\d{20}$/),
    });
  });

  it('drops a repeat with the same MessageDeduplicationId within five minutes', async () => {
    const queue = await createFifoQueue(false);
    const send = () =>
      fixture.client.send(
        new SendMessageCommand({
          QueueUrl: queue.url,
          MessageBody: 'once',
          MessageGroupId: 'g',
          MessageDeduplicationId: 'order-1',
        }),
      );

    const original = await send();
    const repeat = await send();
    const received = await receive(queue);

    expect(repeat.MessageId).toBe(original.MessageId);
    expect(received.map((message) => message.MessageId)).toEqual([original.MessageId]);
  });

  it('deduplicates by body under content-based deduplication', async () => {
    const queue = await createFifoQueue(true);

    for (const body of ['same', 'same', 'different']) {
      await fixture.client.send(
        new SendMessageCommand({ QueueUrl: queue.url, MessageBody: body, MessageGroupId: 'g' }),
      );
    }
    const received = await receive(queue);

    expect(received.map((message) => message.Body)).toEqual(['same', 'different']);
  });

  it('requires a MessageGroupId, and a deduplication id unless content-based deduplication is on', async () => {
    const queue = await createFifoQueue(false);

    const withoutGroup = fixture.client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'x' }));
    const withoutDeduplication = fixture.client.send(
      new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'x', MessageGroupId: 'g' }),
    );

    await expect(withoutGroup).rejects.toMatchObject({ name: 'MissingParameter' });
    await expect(withoutDeduplication).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });
});
