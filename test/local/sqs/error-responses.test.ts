import {
  BatchEntryIdsNotDistinct,
  BatchRequestTooLong,
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  EmptyBatchRequest,
  GetQueueUrlCommand,
  InvalidAddress,
  InvalidAttributeName,
  InvalidAttributeValue,
  InvalidBatchEntryId,
  InvalidMessageContents,
  QueueDoesNotExist,
  ReceiptHandleIsInvalid,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  TooManyEntriesInBatchRequest,
  UnsupportedOperation,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import {
  createTestQueue,
  startLocalSqsFixture,
  type LocalSqsFixture,
  type TestQueue,
} from './helpers/local-sqs-client';
import { tamperedClient } from './helpers/tampered-client';

let fixture: LocalSqsFixture;
let queue: TestQueue;
const tampered: SQSClient[] = [];

beforeAll(async () => {
  fixture = await startLocalSqsFixture();
  queue = await createTestQueue(fixture.client, 'errors');
});

afterAll(async () => {
  for (const client of tampered) client.destroy();
  await fixture.stop();
});

const ONE_MIB = 1_048_576;

describe('errors the SDK raises as named exceptions', () => {
  it('QueueDoesNotExist for an unknown queue name or URL', async () => {
    const missingUrl = queue.url.replace(queue.name, 'no-such-queue');

    await expect(fixture.client.send(new GetQueueUrlCommand({ QueueName: 'no-such-queue' }))).rejects.toBeInstanceOf(
      QueueDoesNotExist,
    );
    await expect(
      fixture.client.send(new SendMessageCommand({ QueueUrl: missingUrl, MessageBody: 'x' })),
    ).rejects.toBeInstanceOf(QueueDoesNotExist);
  });

  it('InvalidAddress for a QueueUrl that names no queue', async () => {
    const send = fixture.client.send(
      new SendMessageCommand({ QueueUrl: `${fixture.sqs.endpoint}/not-a-queue-url`, MessageBody: 'x' }),
    );

    await expect(send).rejects.toBeInstanceOf(InvalidAddress);
  });

  it('ReceiptHandleIsInvalid for a receipt handle this queue never issued', async () => {
    const remove = fixture.client.send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: 'garbage' }));
    const change = fixture.client.send(
      new ChangeMessageVisibilityCommand({ QueueUrl: queue.url, ReceiptHandle: 'garbage', VisibilityTimeout: 5 }),
    );

    await expect(remove).rejects.toBeInstanceOf(ReceiptHandleIsInvalid);
    await expect(change).rejects.toBeInstanceOf(ReceiptHandleIsInvalid);
  });

  it('InvalidParameterValue for a body above 1 MiB, which accepts exactly 1 MiB', async () => {
    const atLimit = await fixture.client.send(
      new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'x'.repeat(ONE_MIB) }),
    );
    const overLimit = fixture.client.send(
      new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'x'.repeat(ONE_MIB + 1) }),
    );

    expect(atLimit.MessageId).toEqual(expect.any(String));
    await expect(overLimit).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: expect.stringContaining('Message must be shorter than 1048576 bytes'),
    });
  });

  it('InvalidParameterValue for MaxNumberOfMessages 11 and WaitTimeSeconds 21', async () => {
    const tooMany = fixture.client.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 11 }));
    const tooLong = fixture.client.send(new ReceiveMessageCommand({ QueueUrl: queue.url, WaitTimeSeconds: 21 }));

    await expect(tooMany).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: expect.stringContaining('MaxNumberOfMessages'),
    });
    await expect(tooLong).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: expect.stringContaining('WaitTimeSeconds'),
    });
  });

  it('InvalidMessageContents for a body with a character outside XML’s set', async () => {
    const send = fixture.client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'bell \u0007' }));

    await expect(send).rejects.toBeInstanceOf(InvalidMessageContents);
  });

  it('InvalidAttributeName and InvalidAttributeValue for bad queue attributes', async () => {
    const unknown = fixture.client.send(
      new CreateQueueCommand({
        QueueName: 'bad-attribute',
        Attributes: { NoSuchThing: '1' } as Record<string, string>,
      }),
    );
    const outOfRange = fixture.client.send(
      new SetQueueAttributesCommand({ QueueUrl: queue.url, Attributes: { VisibilityTimeout: '43201' } }),
    );

    await expect(unknown).rejects.toBeInstanceOf(InvalidAttributeName);
    await expect(outOfRange).rejects.toBeInstanceOf(InvalidAttributeValue);
  });

  it('the batch shape errors: empty, too many entries, repeated or malformed ids, too long in total', async () => {
    const batch = (Entries: { Id: string; MessageBody: string }[]) =>
      fixture.client.send(new SendMessageBatchCommand({ QueueUrl: queue.url, Entries }));
    const entries = (count: number) =>
      Array.from({ length: count }, (_, index) => ({ Id: `e${index}`, MessageBody: 'x' }));

    await expect(batch([])).rejects.toBeInstanceOf(EmptyBatchRequest);
    await expect(batch(entries(11))).rejects.toBeInstanceOf(TooManyEntriesInBatchRequest);
    await expect(batch([...entries(1), ...entries(1)])).rejects.toBeInstanceOf(BatchEntryIdsNotDistinct);
    await expect(batch([{ Id: 'not ok!', MessageBody: 'x' }])).rejects.toBeInstanceOf(InvalidBatchEntryId);
    await expect(
      batch(entries(2).map((entry) => ({ ...entry, MessageBody: 'x'.repeat(ONE_MIB / 2 + 1) }))),
    ).rejects.toBeInstanceOf(BatchRequestTooLong);
  });
});

describe('errors for requests the SDK would never send', () => {
  it('SerializationException for a body that is not JSON', async () => {
    const client = tamperedClient(fixture.sqs.endpoint, (request) => {
      request.body = '{"QueueUrl": ';
    });
    tampered.push(client);

    await expect(client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'x' }))).rejects.toMatchObject({
      name: 'SerializationException',
    });
  });

  it('MissingParameter for an input without a required member', async () => {
    const client = tamperedClient(fixture.sqs.endpoint, (request) => {
      request.body = JSON.stringify({ QueueUrl: queue.url });
    });
    tampered.push(client);

    await expect(client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'x' }))).rejects.toMatchObject({
      name: 'MissingParameter',
      message: expect.stringContaining('MessageBody'),
    });
  });

  it('UnsupportedOperation for an X-Amz-Target this endpoint does not serve', async () => {
    const client = tamperedClient(fixture.sqs.endpoint, (request) => {
      request.headers['x-amz-target'] = 'AmazonSQS.AddPermission';
    });
    tampered.push(client);

    await expect(client.send(new GetQueueUrlCommand({ QueueName: queue.name }))).rejects.toBeInstanceOf(
      UnsupportedOperation,
    );
  });
});

describe('the wire form of an error', () => {
  it('is a 400 with the query-compatible code header and a JSON body naming the shape', async () => {
    const response = await fetch(fixture.sqs.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.GetQueueUrl' },
      body: JSON.stringify({ QueueName: 'no-such-queue' }),
    });

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(response.headers.get('x-amzn-query-error')).toBe('AWS.SimpleQueueService.NonExistentQueue;Sender');
    expect(await response.json()).toEqual({
      __type: 'com.amazonaws.sqs#QueueDoesNotExist',
      message: 'The specified queue does not exist.',
    });
  });
});
