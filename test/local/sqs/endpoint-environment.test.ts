import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startLocalSqs, type LocalSqs } from '../../../local/sqs';
import { createTestQueue, LOCAL_CREDENTIALS } from './helpers/local-sqs-client';

let sqs: LocalSqs;
let client: SQSClient;
const previous = process.env.AWS_ENDPOINT_URL_SQS;

beforeAll(async () => {
  sqs = await startLocalSqs();
  process.env.AWS_ENDPOINT_URL_SQS = sqs.endpoint;
  // Configured as a handler's module-scope client is: no endpoint in code, only the standard variable.
  client = new SQSClient({ region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
});

afterAll(async () => {
  if (previous === undefined) delete process.env.AWS_ENDPOINT_URL_SQS;
  else process.env.AWS_ENDPOINT_URL_SQS = previous;
  client.destroy();
  await sqs.close();
});

describe('a client that finds the endpoint through AWS_ENDPOINT_URL_SQS', () => {
  it('creates, sends to and receives from queues whose URLs lead back to the local endpoint', async () => {
    const queue = await createTestQueue(client, 'from-environment');

    await client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'found it' }));
    const { Messages } = await client.send(new ReceiveMessageCommand({ QueueUrl: queue.url }));

    expect(queue.url.startsWith(sqs.endpoint)).toBe(true);
    expect(Messages?.map((message) => message.Body)).toEqual(['found it']);
  });
});
