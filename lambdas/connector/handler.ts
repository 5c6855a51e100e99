import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectorSettingsSchema, deliveryRetentionSeconds } from '../../config/function-settings';
import { deployedApiAuth } from '../shared/deployed-api-auth';
import { sendHttp, type HttpRequest } from '../shared/http-client';
import { logger } from '../shared/logger';
import { metrics, MetricUnit } from '../shared/metrics';
import { readSettings } from '../shared/settings';
import { tracer } from '../shared/tracer';
import { createAttemptCounter } from './attempt-counter';
import { createSharedCircuitBreaker } from './circuit-breaker';
import { deadLetterSender } from './dead-letter';
import { batchDeferrer } from './defer-record';
import { batchRequestFor } from './destinations';
import { batchSender, guardedDelivery, type IdempotentSend } from './guarded-send';
import { processRecord, type RecordPorts } from './process-record';
import { createSharedRateLimiter } from './rate-limit';
import { createVersionGuard } from './version-guard';

/** Covers the longest an event can come back: a DLQ message redriven at the end of its 14-day retention. */
const IDEMPOTENCY_WINDOW_SECONDS = 15 * 24 * 60 * 60;
/** Time kept back from the Lambda deadline for handing records back and flushing metrics. */
const DEADLINE_MARGIN_MS = 5_000;
/** The longest wait after a failed attempt: a recovered destination is tried again within a quarter of an hour. */
const RETRY_CAP_SECONDS = 900;

const settings = readSettings(connectorSettingsSchema);
const { destination } = settings;
const sqs = tracer.captureAWSv3Client(new SQSClient({}));
const dynamodb = tracer.captureAWSv3Client(new DynamoDBClient({}));
const shared = { client: dynamodb, tableName: settings.stateTable, destination: destination.name };
const breaker = createSharedCircuitBreaker({
  ...shared,
  failureThreshold: destination.circuitBreaker.failureThreshold,
  cooldownMs: destination.circuitBreaker.cooldownSeconds * 1000,
  probeLeaseMs: 2 * destination.requestTimeoutMs,
});
const limiter = createSharedRateLimiter({
  ...shared,
  ceilingPerSecond: destination.requestsPerSecond,
  maxTokensPerCall: destination.batchSize,
});
let deadlineMs = Date.now() + 60_000;
const idempotencyConfig = new IdempotencyConfig({
  eventKeyJmesPath: '[destination, eventId]',
  // One change's data is the same however it arrives (a vendor retry has another correlation id): a key that
  // comes back with other data is a collision of ids, and fails loudly rather than being skipped as a duplicate.
  payloadValidationJmesPath: 'event.data',
  expiresAfterSeconds: IDEMPOTENCY_WINDOW_SECONDS,
});
const persistenceStore = new DynamoDBPersistenceLayer({
  tableName: settings.idempotencyTable,
  awsSdkV3Client: dynamodb,
});
const sendDeps = {
  destination,
  breaker,
  limiter,
  // The lease outlasts everything between claim and confirm (token fetch, send, 401 retry, in-invocation retry),
  // and then the write fence: an invocation stopped at its timeout mid-send never fences, yet that write may land.
  versionGuard: createVersionGuard({
    ...shared,
    leaseMs: (settings.functionTimeoutSeconds + destination.writeFenceSeconds) * 1000,
  }),
  auth: deployedApiAuth(destination.auth, {
    timeoutMs: destination.requestTimeoutMs,
    ...(settings.credentialsSecretId ? { secretId: settings.credentialsSecretId } : {}),
  }),
  send: (request: HttpRequest) => sendHttp(request, destination.requestTimeoutMs),
  nowMs: Date.now,
  deadlineMs: () => deadlineMs,
  sleep: (ms: number) => sleep(ms),
};
const batchRequest = batchRequestFor(destination.name);
const deliverOnce = guardedDelivery(
  { ...sendDeps, ...(batchRequest ? { batchSend: batchSender(sendDeps, batchRequest) } : {}) },
  // A fixed key prefix: records keep their meaning when the function is renamed or redeployed under another name.
  (send: IdempotentSend) =>
    makeIdempotent(send, { persistenceStore, config: idempotencyConfig, keyPrefix: `delivery#${destination.name}` }),
);
const attempts = createAttemptCounter({ ...shared, keepSeconds: destination.retryHorizonSeconds });
const ports: Omit<RecordPorts, 'defer'> = {
  deliverOnce,
  deadLetter: deadLetterSender(sqs, settings.deadLetterQueueUrl),
  countAttempt: attempts.count,
  forgetAttempts: attempts.forget,
  retryPolicy: {
    maxAttempts: destination.maxAttempts,
    horizonSeconds: destination.retryHorizonSeconds,
    keepSeconds: deliveryRetentionSeconds(destination),
    baseSeconds: destination.retryBaseSeconds,
    capSeconds: RETRY_CAP_SECONDS,
  },
  random: Math.random,
  nowMs: Date.now,
  newToken: randomUUID,
};
metrics.setDefaultDimensions({ destination: destination.name });
logger.appendPersistentKeys({ destination: destination.name });

/** Delivery queue -> the destination's API, once in effect per canonical event. */
export const handler = middy(async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  idempotencyConfig.registerLambdaContext(context);
  deadlineMs = Date.now() + context.getRemainingTimeInMillis() - DEADLINE_MARGIN_MS;
  // A processor and a deferrer per invocation: they hold the batch's state, and local mode may run batches side by side.
  const deferrer = batchDeferrer(sqs, settings.queueUrl);
  const response = await processPartialResponse(
    event,
    (record: SQSRecord) => processRecord(destination.name, record, { ...ports, defer: deferrer.defer }),
    new BatchProcessor(EventType.SQS),
    { context, throwOnFullBatchFailure: false },
  );
  // A deferral that cannot be set leaves its record to come back after the queue's visibility timeout; failing the
  // invocation instead would hand back the records this batch did deliver too.
  await deferrer
    .flush()
    .catch((error: unknown) => logger.warn('deferrals not set; records return on the queue timeout', { error }));
  metrics.addMetric('CircuitOpen', MetricUnit.Count, breaker.state() === 'closed' ? 0 : 1);
  metrics.addMetric('SendRate', MetricUnit.CountPerSecond, limiter.currentRate());
  return response;
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics));
