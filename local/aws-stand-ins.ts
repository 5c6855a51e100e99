import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { TABLE_LAYOUTS } from '../config/tables';
import { createTables, startLocalDynamoDb } from './dynamodb';
import { startLocalSecretsManager, type LocalSecretsManager } from './secrets-manager';
import { startLocalSqs } from './sqs';

/** SQS, DynamoDB (with the deployment's tables) and Secrets Manager on 127.0.0.1, and clients of the first two. */
export interface AwsStandIns {
  readonly sqs: SQSClient;
  readonly dynamodb: DynamoDBClient;
  readonly secrets: LocalSecretsManager;
  /** Table name by layout name (`Idempotency`, `IntegrationState`). */
  readonly tables: Readonly<Record<string, string>>;
  /**
   * The variables through which the AWS SDK finds the stand-ins (`AWS_ENDPOINT_URL_*`, a region and dummy
   * credentials): given to a function's environment, it runs unchanged against them.
   */
  readonly environment: Readonly<Record<string, string>>;
  /** Requests each stand-in served so far, by operation: what the pipeline would have cost in AWS calls. */
  calls(): { readonly sqs: Readonly<Record<string, number>>; readonly dynamodb: Readonly<Record<string, number>> };
  close(): Promise<void>;
}

const REGION = 'us-east-1';
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** Starts the three stand-ins local mode and the tests run functions against, with the stacks' table layouts. */
export async function startAwsStandIns(options: { tablePrefix?: string } = {}): Promise<AwsStandIns> {
  const [sqsServer, dynamoServer, secrets] = await Promise.all([
    startLocalSqs({ region: REGION }),
    startLocalDynamoDb(),
    startLocalSecretsManager(),
  ]);
  const sqs = new SQSClient({ region: REGION, credentials: CREDENTIALS, endpoint: sqsServer.endpoint });
  const dynamodb = new DynamoDBClient({ region: REGION, credentials: CREDENTIALS, endpoint: dynamoServer.endpoint });
  const close = async () => {
    sqs.destroy();
    dynamodb.destroy();
    await Promise.all([sqsServer.close(), dynamoServer.close(), secrets.close()]);
  };
  try {
    const tables = await createTables(dynamodb, TABLE_LAYOUTS, options.tablePrefix);
    return {
      sqs,
      dynamodb,
      secrets,
      tables,
      environment: {
        AWS_REGION: REGION,
        AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
        AWS_ENDPOINT_URL_SQS: sqsServer.endpoint,
        AWS_ENDPOINT_URL_DYNAMODB: dynamoServer.endpoint,
        AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
      },
      calls: () => ({ sqs: sqsServer.calls.counts(), dynamodb: dynamoServer.calls.counts() }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
