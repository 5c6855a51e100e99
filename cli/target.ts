import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { loadStageConfig } from '../config/load';
import type { InterchangeConfig } from '../config/schema';
import { STATE_TABLE } from '../config/tables';
import { payloadBucketName, resourceName } from '../lib/naming';
import { readLocalEndpoints, type LocalEndpoints } from './local-endpoints';
import { LocalLogFiles, LogsInsights, type LogSearch } from './logs';
import { CloudWatchQueueAge, LocalQueueAge, type QueueAge } from './queue-age';
import type { ArchiveBucket } from './replay';

/** A queue and the queue where its failures are parked (a destination's DLQ, a source's quarantine). */
export interface QueuePair {
  readonly name: string;
  readonly url: string;
  readonly parkedName: string;
  readonly parkedUrl: string;
}

/** What the commands act on: local mode or a deployed stage, reached the same way through the AWS SDK. */
export interface Target {
  readonly kind: 'local' | 'aws';
  readonly stage: string;
  readonly config: InterchangeConfig;
  readonly sqs: SQSClient;
  readonly dynamodb: DynamoDBClient;
  readonly stateTable: string;
  readonly logs: LogSearch;
  readonly queueAge: QueueAge;
  /** A source's ingest queue and its quarantine. */
  sourceQueues(source: string): Promise<QueuePair>;
  /** A destination's delivery queue and its dead-letter queue. */
  destinationQueues(destination: string): Promise<QueuePair>;
  /** The payload bucket, where the archive of accepted webhooks is kept. */
  archive(): Promise<ArchiveBucket>;
  close(): void;
}

/** A command that cannot run as asked; the message says what is missing and how to fix it. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
}

/** The AWS clients a deployed stage is reached with; tests hand in clients pointed at local stand-ins. */
export interface AwsClients {
  readonly sqs: SQSClient;
  readonly dynamodb: DynamoDBClient;
  readonly logs: CloudWatchLogsClient;
  readonly cloudwatch: CloudWatchClient;
  readonly s3: S3Client;
  /** Asked for the account id, part of the payload bucket's name. */
  readonly sts: STSClient;
}

export interface TargetOptions {
  /** A deployed stage; without it, the local mode `npm start` runs. */
  readonly stage?: string;
  readonly endpointsFile?: string;
  readonly awsClients?: () => AwsClients;
}

export function resolveTarget(options: TargetOptions): Target {
  return options.stage === undefined
    ? localTarget(readLocalEndpoints(options.endpointsFile))
    : awsTarget(options.stage, (options.awsClients ?? defaultAwsClients)());
}

function defaultAwsClients(): AwsClients {
  return {
    sqs: new SQSClient({}),
    dynamodb: new DynamoDBClient({}),
    logs: new CloudWatchLogsClient({}),
    cloudwatch: new CloudWatchClient({}),
    s3: new S3Client({}),
    sts: new STSClient({}),
  };
}

function knownName(kind: 'source' | 'destination', name: string, known: readonly string[]): void {
  if (!known.includes(name)) throw new CommandError(`unknown ${kind} "${name}"; ${kind}s: ${known.join(', ')}`);
}

function localTarget(endpoints: LocalEndpoints): Target {
  const base = loadStageConfig(endpoints.stage);
  const client = { region: endpoints.region, credentials: endpoints.credentials };
  const sqs = new SQSClient({ ...client, endpoint: endpoints.endpoints.sqs });
  const dynamodb = new DynamoDBClient({ ...client, endpoint: endpoints.endpoints.dynamodb });
  const s3 = new S3Client({ ...client, endpoint: endpoints.endpoints.s3, forcePathStyle: true });
  const sources = Object.keys(endpoints.sources);
  const destinations = Object.keys(endpoints.destinations);
  return {
    kind: 'local',
    stage: endpoints.stage,
    config: base,
    sqs,
    dynamodb,
    stateTable: endpoints.tables.state,
    logs: new LocalLogFiles(endpoints.logsDir),
    queueAge: new LocalQueueAge(sqs),
    sourceQueues: async (source) => {
      knownName('source', source, sources);
      const { queueUrl, quarantineQueueUrl } = endpoints.sources[source]!;
      return pair(queueUrl, quarantineQueueUrl);
    },
    destinationQueues: async (destination) => {
      knownName('destination', destination, destinations);
      const { queueUrl, deadLetterQueueUrl } = endpoints.destinations[destination]!;
      return pair(queueUrl, deadLetterQueueUrl);
    },
    archive: async () => ({ s3, bucket: endpoints.payloadBucket }),
    close: () => {
      sqs.destroy();
      dynamodb.destroy();
      s3.destroy();
    },
  };
}

function pair(url: string, parkedUrl: string): QueuePair {
  const nameOf = (queueUrl: string) => queueUrl.slice(queueUrl.lastIndexOf('/') + 1);
  return { name: nameOf(url), url, parkedName: nameOf(parkedUrl), parkedUrl };
}

function awsTarget(stage: string, clients: AwsClients): Target {
  let config: InterchangeConfig;
  try {
    config = loadStageConfig(stage);
  } catch (error) {
    throw new CommandError((error as Error).message);
  }
  const { sqs } = clients;
  const urlOf = async (name: string): Promise<string> => {
    try {
      const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
      return QueueUrl!;
    } catch (error) {
      throw awsError(error, stage, `queue ${name}`);
    }
  };
  const queues = async (name: string, parkedSuffix: string) => {
    const [url, parkedUrl] = await Promise.all([urlOf(name), urlOf(`${name}${parkedSuffix}`)]);
    return { name, url, parkedName: `${name}${parkedSuffix}`, parkedUrl };
  };
  return {
    kind: 'aws',
    stage,
    config,
    sqs,
    dynamodb: clients.dynamodb,
    stateTable: resourceName(stage, STATE_TABLE.name),
    logs: new LogsInsights(clients.logs, config, (error) => awsError(error, stage, "the functions' log groups")),
    queueAge: new CloudWatchQueueAge(clients.cloudwatch),
    sourceQueues: (source) => {
      knownName(
        'source',
        source,
        config.sources.map((s) => s.name),
      );
      return queues(resourceName(stage, `ingest-${source}`), '-quarantine');
    },
    destinationQueues: (destination) => {
      knownName(
        'destination',
        destination,
        config.destinations.map((d) => d.name),
      );
      return queues(resourceName(stage, `delivery-${destination}`), '-dlq');
    },
    archive: async () => {
      try {
        const [{ Account }, region] = await Promise.all([
          clients.sts.send(new GetCallerIdentityCommand({})),
          clients.s3.config.region(),
        ]);
        return { s3: clients.s3, bucket: payloadBucketName(stage, Account!, region) };
      } catch (error) {
        throw awsError(error, stage, 'the payload bucket');
      }
    },
    close: () => {
      for (const client of Object.values(clients)) (client as { destroy(): void }).destroy();
    },
  };
}

/** Turns the SDK's errors about a missing region, credentials or resource into what the person must fix. */
export function awsError(error: unknown, stage: string, what: string): Error {
  const name = (error as { name?: string }).name ?? '';
  const message = (error as Error).message ?? String(error);
  if (/Region is missing/i.test(message)) {
    return new CommandError('no AWS region: set AWS_REGION (or a profile with a region, AWS_PROFILE)');
  }
  if (name === 'CredentialsProviderError' || /Could not load credentials|credential/i.test(message)) {
    return new CommandError(
      'no AWS credentials: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (or run `aws sso login`)',
    );
  }
  if (
    name === 'QueueDoesNotExist' ||
    name === 'AWS.SimpleQueueService.NonExistentQueue' ||
    name === 'NoSuchBucket' ||
    name === 'ResourceNotFoundException'
  ) {
    return new CommandError(`stage ${stage} is not deployed in this account and region: ${what} not found`);
  }
  return error instanceof Error ? error : new Error(message);
}
