import { Aws, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import {
  ARCHIVE_PREFIX,
  CANONICAL_STATE_PREFIX,
  CANONICAL_STATE_TABLE_VARIABLE,
  CLAIM_CHECK_PREFIX,
  connectorSettingsFor,
  readApiSettingsFor,
  readAuthorizerSettingsFor,
  STATE_WRITER_BATCHING,
  stateWriterSettingsFor,
  ingestSettingsFor,
  needsReconcileFunction,
  reconcileSettingsFor,
  transformSettingsFor,
  type ResolvedTopology,
} from '../config/function-settings';
import type { InterchangeConfig, StageConfig } from '../config/schema';
import { CANONICAL_STATE_SKU_INDEX, CANONICAL_STATE_UPDATED_INDEX } from '../config/tables';
import { InterchangeFunction } from './constructs/interchange-function';
import { scheduleDeadLetterQueue, SourceReconciliation } from './constructs/source-reconciliation';
import { FUNCTION_MEMORY_MB, FUNCTION_TIMEOUTS, TRANSFORM_BATCHING } from './function-limits';
import { payloadBucketName, resourceName } from './naming';
import type { StatefulStack } from './stateful-stack';

export interface StatelessStackProps extends StackProps {
  readonly config: InterchangeConfig;
  readonly stateful: StatefulStack;
  readonly logRetention: RetentionDays;
}

/**
 * The code: per source an ingest function behind `ANY /webhooks/{source}` and a transform function on its
 * ingest queue; per destination a connector on its delivery queue. One function per source and destination
 * keeps each one's permissions to its own queue and secret, and its concurrency to itself.
 */
export class StatelessStack extends Stack {
  readonly api: HttpApi;
  readonly ingestFunctions: ReadonlyMap<string, InterchangeFunction>;
  readonly transformFunctions: ReadonlyMap<string, InterchangeFunction>;
  readonly connectorFunctions: ReadonlyMap<string, InterchangeFunction>;
  /** The canonical state's functions by name: `writer` keeps every canonical event's entity, newer-wins. */
  readonly canonicalStateFunctions: ReadonlyMap<string, InterchangeFunction>;
  /** Per source with a list API or expiring subscriptions: its reconcile function and schedules. */
  readonly reconciliations: ReadonlyMap<string, SourceReconciliation>;
  readonly reconcileFunctions: ReadonlyMap<string, InterchangeFunction>;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, stateful, logRetention } = props;
    const topology = resolveTopology(stateful, config.stage.name);

    this.api = new HttpApi(this, 'WebhookApi', {
      apiName: resourceName(config.stage.name, 'webhooks'),
      description: 'Receives vendor webhooks at /webhooks/{source} and answers canonical state reads at /v1/{entity}',
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'WebhookApiAccessLogs', {
      retention: logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new HttpStage(this, 'WebhookApiStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: config.stage.apiThrottle,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: accessLogFormat() },
    });

    const ingestFunctions = new Map<string, InterchangeFunction>();
    const transformFunctions = new Map<string, InterchangeFunction>();
    for (const source of config.sources) {
      const parts = stateful.sources.get(source.name);
      if (!parts) throw new Error(`stateful stack has no resources for source "${source.name}"`);

      const ingest = new InterchangeFunction(this, `Ingest-${source.name}`, {
        functionDir: 'ingest',
        serviceName: `ingest-${source.name}`,
        stage: config.stage.name,
        tracing: config.stage.tracing,
        settings: ingestSettingsFor(source, topology),
        timeout: FUNCTION_TIMEOUTS.ingest,
        memorySize: FUNCTION_MEMORY_MB.ingest,
        logRetention,
      });
      parts.ingest.queue.grantSendMessages(ingest);
      parts.signingSecret.grantRead(ingest);
      // Each source's functions reach only that source's claim checks: ingest (and reconcile) write them, transform
      // reads them.
      const claimChecks = claimCheckFolder(config.stage.name, source.name);
      ingest.addToRolePolicy(new PolicyStatement({ actions: ['s3:PutObject'], resources: [claimChecks] }));
      acknowledgeBucketFolder(ingest, claimChecks, CLAIM_CHECK_REASON);
      this.api.addRoutes({
        path: `/webhooks/${source.name}`,
        methods: [HttpMethod.ANY],
        integration: new HttpLambdaIntegration(`Ingest-${source.name}-Integration`, ingest),
      });
      ingestFunctions.set(source.name, ingest);

      const transform = new InterchangeFunction(this, `Transform-${source.name}`, {
        functionDir: 'transform',
        serviceName: `transform-${source.name}`,
        stage: config.stage.name,
        tracing: config.stage.tracing,
        settings: transformSettingsFor(config, source, topology),
        timeout: FUNCTION_TIMEOUTS.transform,
        memorySize: FUNCTION_MEMORY_MB.transform,
        logRetention,
      });
      transform.addEventSource(
        new SqsEventSource(parts.ingest.queue, {
          batchSize: TRANSFORM_BATCHING.batchSize,
          maxBatchingWindow: Duration.seconds(TRANSFORM_BATCHING.maxBatchingWindowSeconds),
          reportBatchItemFailures: true,
        }),
      );
      parts.ingest.deadLetterQueue.grantSendMessages(transform);
      transform.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [claimChecks] }));
      acknowledgeBucketFolder(transform, claimChecks, CLAIM_CHECK_REASON);
      // The transform archives each batch it reads under the source's own archive folder.
      const archive = `arn:${Aws.PARTITION}:s3:::${payloadBucketName(config.stage.name)}/${ARCHIVE_PREFIX}/${source.name}/*`;
      transform.addToRolePolicy(new PolicyStatement({ actions: ['s3:PutObject'], resources: [archive] }));
      acknowledgeBucketFolder(transform, archive, ARCHIVE_REASON);
      // Only completion calls the source's API from the transform; a source whose API only reconciliation uses
      // (payments) keeps its credentials from the transform.
      if (source.completion && source.completion.auth.kind !== 'none') parts.apiCredentials?.grantRead(transform);
      for (const destination of new Set(Object.values(config.routes).flat())) {
        stateful.destinations.get(destination)?.delivery.queue.grantSendMessages(transform);
      }
      stateful.canonicalStateQueue.queue.grantSendMessages(transform);
      transformFunctions.set(source.name, transform);
    }

    const reconciliations = new Map<string, SourceReconciliation>();
    const reconciled = config.sources.filter(needsReconcileFunction);
    const scheduleDeadLetters =
      reconciled.length > 0
        ? scheduleDeadLetterQueue(
            this,
            resourceName(config.stage.name, 'schedule-dlq'),
            config.stage.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
          )
        : undefined;
    for (const source of reconciled) {
      const parts = stateful.sources.get(source.name)!;
      const notificationUrl = `${this.api.apiEndpoint}/webhooks/${source.name}`;
      reconciliations.set(
        source.name,
        new SourceReconciliation(this, `Reconcile-${source.name}`, {
          stage: config.stage.name,
          tracing: config.stage.tracing,
          settings: reconcileSettingsFor(source, topology, notificationUrl),
          logRetention,
          ingestQueue: parts.ingest.queue,
          stateTable: stateful.stateTable,
          canonicalStateTable: stateful.canonicalStateTable,
          signingSecret: parts.signingSecret,
          ...(parts.apiCredentials ? { apiCredentials: parts.apiCredentials } : {}),
          scheduleDeadLetterQueue: scheduleDeadLetters!,
        }),
      );
    }
    for (const [source, reconciliation] of reconciliations) {
      // A listed record too large for a queue message is claim-checked as a webhook is.
      const claimChecks = claimCheckFolder(config.stage.name, source);
      reconciliation.function.addToRolePolicy(
        new PolicyStatement({ actions: ['s3:PutObject'], resources: [claimChecks] }),
      );
      acknowledgeBucketFolder(reconciliation.function, claimChecks, CLAIM_CHECK_REASON);
    }
    this.reconciliations = reconciliations;
    this.reconcileFunctions = new Map([...reconciliations].map(([name, parts]) => [name, parts.function]));

    const connectorFunctions = new Map<string, InterchangeFunction>();
    for (const destination of config.destinations) {
      const parts = stateful.destinations.get(destination.name);
      if (!parts) throw new Error(`stateful stack has no resources for destination "${destination.name}"`);
      const connector = new InterchangeFunction(this, `Connector-${destination.name}`, {
        functionDir: 'connector',
        serviceName: `connector-${destination.name}`,
        stage: config.stage.name,
        tracing: config.stage.tracing,
        settings: connectorSettingsFor(destination, topology),
        timeout: FUNCTION_TIMEOUTS.connector,
        memorySize: FUNCTION_MEMORY_MB.connector,
        logRetention,
      });
      connector.addEventSource(
        new SqsEventSource(parts.delivery.queue, {
          batchSize: destination.batchSize,
          maxConcurrency: destination.maxConcurrency,
          reportBatchItemFailures: true,
        }),
      );
      parts.delivery.deadLetterQueue.grantSendMessages(connector);
      stateful.idempotencyTable.grantReadWriteData(connector);
      stateful.stateTable.grantReadWriteData(connector);
      parts.credentials?.grantRead(connector);
      connectorFunctions.set(destination.name, connector);
    }

    this.canonicalStateFunctions = new Map([
      ['writer', this.stateWriter(stateful, topology, config.stage.name, config.stage.tracing, logRetention)],
      ...this.readApi(stateful, topology, config.stage.name, config.stage.tracing, logRetention),
    ]);
    this.ingestFunctions = ingestFunctions;
    this.transformFunctions = transformFunctions;
    this.connectorFunctions = connectorFunctions;
    acknowledgeFindings(this);
  }

  /**
   * The state writer on the canonical state queue: batches written in parallel, one conditional write per event,
   * with write access to the canonical state table and to its own folder of the payload bucket (large data).
   */
  private stateWriter(
    stateful: StatefulStack,
    topology: ResolvedTopology,
    stage: string,
    tracing: StageConfig['tracing'],
    logRetention: RetentionDays,
  ): InterchangeFunction {
    const writer = new InterchangeFunction(this, 'StateWriter', {
      functionDir: 'state-writer',
      serviceName: 'canonical-state-writer',
      stage,
      settings: stateWriterSettingsFor(topology),
      environment: { [CANONICAL_STATE_TABLE_VARIABLE]: topology.canonicalState.tableName },
      timeout: FUNCTION_TIMEOUTS.stateWriter,
      tracing,
      memorySize: FUNCTION_MEMORY_MB['state-writer'],
      logRetention,
    });
    writer.addEventSource(
      new SqsEventSource(stateful.canonicalStateQueue.queue, {
        batchSize: STATE_WRITER_BATCHING.batchSize,
        maxBatchingWindow: Duration.seconds(STATE_WRITER_BATCHING.maxBatchingWindowSeconds),
        reportBatchItemFailures: true,
      }),
    );
    // One conditional PutItem per event is all it does; the table alone, not its index.
    writer.addToRolePolicy(
      new PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [stateful.canonicalStateTable.tableArn] }),
    );
    const largeData = `arn:${Aws.PARTITION}:s3:::${payloadBucketName(stage)}/${CANONICAL_STATE_PREFIX}/*`;
    writer.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:PutObject', 's3:DeleteObject'], resources: [largeData] }),
    );
    acknowledgeBucketFolder(
      writer,
      largeData,
      'Large canonical data is kept under one key per entity version in the canonical-state folder; the wildcard covers only that folder, for writing and deleting.',
    );
    return writer;
  }

  /**
   * The read API: `GET /v1/{entity}` and `GET /v1/{entity}/{id+}` behind a Lambda authorizer that checks each
   * caller's API key against the hashes in the callers secret. IAM auth would ask every caller (a storefront, a
   * support tool) for AWS credentials and SigV4; a per-caller key is what such callers can hold, and names the
   * caller for the per-caller throttle the reader keeps. The authorizer's answer is cached per key for five
   * minutes, so a revoked key stops working within five minutes and most reads cost no authorizer call.
   */
  private readApi(
    stateful: StatefulStack,
    topology: ResolvedTopology,
    stage: string,
    tracing: StageConfig['tracing'],
    logRetention: RetentionDays,
  ): [string, InterchangeFunction][] {
    const environment = { [CANONICAL_STATE_TABLE_VARIABLE]: topology.canonicalState.tableName };
    const reader = new InterchangeFunction(this, 'ReadApi', {
      functionDir: 'read-api',
      serviceName: 'canonical-state-reader',
      stage,
      settings: readApiSettingsFor(topology),
      environment,
      timeout: FUNCTION_TIMEOUTS.readApi,
      tracing,
      memorySize: FUNCTION_MEMORY_MB['read-api'],
      logRetention,
    });
    const table = stateful.canonicalStateTable;
    reader.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
        resources: [
          table.tableArn,
          `${table.tableArn}/index/${CANONICAL_STATE_UPDATED_INDEX.indexName}`,
          `${table.tableArn}/index/${CANONICAL_STATE_SKU_INDEX.indexName}`,
        ],
      }),
    );
    // Each caller's count of the current second, in the integration state table.
    reader.addToRolePolicy(
      new PolicyStatement({ actions: ['dynamodb:UpdateItem'], resources: [stateful.stateTable.tableArn] }),
    );
    const largeData = `arn:${Aws.PARTITION}:s3:::${payloadBucketName(stage)}/${CANONICAL_STATE_PREFIX}/*`;
    reader.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [largeData] }));
    acknowledgeBucketFolder(
      reader,
      largeData,
      'Large canonical data is kept under one key per entity version in the canonical-state folder; the wildcard covers only that folder, for reading.',
    );

    const authorizerFunction = new InterchangeFunction(this, 'ReadAuthorizer', {
      functionDir: 'read-authorizer',
      serviceName: 'canonical-state-authorizer',
      stage,
      settings: readAuthorizerSettingsFor(topology),
      timeout: FUNCTION_TIMEOUTS.readAuthorizer,
      tracing,
      memorySize: FUNCTION_MEMORY_MB['read-authorizer'],
      logRetention,
    });
    stateful.readApiCallers.grantRead(authorizerFunction);
    const authorizer = new HttpLambdaAuthorizer('ReadApiAuthorizer', authorizerFunction, {
      authorizerName: 'read-api-keys',
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: ['$request.header.Authorization'],
      resultsCacheTtl: Duration.minutes(5),
    });
    const integration = new HttpLambdaIntegration('ReadApiIntegration', reader);
    for (const path of ['/v1/{entity}', '/v1/{entity}/{id+}']) {
      this.api.addRoutes({ path, methods: [HttpMethod.GET], integration, authorizer });
    }
    return [
      ['reader', reader],
      ['authorizer', authorizerFunction],
    ];
  }
}

function resolveTopology(stateful: StatefulStack, stage: string): ResolvedTopology {
  return {
    sources: new Map(
      [...stateful.sources].map(([name, parts]) => [
        name,
        {
          queueUrl: parts.ingest.queue.queueUrl,
          quarantineQueueUrl: parts.ingest.deadLetterQueue.queueUrl,
          secretId: parts.signingSecret.secretArn,
          ...(parts.apiCredentials ? { completionSecretId: parts.apiCredentials.secretArn } : {}),
        },
      ]),
    ),
    destinations: new Map(
      [...stateful.destinations].map(([name, parts]) => [
        name,
        {
          queueUrl: parts.delivery.queue.queueUrl,
          deadLetterQueueUrl: parts.delivery.deadLetterQueue.queueUrl,
          ...(parts.credentials ? { credentialsSecretId: parts.credentials.secretArn } : {}),
        },
      ]),
    ),
    idempotencyTable: stateful.idempotencyTable.tableName,
    stateTable: stateful.stateTable.tableName,
    payloadBucket: payloadBucketName(stage),
    canonicalState: {
      queueUrl: stateful.canonicalStateQueue.queue.queueUrl,
      tableName: stateful.canonicalStateTable.tableName,
    },
    readApiCallersSecretId: stateful.readApiCallers.secretArn,
  };
}

/**
 * The access log's fields: one JSON line per request with HTTP API's own context variables, so Logs Insights can
 * query by status. Every webhook writes one, so the cost benchmark counts its bytes.
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
} as const;

function accessLogFormat(): AccessLogFormat {
  return AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS));
}

function acknowledgeFindings(stack: Stack): void {
  Validations.of(stack).acknowledge({
    id: 'AwsSolutions-APIG4',
    reason:
      'Vendors cannot send AWS credentials or tokens: every webhook is authenticated by its HMAC signature, checked in constant time by the ingest function before anything is enqueued.',
  });
}

/** The payload bucket's folder of one source's claim checks, as an IAM resource. */
function claimCheckFolder(stage: string, source: string): string {
  return `arn:${Aws.PARTITION}:s3:::${payloadBucketName(stage)}/${CLAIM_CHECK_PREFIX}/${source}/*`;
}

const CLAIM_CHECK_REASON =
  "Claim-check keys are made per webhook or listed record under the source's own folder; the wildcard covers only that folder's keys, for one action.";
const ARCHIVE_REASON =
  "Archive keys are made per batch under the source's own archive folder; the wildcard covers only that folder's keys, for one action.";

/**
 * Keys in the payload bucket are made per object (a webhook's claim check, a batch's archive, an entity version's
 * large data), so a grant names one folder of the bucket with a wildcard for the keys in it; nothing outside that
 * folder is reachable.
 */
function acknowledgeBucketFolder(fn: InterchangeFunction, folder: string, reason: string): void {
  const resource = Stack.of(fn).resolve(folder) as { 'Fn::Join': [string, unknown[]] };
  const rendered = resource['Fn::Join'][1]
    .map((part) => (typeof part === 'string' ? part : `<${(part as { Ref: string }).Ref}>`))
    .join('');
  Validations.of(fn.role!).acknowledge({ id: `AwsSolutions-IAM5[Resource::${rendered}]`, reason });
}
