/** A local SQS endpoint with a real SQS client pointed at it, and queue factories, for tests that speak the wire. */
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient, type QueueAttributeName } from '@aws-sdk/client-sqs';
import { startLocalSqs, type LocalSqs } from '../../../../local/sqs';

/** The dummy credentials every local client signs with. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** A running endpoint and a client for it; `stop` closes both. */
export interface LocalSqsFixture {
  readonly sqs: LocalSqs;
  readonly client: SQSClient;
  stop(): Promise<void>;
}

/** An SQS client for `endpoint` with the dummy credentials, as local mode configures one. */
export function localSqsClient(endpoint: string): SQSClient {
  return new SQSClient({ endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
}

/** Starts an endpoint on a free loopback port and a client for it. */
export async function startLocalSqsFixture(): Promise<LocalSqsFixture> {
  const sqs = await startLocalSqs();
  const client = localSqsClient(sqs.endpoint);
  return {
    sqs,
    client,
    async stop() {
      client.destroy();
      await sqs.close();
    },
  };
}

let queueCounter = 0;

/** A queue name no other test in the process uses. */
export function uniqueQueueName(prefix: string, fifo = false): string {
  queueCounter += 1;
  return `${prefix}-${queueCounter}${fifo ? '.fifo' : ''}`;
}

/** A created queue's URL and ARN. */
export interface TestQueue {
  readonly url: string;
  readonly arn: string;
  readonly name: string;
}

/** Creates a uniquely named queue with `attributes` and reads back its ARN. */
export async function createTestQueue(
  client: SQSClient,
  prefix: string,
  attributes: Partial<Record<QueueAttributeName, string>> = {},
): Promise<TestQueue> {
  const name = uniqueQueueName(prefix, attributes.FifoQueue === 'true');
  const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  if (!QueueUrl || !Attributes?.QueueArn) throw new Error(`queue ${name} was not created`);
  return { url: QueueUrl, arn: Attributes.QueueArn, name };
}

/** A queue that dead-letters to a fresh DLQ after `maxReceiveCount` receives. */
export async function createQueueWithDeadLetterQueue(
  client: SQSClient,
  prefix: string,
  maxReceiveCount: number,
  attributes: Partial<Record<QueueAttributeName, string>> = {},
): Promise<{ source: TestQueue; deadLetter: TestQueue }> {
  const fifo = attributes.FifoQueue === 'true' ? { FifoQueue: 'true' } : {};
  const deadLetter = await createTestQueue(client, `${prefix}-dlq`, fifo);
  const source = await createTestQueue(client, prefix, {
    ...attributes,
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetter.arn, maxReceiveCount }),
  });
  return { source, deadLetter };
}
