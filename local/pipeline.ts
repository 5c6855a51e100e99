import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  CANONICAL_STATE_TABLE_VARIABLE,
  connectorSettingsFor,
  ingestSettingsFor,
  needsReconcileFunction,
  reconcileSettingsFor,
  readApiSettingsFor,
  readAuthorizerSettingsFor,
  STATE_WRITER_BATCHING,
  stateWriterSettingsFor,
  transformSettingsFor,
  type ReconcileJob,
} from '../config/function-settings';
import type { InterchangeConfig, SourceConfig } from '../config/schema';
import { CANONICAL_STATE_TABLE, IDEMPOTENCY_TABLE, STATE_TABLE } from '../config/tables';
import { FUNCTION_MEMORY_MB, FUNCTION_TIMEOUTS, TRANSFORM_BATCHING } from '../lib/function-limits';
import { startLocalApiGateway, type LocalReadApi } from './api-gateway';
import { startAwsStandIns, type AwsStandIns } from './aws-stand-ins';
import { startFakeDownstream, type FakeDownstream } from './downstream';
import { downstreamApiFor } from './downstream/shipbob-orders';
import { subjectOfRequest } from './downstream/subject-key';
import { PortInUseError } from './http';
import { startEventSourceMapping, type EventSourceMapping } from './event-source-mapping';
import { bundleFunctions, LocalFunction, type FunctionKind, type FunctionUsage } from './lambda-runtime';
import { FunctionLog } from './observe/function-log';
import { MetricTally } from './observe/metric-tally';
import { seedSourceApi, startFakeSourceApi, type FakeSourceApi } from './source-api';
import { provisionLocalTopology, type LocalTopology, type LocalVisibility } from './topology';

export interface LocalPipelineOptions {
  readonly config: InterchangeConfig;
  /** Port of the webhook API; 0 picks a free one. */
  readonly port?: number;
  /** Where bundles go; by default a fresh temporary folder, removed on close, so runs side by side never share one. */
  readonly workDir?: string;
  /**
   * How long a received record stays invisible: the ingest queue's is short, since the transform holds a partial
   * record back by letting it reappear, so recovery is seen in seconds.
   */
  readonly visibility?: Partial<LocalVisibility>;
  /** Every line a function prints (logs and EMF), tagged with the function's name. */
  readonly onFunctionOutput?: (functionName: string, line: string) => void;
  /** Log level inside the functions. */
  readonly logLevel?: string;
  /** Signing secrets to keep from an earlier run, by source; the others are made fresh. */
  readonly signingSecrets?: ReadonlyMap<string, string>;
  /** The read API key to keep from an earlier run; a fresh one is issued without it. */
  readonly readApiKey?: string;
  /** Ports to start fake downstreams on, by destination; one that is taken, or absent, gets a free port. */
  readonly downstreamPorts?: ReadonlyMap<string, number>;
  /**
   * How often each source's reconcile function polls and checks subscriptions, as its schedules do in AWS; absent,
   * they run only when `runScheduledJob` is called (tests drive them).
   */
  readonly scheduleEverySeconds?: number;
}

/** Local mode, running: everything a person, a test or a benchmark needs to drive and observe it. */
export interface LocalPipeline {
  readonly apiUrl: string;
  /** The configuration as running locally: destinations point at the fake downstreams. */
  readonly config: InterchangeConfig;
  readonly topology: LocalTopology;
  readonly downstreams: ReadonlyMap<string, FakeDownstream>;
  /** The read API's base (`<apiUrl>/v1`) and the local caller's key for it. */
  readonly readApi: { readonly url: string; readonly apiKey: string };
  /** The APIs of sources that complete partial records, are reconciled or keep webhook subscriptions. */
  readonly sourceApis: ReadonlyMap<string, FakeSourceApi>;
  /**
   * Runs a source's scheduled job once, as its EventBridge schedule would; rejects when the invocation failed (a
   * poll that stopped at its cursor, a subscription not kept alive).
   */
  runScheduledJob(source: string, job: ReconcileJob): Promise<void>;
  readonly sqs: SQSClient;
  /** The local S3 holding the payload bucket (`topology.resolved.payloadBucket`). */
  readonly s3: S3Client;
  /** How the AWS SDK reaches the stand-ins (`AWS_ENDPOINT_URL_*`, region, credentials), as functions get it. */
  readonly awsEnvironment: Readonly<Record<string, string>>;
  readonly metrics: MetricTally;
  /** AWS requests the stand-ins served so far, by service and operation. */
  readonly awsCalls: AwsStandIns['calls'];
  /** What those requests are billed in (SQS chunks, DynamoDB capacity units), by service and operation. */
  readonly awsUnits: AwsStandIns['units'];
  /** Each function's invocations, billed time, memory and log output so far, with its configured memory. */
  functionUsage(): Readonly<Record<string, FunctionUsage & { readonly kind: FunctionKind; readonly memoryMb: number }>>;
  /** The functions' log lines by correlation id, and deferrals by reason. */
  readonly log: FunctionLog;
  webhookUrl(source: string): string;
  close(): Promise<void>;
}

/**
 * Starts the whole pipeline on 127.0.0.1 from the deployment's config: the AWS stand-ins, the same queues,
 * tables and secrets the stateful stack makes, each function's real bundle in its own worker with the
 * settings the stateless stack would give it, Lambda-like event source mappings, and fake downstreams.
 */
export async function startLocalPipeline(options: LocalPipelineOptions): Promise<LocalPipeline> {
  const stoppers: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
  };
  try {
    return await start(options, stoppers, stopAll);
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function start(
  options: LocalPipelineOptions,
  stoppers: (() => Promise<void>)[],
  stopAll: () => Promise<void>,
): Promise<LocalPipeline> {
  // The webhook port first: a port in use is reported before seconds of bundling, not after.
  const ingestRoutes = new Map<string, LocalFunction>();
  const readApi: { current?: LocalReadApi } = {};
  const api = await startLocalApiGateway(ingestRoutes, {
    readApi,
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  stoppers.push(api.close);
  const workDir = options.workDir ?? (await mkdtemp(path.join(tmpdir(), 'interchange-local-')));
  if (!options.workDir) stoppers.push(() => rm(workDir, { recursive: true, force: true }));
  const [aws, bundles] = await Promise.all([
    startAwsStandIns({ tablePrefix: `${options.config.stage.name}-` }),
    bundleFunctions(path.join(workDir, 'bundles')),
  ]);
  stoppers.push(aws.close);
  const { sqs, secrets, tables } = aws;

  const downstreams = new Map<string, FakeDownstream>();
  for (const destination of options.config.destinations) {
    const fake = await startFakeDownstreamOn(destination.name, options.downstreamPorts?.get(destination.name));
    stoppers.push(() => fake.close());
    downstreams.set(destination.name, fake);
  }
  const sourceApis = new Map<string, FakeSourceApi>();
  for (const source of options.config.sources) {
    if (!source.completion && !needsReconcileFunction(source)) continue;
    const api = await startFakeSourceApi(source.name, {
      ...(source.reconciliation
        ? {
            listApi: source.reconciliation.api,
            listPaths: Object.values(source.reconciliation.streams).map((stream) => stream.path),
          }
        : {}),
    });
    stoppers.push(() => api.close());
    seedSourceApi(source.name, api);
    sourceApis.set(source.name, api);
  }
  const config: InterchangeConfig = {
    ...options.config,
    sources: options.config.sources.map((source) => onFakeSourceApi(source, sourceApis.get(source.name)?.url)),
    destinations: options.config.destinations.map((destination) => ({
      ...destination,
      baseUrl: downstreams.get(destination.name)!.url,
      auth: { kind: 'none' },
    })),
  };
  const topology = await provisionLocalTopology(
    config,
    sqs,
    secrets,
    {
      idempotencyTable: tables[IDEMPOTENCY_TABLE.name]!,
      stateTable: tables[STATE_TABLE.name]!,
      canonicalStateTable: tables[CANONICAL_STATE_TABLE.name]!,
      payloadBucket: aws.payloadBucket,
    },
    {
      ingestSeconds: 10,
      // As in the stateful stack: six times the connector's timeout. The connector hands every record it cannot
      // send back with its own delay, so this only ever brings back the records of a run that died; a shorter
      // one redelivered records still being delivered on a loaded machine, and counted them twice.
      deliverySeconds: FUNCTION_TIMEOUTS.connector.toSeconds() * 6,
      ...options.visibility,
    },
    options.signingSecrets,
    options.readApiKey,
  );

  const metrics = new MetricTally();
  const log = new FunctionLog();
  const baseEnvironment = {
    ...aws.environment,
    POWERTOOLS_LOG_LEVEL: options.logLevel ?? 'INFO',
    POWERTOOLS_TRACE_ENABLED: 'false',
    NODE_OPTIONS: '--enable-source-maps',
    // Lambda runs Node.js 24; a developer's older Node would make every function print the SDK's upgrade notice.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // No X-Ray daemon runs here: manual mode keeps the X-Ray SDK from tracking every promise's context.
    AWS_XRAY_MANUAL_MODE: 'true',
  };
  const functions: LocalFunction[] = [];
  const kinds = new Map<LocalFunction, FunctionKind>();
  const startFunction = (
    kind: FunctionKind,
    name: string,
    settings: object,
    timeoutSeconds: number,
    environment: Readonly<Record<string, string>> = {},
  ) => {
    const fn = LocalFunction.start({
      functionName: name,
      bundlePath: bundles[kind],
      timeoutSeconds,
      memoryMb: FUNCTION_MEMORY_MB[kind],
      environment: {
        ...baseEnvironment,
        INTERCHANGE_SETTINGS: JSON.stringify(settings),
        POWERTOOLS_SERVICE_NAME: name,
        ...environment,
      },
      onOutput: (line) => {
        metrics.accept(line);
        log.accept(name, line);
        options.onFunctionOutput?.(name, line);
      },
    });
    functions.push(fn);
    kinds.set(fn, kind);
    return fn;
  };
  const mappings: EventSourceMapping[] = [];
  const consume = (
    fn: LocalFunction,
    queue: { url: string; arn: string },
    batch: { batchSize: number; maxConcurrency: number; windowSeconds?: number; timeoutSeconds: number },
  ) => {
    mappings.push(
      startEventSourceMapping({
        sqs,
        queueUrl: queue.url,
        queueArn: queue.arn,
        functionName: fn.functionName,
        handler: (event: SQSEvent) => fn.invoke<SQSBatchResponse>(event),
        batchSize: batch.batchSize,
        maxConcurrency: batch.maxConcurrency,
        functionTimeoutSeconds: batch.timeoutSeconds,
        ...(batch.windowSeconds ? { maximumBatchingWindowSeconds: batch.windowSeconds } : {}),
        onError: (error) => options.onFunctionOutput?.(fn.functionName, `event source mapping: ${String(error)}`),
      }),
    );
  };

  for (const source of config.sources) {
    const ingest = startFunction(
      'ingest',
      `ingest-${source.name}`,
      ingestSettingsFor(source, topology.resolved),
      FUNCTION_TIMEOUTS.ingest.toSeconds(),
    );
    ingestRoutes.set(source.name, ingest);
    const transform = startFunction(
      'transform',
      `transform-${source.name}`,
      transformSettingsFor(config, source, topology.resolved),
      FUNCTION_TIMEOUTS.transform.toSeconds(),
    );
    consume(transform, topology.ingestQueues.get(source.name)!, {
      batchSize: TRANSFORM_BATCHING.batchSize,
      windowSeconds: TRANSFORM_BATCHING.maxBatchingWindowSeconds,
      maxConcurrency: 2,
      timeoutSeconds: FUNCTION_TIMEOUTS.transform.toSeconds(),
    });
  }
  for (const destination of config.destinations) {
    const connector = startFunction(
      'connector',
      `connector-${destination.name}`,
      connectorSettingsFor(destination, topology.resolved),
      FUNCTION_TIMEOUTS.connector.toSeconds(),
    );
    consume(connector, topology.deliveryQueues.get(destination.name)!, {
      batchSize: destination.batchSize,
      maxConcurrency: destination.maxConcurrency,
      timeoutSeconds: FUNCTION_TIMEOUTS.connector.toSeconds(),
    });
  }
  const canonicalStateTable = { [CANONICAL_STATE_TABLE_VARIABLE]: topology.resolved.canonicalState.tableName };
  const stateWriter = startFunction(
    'state-writer',
    'canonical-state-writer',
    stateWriterSettingsFor(topology.resolved),
    FUNCTION_TIMEOUTS.stateWriter.toSeconds(),
    canonicalStateTable,
  );
  consume(stateWriter, topology.canonicalStateQueue, {
    batchSize: STATE_WRITER_BATCHING.batchSize,
    windowSeconds: STATE_WRITER_BATCHING.maxBatchingWindowSeconds,
    maxConcurrency: 2,
    timeoutSeconds: FUNCTION_TIMEOUTS.stateWriter.toSeconds(),
  });
  readApi.current = {
    reader: startFunction(
      'read-api',
      'canonical-state-reader',
      readApiSettingsFor(topology.resolved),
      FUNCTION_TIMEOUTS.readApi.toSeconds(),
      canonicalStateTable,
    ),
    authorizer: startFunction(
      'read-authorizer',
      'canonical-state-authorizer',
      readAuthorizerSettingsFor(topology.resolved),
      FUNCTION_TIMEOUTS.readAuthorizer.toSeconds(),
    ),
  };
  const reconcilers = new Map<string, LocalFunction>();
  for (const source of config.sources.filter(needsReconcileFunction)) {
    const webhookUrl = `${api.url}/webhooks/${source.name}`;
    const reconcile = startFunction(
      'reconcile',
      `reconcile-${source.name}`,
      reconcileSettingsFor(source, topology.resolved, webhookUrl),
      FUNCTION_TIMEOUTS.reconcile.toSeconds(),
      canonicalStateTable,
    );
    reconcilers.set(source.name, reconcile);
  }
  const runScheduledJob = async (source: string, job: ReconcileJob): Promise<void> => {
    const reconcile = reconcilers.get(source);
    if (!reconcile) throw new Error(`source "${source}" has no reconciliation or subscriptions configured`);
    await reconcile.invoke({ job });
  };
  // Stopping ends the functions with the polling rather than after it: a batch in flight fails at once (its records
  // stay queued, as when Lambda is stopped) instead of holding the stop for up to a function timeout.
  stoppers.push(async () => {
    await Promise.all([...mappings.map((mapping) => mapping.stop()), ...functions.map((fn) => fn.close())]);
  });
  if (options.scheduleEverySeconds !== undefined) {
    const timer = startSchedules(config.sources, runScheduledJob, options.scheduleEverySeconds, (name, error) =>
      options.onFunctionOutput?.(name, `schedule: ${String(error)}`),
    );
    stoppers.push(async () => clearInterval(timer));
  }
  // Stoppers run last-first: on stop, webhooks are refused before anything behind the API goes away.
  stoppers.push(api.close);

  return {
    apiUrl: api.url,
    config,
    topology,
    downstreams,
    sourceApis,
    readApi: { url: `${api.url}/v1`, apiKey: topology.readApiKey },
    sqs,
    s3: aws.s3,
    awsEnvironment: aws.environment,
    metrics,
    awsCalls: aws.calls,
    awsUnits: aws.units,
    functionUsage: () =>
      Object.fromEntries(
        functions.map((fn) => [fn.functionName, { ...fn.usage(), kind: kinds.get(fn)!, memoryMb: fn.memoryMb }]),
      ),
    log,
    webhookUrl: (source) => `${api.url}/webhooks/${source}`,
    runScheduledJob,
    close: stopAll,
  };
}

/** A source with its APIs pointed at its fake, which needs no credentials. */
function onFakeSourceApi(source: SourceConfig, url: string | undefined): SourceConfig {
  if (url === undefined) return source;
  return {
    ...source,
    ...(source.completion ? { completion: { ...source.completion, baseUrl: url, auth: { kind: 'none' } } } : {}),
    ...(source.reconciliation
      ? { reconciliation: { ...source.reconciliation, baseUrl: url, auth: { kind: 'none' } } }
      : {}),
    ...(source.subscriptions
      ? { subscriptions: { ...source.subscriptions, baseUrl: url, auth: { kind: 'none' } } }
      : {}),
  };
}

/**
 * Runs every source's poll and subscription check on one interval, as their schedules do in AWS; a run still
 * going when the next is due is not started twice.
 */
function startSchedules(
  sources: readonly SourceConfig[],
  run: (source: string, job: ReconcileJob) => Promise<void>,
  everySeconds: number,
  onError: (functionName: string, error: unknown) => void,
): NodeJS.Timeout {
  const running = new Set<string>();
  const jobs = sources.flatMap((source) => [
    ...(source.reconciliation ? [{ source: source.name, job: 'poll' as const }] : []),
    ...(source.subscriptions ? [{ source: source.name, job: 'renew-subscriptions' as const }] : []),
  ]);
  const timer = setInterval(() => {
    for (const { source, job } of jobs) {
      const key = `${source} ${job}`;
      if (running.has(key)) continue;
      running.add(key);
      run(source, job)
        .catch((error: unknown) => onError(`reconcile-${source}`, error))
        .finally(() => running.delete(key));
    }
  }, everySeconds * 1000);
  timer.unref();
  return timer;
}

/** A fake downstream on the port it had before, or on a free one when that port is taken or none was kept. */
async function startFakeDownstreamOn(name: string, port: number | undefined): Promise<FakeDownstream> {
  const api = downstreamApiFor(name);
  const options = { name, keyOf: subjectOfRequest, ...(api ? { api } : {}) };
  if (port === undefined) return startFakeDownstream(options);
  try {
    return await startFakeDownstream({ ...options, port });
  } catch (error) {
    if (error instanceof PortInUseError) return startFakeDownstream(options);
    throw error;
  }
}
