import {
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  StartMessageMoveTaskCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { setTimeout as delay } from 'node:timers/promises';
import {
  createQueueWithDeadLetterQueue,
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

const receiveBodies = async (client: SQSClient, queue: TestQueue): Promise<string[]> => {
  const { Messages = [] } = await client.send(
    new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }),
  );
  return Messages.map((message) => message.Body ?? '');
};

const visibleCount = async (queue: TestQueue): Promise<string | undefined> =>
  (
    await fixture.client.send(
      new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['ApproximateNumberOfMessages'] }),
    )
  ).Attributes?.ApproximateNumberOfMessages;

describe('redrive to a dead-letter queue', () => {
  it('moves a message received maxReceiveCount times to the DLQ on the next receive attempt', async () => {
    const { source, deadLetter } = await createQueueWithDeadLetterQueue(fixture.client, 'poison', 2);
    await fixture.client.send(new SendMessageCommand({ QueueUrl: source.url, MessageBody: 'poison' }));

    const attempts = [
      await receiveBodies(fixture.client, source),
      await receiveBodies(fixture.client, source),
      await receiveBodies(fixture.client, source),
    ];
    const { Messages } = await fixture.client.send(
      new ReceiveMessageCommand({ QueueUrl: deadLetter.url, MessageSystemAttributeNames: ['All'] }),
    );

    expect(attempts).toEqual([['poison'], ['poison'], []]);
    expect(Messages?.[0]?.Body).toBe('poison');
    expect(Messages?.[0]?.Attributes?.DeadLetterQueueSourceArn).toBe(source.arn);
  });

  it('dead-letters after visibility timeouts expire, as a failing consumer causes', async () => {
    const { source, deadLetter } = await createQueueWithDeadLetterQueue(fixture.client, 'expiring', 1, {
      VisibilityTimeout: '1',
    });
    await fixture.client.send(new SendMessageCommand({ QueueUrl: source.url, MessageBody: 'abandoned' }));

    await fixture.client.send(new ReceiveMessageCommand({ QueueUrl: source.url }));
    await delay(1_100);
    const afterExpiry = await fixture.client.send(new ReceiveMessageCommand({ QueueUrl: source.url }));

    expect(afterExpiry.Messages).toBeUndefined();
    expect(await visibleCount(deadLetter)).toBe('1');
  });
});

describe('StartMessageMoveTask and ListMessageMoveTasks', () => {
  it('returns dead-lettered messages to the queue they came from', async () => {
    const { source, deadLetter } = await createQueueWithDeadLetterQueue(fixture.client, 'redrive', 1);
    await fixture.client.send(new SendMessageCommand({ QueueUrl: source.url, MessageBody: 'retry me' }));
    await receiveBodies(fixture.client, source);
    await receiveBodies(fixture.client, source);

    const { TaskHandle } = await fixture.client.send(new StartMessageMoveTaskCommand({ SourceArn: deadLetter.arn }));
    const { Results } = await fixture.client.send(new ListMessageMoveTasksCommand({ SourceArn: deadLetter.arn }));

    expect(TaskHandle).toEqual(expect.any(String));
    expect(Results).toEqual([
      expect.objectContaining({
        Status: 'COMPLETED',
        SourceArn: deadLetter.arn,
        ApproximateNumberOfMessagesMoved: 1,
        ApproximateNumberOfMessagesToMove: 1,
      }),
    ]);
    expect(await visibleCount(deadLetter)).toBe('0');
    expect(await receiveBodies(fixture.client, source)).toEqual(['retry me']);
  });

  it('moves to a given DestinationArn instead', async () => {
    const { source, deadLetter } = await createQueueWithDeadLetterQueue(fixture.client, 'elsewhere', 1);
    const destination = await createTestQueue(fixture.client, 'destination');
    await fixture.client.send(
      new SendMessageCommand({ QueueUrl: deadLetter.url, MessageBody: 'sent straight to the DLQ' }),
    );

    await fixture.client.send(
      new StartMessageMoveTaskCommand({ SourceArn: deadLetter.arn, DestinationArn: destination.arn }),
    );

    expect(await receiveBodies(fixture.client, destination)).toEqual(['sent straight to the DLQ']);
    expect(await visibleCount(source)).toBe('0');
  });

  it('fails the task for messages that have no source queue to return to', async () => {
    const { deadLetter } = await createQueueWithDeadLetterQueue(fixture.client, 'no-origin', 1);
    await fixture.client.send(new SendMessageCommand({ QueueUrl: deadLetter.url, MessageBody: 'orphan' }));

    await fixture.client.send(new StartMessageMoveTaskCommand({ SourceArn: deadLetter.arn }));
    const { Results } = await fixture.client.send(new ListMessageMoveTasksCommand({ SourceArn: deadLetter.arn }));

    expect(Results?.[0]).toMatchObject({ Status: 'FAILED', ApproximateNumberOfMessagesMoved: 0 });
    expect(Results?.[0]?.FailureReason).toMatch(/DestinationArn/);
    expect(await visibleCount(deadLetter)).toBe('1');
  });

  it('refuses a source queue that is no queue’s dead-letter queue', async () => {
    const plain = await createTestQueue(fixture.client, 'not-a-dlq');

    await expect(fixture.client.send(new StartMessageMoveTaskCommand({ SourceArn: plain.arn }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
  });
});
