import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { TABLE_LAYOUTS } from '../../config/tables';
import { createTables, startLocalDynamoDb } from '../../local/dynamodb';
import { startLocalSecretsManager, type LocalSecretsManager } from '../../local/secrets-manager';
import { startLocalSqs } from '../../local/sqs';

/** Local stand-ins for SQS, DynamoDB and Secrets Manager on 127.0.0.1, found by handlers through the SDK's variables. */
export interface LocalAws {
  readonly sqs: SQSClient;
  readonly dynamodb: DynamoDBClient;
  readonly secrets: LocalSecretsManager;
  /** Table name by layout name. */
  readonly tables: Record<string, string>;
  createQueue(name: string, attributes?: Record<string, string>): Promise<string>;
  /** Every message waiting in a queue, received with attributes and made visible again at once. */
  peek(queueUrl: string): Promise<Message[]>;
  close(): Promise<void>;
}

const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * Starts the three local endpoints and points this process's AWS SDK at them, as local mode does for the
 * functions, so a handler module imported afterwards runs unchanged. Logs and metrics are silenced unless a
 * test asks for them, to keep test output readable.
 */
export async function startLocalAws(): Promise<LocalAws> {
  const [sqsServer, dynamoServer, secrets] = await Promise.all([
    startLocalSqs(),
    startLocalDynamoDb(),
    startLocalSecretsManager(),
  ]);
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_SQS: sqsServer.endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: dynamoServer.endpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT',
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
  });
  const sqs = new SQSClient({ region: 'us-east-1', endpoint: sqsServer.endpoint, credentials: CREDENTIALS });
  const dynamodb = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: dynamoServer.endpoint,
    credentials: CREDENTIALS,
  });
  const tables = await createTables(dynamodb, TABLE_LAYOUTS);
  return {
    sqs,
    dynamodb,
    secrets,
    tables,
    async createQueue(name, attributes) {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
      return QueueUrl!;
    },
    async peek(queueUrl) {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 10,
          VisibilityTimeout: 0,
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['All'],
        }),
      );
      return Messages ?? [];
    },
    async close() {
      sqs.destroy();
      dynamodb.destroy();
      await Promise.all([sqsServer.close(), dynamoServer.close(), secrets.close()]);
    },
  };
}
