import { Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import {
  ARCHIVE_PREFIX,
  CLAIM_CHECK_PREFIX,
  DELIVERY_MAX_RECEIVE_COUNT,
  deliveryRetentionSeconds,
  READ_API_CALLERS_SECRET,
  STATE_WRITER_BATCHING,
} from '../config/function-settings';
import { CANONICAL_STATE_DESTINATION, sourceApiAuths, type InterchangeConfig } from '../config/schema';
import { CANONICAL_STATE_TABLE, IDEMPOTENCY_TABLE, STATE_TABLE } from '../config/tables';
import { QueueWithDeadLetter } from './constructs/queue-with-dead-letter';
import { StateTable } from './constructs/state-table';
import { FUNCTION_TIMEOUTS } from './function-limits';
import { payloadBucketName, resourceName } from './naming';

export interface StatefulStackProps extends StackProps {
  readonly config: InterchangeConfig;
}

/** A source's durable parts: its ingest queue (whose dead-letter queue is the quarantine) and signing secret. */
export interface SourceResources {
  readonly ingest: QueueWithDeadLetter;
  readonly signingSecret: Secret;
  /** Credentials for the source's APIs (completion, reconciliation, subscriptions), when they need them. */
  readonly apiCredentials?: Secret;
}

/** A destination's durable parts: its delivery queue with DLQ and, when its auth needs one, its credentials. */
export interface DestinationResources {
  readonly delivery: QueueWithDeadLetter;
  readonly credentials?: Secret;
}

/**
 * How long a claim-checked body is kept: longer than any message pointing at it can live (SQS keeps a message
 * 14 days at most, in the ingest queue or its quarantine), with room to replay a quarantined record, and at least
 * as long as the archive, whose lines of large webhooks point at their claim checks.
 */
export function claimCheckExpiry(archiveDays: number): Duration {
  return Duration.days(Math.max(30, archiveDays));
}

/** Receives of an ingest record before it is quarantined by redrive (mapping is pure, so few are needed). */
const INGEST_MAX_RECEIVE_COUNT = 5;

/**
 * Everything that holds data: tables, queues and secrets. Deployed first and kept apart from the functions,
 * so a code deploy can never replace a queue or a table.
 */
export class StatefulStack extends Stack {
  readonly idempotencyTable: TableV2;
  readonly stateTable: TableV2;
  /** The latest canonical version of every entity, read by the read API and the reconciliation pollers. */
  readonly canonicalStateTable: TableV2;
  /** The internal destination every canonical event is routed to, consumed by the state writer. */
  readonly canonicalStateQueue: QueueWithDeadLetter;
  /** The read API's callers: `{"callers": {"<id>": {"keySha256": "<hex>", "requestsPerSecond": n}}}`. */
  readonly readApiCallers: Secret;
  readonly sources: ReadonlyMap<string, SourceResources>;
  readonly destinations: ReadonlyMap<string, DestinationResources>;
  /** Webhook bodies too large for a queue message, which the messages point at (claim check). */
  readonly payloadBucket: Bucket;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;
    const stage = config.stage.name;
    const removalPolicy = config.stage.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.idempotencyTable = new StateTable(this, 'IdempotencyTable', {
      layout: IDEMPOTENCY_TABLE,
      tableName: resourceName(stage, IDEMPOTENCY_TABLE.name),
      removalPolicy,
    });
    this.stateTable = new StateTable(this, 'StateTable', {
      layout: STATE_TABLE,
      tableName: resourceName(stage, STATE_TABLE.name),
      removalPolicy,
    });

    this.canonicalStateTable = new StateTable(this, 'CanonicalStateTable', {
      layout: CANONICAL_STATE_TABLE,
      tableName: resourceName(stage, CANONICAL_STATE_TABLE.name),
      removalPolicy,
    });
    this.canonicalStateQueue = new QueueWithDeadLetter(this, 'CanonicalState', {
      queueName: resourceName(stage, CANONICAL_STATE_DESTINATION),
      consumerTimeout: FUNCTION_TIMEOUTS.stateWriter,
      maxReceiveCount: STATE_WRITER_BATCHING.maxReceiveCount,
      removalPolicy,
    });
    this.readApiCallers = new Secret(this, 'ReadApiCallers', {
      secretName: `${stage}/${READ_API_CALLERS_SECRET}`,
      description:
        'Callers of the read API: {"callers": {"<caller id>": {"keySha256": "<hex SHA-256 of the key>", "requestsPerSecond": 10}}}. Keys are never stored, only their hashes.',
      secretObjectValue: {},
      removalPolicy,
    });
    Validations.of(this.readApiCallers).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'It holds SHA-256 hashes of API keys that callers keep; a key is rotated by issuing a new one to its caller and replacing the hash, which no rotation Lambda can do for them.',
    });

    this.payloadBucket = new Bucket(this, 'PayloadBucket', {
      bucketName: payloadBucketName(stage),
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [
        {
          id: 'ExpireClaimChecks',
          prefix: `${CLAIM_CHECK_PREFIX}/`,
          expiration: claimCheckExpiry(config.stage.archiveDays),
        },
        { id: 'ExpireArchive', prefix: `${ARCHIVE_PREFIX}/`, expiration: Duration.days(config.stage.archiveDays) },
        { id: 'AbortIncompleteUploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy,
    });
    Validations.of(this.payloadBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Only the ingest and transform functions touch the bucket, each through its own least-privilege grant; every write and read is a traced SDK call logged with the correlation id, so server access logs would repeat what the function logs and X-Ray already hold.',
    });

    this.sources = new Map(
      config.sources.map((source) => {
        const ingest = new QueueWithDeadLetter(this, `Ingest-${source.name}`, {
          queueName: resourceName(stage, `ingest-${source.name}`),
          deadLetterSuffix: '-quarantine',
          consumerTimeout: FUNCTION_TIMEOUTS.transform,
          maxReceiveCount: INGEST_MAX_RECEIVE_COUNT,
          removalPolicy,
        });
        const signingSecret = new Secret(this, `SigningSecret-${source.name}`, {
          secretName: `${stage}/${source.secretName}`,
          description: `Webhook signing secret of ${source.name}: {"current": "...", "previous": "..."}. Store the vendor's value here.`,
          generateSecretString: { secretStringTemplate: '{"previous":""}', generateStringKey: 'current' },
          removalPolicy,
        });
        acknowledgeVendorRotation(signingSecret, 'webhook signing secret is issued by the vendor');
        const auth = sourceApiAuths(source)[0];
        if (!auth) return [source.name, { ingest, signingSecret }];
        const apiCredentials = new Secret(this, `ApiCredentials-${source.name}`, {
          secretName: `${stage}/${auth.secretName}`,
          description: `Credentials Interchange uses to read records and keep webhook subscriptions at ${source.name}'s API (${auth.kind}).`,
          removalPolicy,
        });
        acknowledgeVendorRotation(apiCredentials, "source API credentials are issued by the source's vendor");
        return [source.name, { ingest, signingSecret, apiCredentials }];
      }),
    );

    this.destinations = new Map(
      config.destinations.map((destination) => {
        const delivery = new QueueWithDeadLetter(this, `Delivery-${destination.name}`, {
          queueName: resourceName(stage, `delivery-${destination.name}`),
          consumerTimeout: FUNCTION_TIMEOUTS.connector,
          maxReceiveCount: DELIVERY_MAX_RECEIVE_COUNT,
          retentionPeriod: Duration.seconds(deliveryRetentionSeconds(destination)),
          removalPolicy,
        });
        const { auth } = destination;
        if (auth.kind === 'none') return [destination.name, { delivery }];
        const credentials = new Secret(this, `Credentials-${destination.name}`, {
          secretName: `${stage}/${auth.secretName}`,
          description: `Credentials Interchange uses to call ${destination.name} (${auth.kind}). Store the issued values here.`,
          removalPolicy,
        });
        acknowledgeVendorRotation(credentials, 'credentials are issued by the destination system');
        return [destination.name, { delivery, credentials }];
      }),
    );
  }
}

function acknowledgeVendorRotation(secret: Secret, whose: string): void {
  Validations.of(secret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason: `The ${whose}; it is rotated on the vendor's side and stored here by the operator, so no Lambda can rotate it.`,
  });
}
