import {
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { setTimeout as delay } from 'node:timers/promises';
import { startLocalSqs } from '../../../local/sqs';
import {
  createTestQueue,
  localSqsClient,
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

const receiveOne = async (client: SQSClient, queue: TestQueue, extra: { VisibilityTimeout?: number } = {}) =>
  (
    await client.send(
      new ReceiveMessageCommand({ QueueUrl: queue.url, MessageSystemAttributeNames: ['All'], ...extra }),
    )
  ).Messages?.[0];

describe('visibility', () => {
  it('brings a received message back once the visibility timeout has passed', async () => {
    const queue = await createTestQueue(fixture.client, 'expiry', { VisibilityTimeout: '1' });
    await fixture.client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'again' }));

    const first = await receiveOne(fixture.client, queue);
    const whileHidden = await receiveOne(fixture.client, queue);
    await delay(1_100);
    const again = await receiveOne(fixture.client, queue);

    expect(first?.Attributes?.ApproximateReceiveCount).toBe('1');
    expect(whileHidden).toBeUndefined();
    expect(again?.MessageId).toBe(first?.MessageId);
    expect(again?.Attributes?.ApproximateReceiveCount).toBe('2');
  });

  it('makes a message visible at once when its visibility is changed to 0', async () => {
    const queue = await createTestQueue(fixture.client, 'release');
    await fixture.client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'back' }));
    const first = await receiveOne(fixture.client, queue);

    await fixture.client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queue.url,
        ReceiptHandle: first?.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    const again = await receiveOne(fixture.client, queue);

    expect(again?.MessageId).toBe(first?.MessageId);
  });

  it('takes a per-receive VisibilityTimeout over the queue setting', async () => {
    const queue = await createTestQueue(fixture.client, 'override', { VisibilityTimeout: '600' });
    await fixture.client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'peek' }));

    const peeked = await receiveOne(fixture.client, queue, { VisibilityTimeout: 0 });
    const again = await receiveOne(fixture.client, queue);

    expect(again?.MessageId).toBe(peeked?.MessageId);
  });

  it('changes visibility in a batch, answering messages no longer in flight in Failed', async () => {
    const queue = await createTestQueue(fixture.client, 'visibility-batch');
    await fixture.client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'held' }));
    await fixture.client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'released' }));
    const { Messages = [] } = await fixture.client.send(
      new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 2 }),
    );
    await fixture.client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queue.url,
        ReceiptHandle: Messages[1]?.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );

    const result = await fixture.client.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queue.url,
        Entries: [
          { Id: 'held', ReceiptHandle: Messages[0]?.ReceiptHandle, VisibilityTimeout: 60 },
          { Id: 'released', ReceiptHandle: Messages[1]?.ReceiptHandle, VisibilityTimeout: 60 },
        ],
      }),
    );

    expect(result.Successful).toEqual([{ Id: 'held' }]);
    expect(result.Failed).toEqual([expect.objectContaining({ Id: 'released', Code: 'MessageNotInflight' })]);
  });
});

describe('long polling', () => {
  // Each test's timeout is far below the 20-second wait: it passes only if the poll returns early.
  it('returns as soon as a message is sent', async () => {
    const queue = await createTestQueue(fixture.client, 'long-poll');

    const polling = fixture.client.send(new ReceiveMessageCommand({ QueueUrl: queue.url, WaitTimeSeconds: 20 }));
    await delay(100);
    await fixture.client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'wake up' }));

    expect((await polling).Messages?.map((message) => message.Body)).toEqual(['wake up']);
  }, 15_000);

  it('returns when an in-flight message becomes visible again', async () => {
    const queue = await createTestQueue(fixture.client, 'long-poll-expiry', { VisibilityTimeout: '1' });
    await fixture.client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'returns' }));
    const first = await receiveOne(fixture.client, queue);

    const { Messages } = await fixture.client.send(
      new ReceiveMessageCommand({ QueueUrl: queue.url, WaitTimeSeconds: 20 }),
    );

    expect(Messages?.[0]?.MessageId).toBe(first?.MessageId);
  }, 15_000);

  it('is released empty when the endpoint closes', async () => {
    const sqs = await startLocalSqs();
    const client = localSqsClient(sqs.endpoint);
    const queue = await createTestQueue(client, 'closing');

    const polling = client.send(new ReceiveMessageCommand({ QueueUrl: queue.url, WaitTimeSeconds: 20 }));
    await delay(100);
    await sqs.close();

    expect((await polling).Messages).toBeUndefined();
    client.destroy();
  }, 10_000);
});
