import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { TABLE_LAYOUTS } from '../config/tables';
import { createTables, startLocalDynamoDb } from './dynamodb';
import { startLocalS3 } from './s3/local-s3';
import { startLocalSecretsManager, type LocalSecretsManager } from './secrets-manager';
import { startLocalSqs } from './sqs';

/**
 * SQS, DynamoDB (with the deployment's tables), S3 (with the payload bucket) and Secrets Manager on 127.0.0.1, and
 * clients of the first three.
 */
export interface AwsStandIns {
  readonly sqs: SQSClient;
  readonly dynamodb: DynamoDBClient;
  readonly s3: S3Client;
  /** The bucket claim-checked webhook bodies go to. */
  readonly payloadBucket: string;
  readonly secrets: LocalSecretsManager;
  /** Table name by layout name (`Idempotency`, `IntegrationState`). */
  readonly tables: Readonly<Record<string, string>>;
  /**
   * The variables through which the AWS SDK finds the stand-ins (`AWS_ENDPOINT_URL_*`, a region and dummy
   * credentials): given to a function's environment, it runs unchanged against them.
   */
  readonly environment: Readonly<Record<string, string>>;
  /** Requests each stand-in served so far, by operation (S3's by HTTP method): what the pipeline cost in AWS calls. */
  calls(): AwsCallCounts;
  /** What those requests are billed in, by operation: SQS's 64 KB chunks, DynamoDB's capacity units. */
  units(): AwsCallUnits;
  close(): Promise<void>;
}

type Counts = Readonly<Record<string, number>>;
export interface AwsCallCounts {
  readonly sqs: Counts;
  readonly dynamodb: Counts;
  readonly s3: Counts;
}
export interface AwsCallUnits {
  readonly sqs: Readonly<Record<string, Counts>>;
  readonly dynamodb: Readonly<Record<string, Counts>>;
}

const REGION = 'us-east-1';
/** Dummy credentials every stand-in takes; s3rver knows only this key pair and checks signatures made with it. */
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** Starts the stand-ins local mode and the tests run functions against, with the stacks' tables and bucket. */
export async function startAwsStandIns(options: { tablePrefix?: string } = {}): Promise<AwsStandIns> {
  const payloadBucket = `${options.tablePrefix ?? ''}payloads`;
  const [sqsServer, dynamoServer, s3Server, secrets] = await Promise.all([
    startLocalSqs({ region: REGION }),
    startLocalDynamoDb(),
    startLocalS3([payloadBucket]),
    startLocalSecretsManager(),
  ]);
  const sqs = new SQSClient({ region: REGION, credentials: CREDENTIALS, endpoint: sqsServer.endpoint });
  const dynamodb = new DynamoDBClient({ region: REGION, credentials: CREDENTIALS, endpoint: dynamoServer.endpoint });
  const s3 = new S3Client({ region: REGION, credentials: CREDENTIALS, endpoint: s3Server.endpoint });
  const close = async () => {
    sqs.destroy();
    dynamodb.destroy();
    s3.destroy();
    await Promise.all([sqsServer.close(), dynamoServer.close(), s3Server.close(), secrets.close()]);
  };
  try {
    const tables = await createTables(dynamodb, TABLE_LAYOUTS, options.tablePrefix);
    return {
      sqs,
      dynamodb,
      s3,
      payloadBucket,
      secrets,
      tables,
      environment: {
        AWS_REGION: REGION,
        AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
        AWS_ENDPOINT_URL_SQS: sqsServer.endpoint,
        AWS_ENDPOINT_URL_DYNAMODB: dynamoServer.endpoint,
        AWS_ENDPOINT_URL_S3: s3Server.endpoint,
        AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
      },
      calls: () => ({
        sqs: sqsServer.calls.counts(),
        dynamodb: dynamoServer.calls.counts(),
        s3: s3Server.calls.counts(),
      }),
      units: () => ({ sqs: sqsServer.calls.measures(), dynamodb: dynamoServer.calls.measures() }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
