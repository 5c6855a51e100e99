import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  PurgeQueueCommand,
  QueueDoesNotExist,
  QueueNameExists,
  SendMessageCommand,
  SetQueueAttributesCommand,
  type QueueAttributeName,
} from '@aws-sdk/client-sqs';
import {
  createTestQueue,
  startLocalSqsFixture,
  uniqueQueueName,
  type LocalSqsFixture,
} from './helpers/local-sqs-client';

let fixture: LocalSqsFixture;

beforeAll(async () => {
  fixture = await startLocalSqsFixture();
});

afterAll(async () => {
  await fixture.stop();
});

describe('CreateQueue', () => {
  it('answers a queue URL on the local endpoint and an ARN in the account 000000000000', async () => {
    const queue = await createTestQueue(fixture.client, 'create');

    expect(queue.url).toBe(`${fixture.sqs.endpoint}/000000000000/${queue.name}`);
    expect(queue.arn).toBe(`arn:aws:sqs:us-east-1:000000000000:${queue.name}`);
  });

  it('accepts a repeat with the same attributes and rejects one with different attributes', async () => {
    const QueueName = uniqueQueueName('idempotent');
    const first = await fixture.client.send(
      new CreateQueueCommand({ QueueName, Attributes: { VisibilityTimeout: '5' } }),
    );

    const repeat = await fixture.client.send(
      new CreateQueueCommand({ QueueName, Attributes: { VisibilityTimeout: '5' } }),
    );
    const conflicting = fixture.client.send(
      new CreateQueueCommand({ QueueName, Attributes: { VisibilityTimeout: '6' } }),
    );

    expect(repeat.QueueUrl).toBe(first.QueueUrl);
    await expect(conflicting).rejects.toBeInstanceOf(QueueNameExists);
  });
});

describe('GetQueueUrl, ListQueues and DeleteQueue', () => {
  it('finds a queue by name and forgets it once deleted', async () => {
    const queue = await createTestQueue(fixture.client, 'lookup');

    const found = await fixture.client.send(new GetQueueUrlCommand({ QueueName: queue.name }));
    await fixture.client.send(new DeleteQueueCommand({ QueueUrl: queue.url }));

    expect(found.QueueUrl).toBe(queue.url);
    await expect(fixture.client.send(new GetQueueUrlCommand({ QueueName: queue.name }))).rejects.toBeInstanceOf(
      QueueDoesNotExist,
    );
  });

  it('lists queues by prefix, a page at a time', async () => {
    const urls = [
      (await createTestQueue(fixture.client, 'listed')).url,
      (await createTestQueue(fixture.client, 'listed')).url,
      (await createTestQueue(fixture.client, 'listed')).url,
    ];

    const first = await fixture.client.send(new ListQueuesCommand({ QueueNamePrefix: 'listed-', MaxResults: 2 }));
    const second = await fixture.client.send(
      new ListQueuesCommand({ QueueNamePrefix: 'listed-', MaxResults: 2, NextToken: first.NextToken }),
    );

    expect([...(first.QueueUrls ?? []), ...(second.QueueUrls ?? [])].sort()).toEqual(urls.sort());
    expect(second.NextToken).toBeUndefined();
  });
});

describe('GetQueueAttributes and SetQueueAttributes', () => {
  it('answers every attribute for All, including message counts and the age of the oldest message', async () => {
    const queue = await createTestQueue(fixture.client, 'attributes', { DelaySeconds: '0', VisibilityTimeout: '7' });
    await fixture.client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'waiting' }));

    const { Attributes } = await fixture.client.send(
      new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['All'] }),
    );

    expect(Attributes).toMatchObject({
      QueueArn: queue.arn,
      VisibilityTimeout: '7',
      ApproximateNumberOfMessages: '1',
      ApproximateNumberOfMessagesNotVisible: '0',
      ApproximateNumberOfMessagesDelayed: '0',
      MaximumMessageSize: '1048576',
      ApproximateAgeOfOldestMessage: expect.stringMatching(/^\d+$/),
    });
  });

  it('answers only the named attributes, the oldest-message age among them when asked', async () => {
    const queue = await createTestQueue(fixture.client, 'named');

    const { Attributes } = await fixture.client.send(
      new GetQueueAttributesCommand({
        QueueUrl: queue.url,
        AttributeNames: ['QueueArn', 'ApproximateAgeOfOldestMessage' as QueueAttributeName],
      }),
    );

    expect(Attributes).toEqual({ QueueArn: queue.arn, ApproximateAgeOfOldestMessage: '0' });
  });

  it('changes settings and reads them back, a redrive policy as its JSON', async () => {
    const deadLetter = await createTestQueue(fixture.client, 'set-dlq');
    const queue = await createTestQueue(fixture.client, 'set');
    const RedrivePolicy = JSON.stringify({ deadLetterTargetArn: deadLetter.arn, maxReceiveCount: 3 });

    await fixture.client.send(
      new SetQueueAttributesCommand({ QueueUrl: queue.url, Attributes: { VisibilityTimeout: '12', RedrivePolicy } }),
    );
    const { Attributes } = await fixture.client.send(
      new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['VisibilityTimeout', 'RedrivePolicy'] }),
    );

    expect(Attributes).toEqual({ VisibilityTimeout: '12', RedrivePolicy });
  });
});

describe('PurgeQueue', () => {
  it('deletes every message in the queue', async () => {
    const queue = await createTestQueue(fixture.client, 'purge');
    await fixture.client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'one' }));
    await fixture.client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'two' }));

    await fixture.client.send(new PurgeQueueCommand({ QueueUrl: queue.url }));
    const { Attributes } = await fixture.client.send(
      new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );

    expect(Attributes?.ApproximateNumberOfMessages).toBe('0');
  });
});
