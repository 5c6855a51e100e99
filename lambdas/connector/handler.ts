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
import { connectorSettingsSchema } from '../../config/function-settings';
import { sendHttp } from '../shared/http-client';
import { logger } from '../shared/logger';
import { metrics } from '../shared/metrics';
import { readSettings } from '../shared/settings';
import { tracer } from '../shared/tracer';
import { deadLetterSender } from './dead-letter';
import { idempotentSend } from './idempotent-send';
import { processRecord } from './process-record';

/** Covers the longest an event can come back: a DLQ message redriven at the end of its 14-day retention. */
const IDEMPOTENCY_WINDOW_SECONDS = 15 * 24 * 60 * 60;

const settings = readSettings(connectorSettingsSchema);
const { destination } = settings;
const sqs = tracer.captureAWSv3Client(new SQSClient({}));
const idempotencyConfig = new IdempotencyConfig({
  eventKeyJmesPath: '[destination, eventId]',
  expiresAfterSeconds: IDEMPOTENCY_WINDOW_SECONDS,
});
const deliverOnce = makeIdempotent(
  idempotentSend(destination, { send: (request) => sendHttp(request, destination.requestTimeoutMs), nowMs: Date.now }),
  {
    persistenceStore: new DynamoDBPersistenceLayer({
      tableName: settings.idempotencyTable,
      awsSdkV3Client: tracer.captureAWSv3Client(new DynamoDBClient({})),
    }),
    config: idempotencyConfig,
  },
);
const ports = { deliverOnce, deadLetter: deadLetterSender(sqs, settings.deadLetterQueueUrl), newToken: randomUUID };
metrics.setDefaultDimensions({ destination: destination.name });

/** Delivery queue -> the destination's API, once in effect per canonical event. */
export const handler = middy(async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  idempotencyConfig.registerLambdaContext(context);
  // A processor per invocation: it holds the batch's state, and local mode may run batches side by side.
  return processPartialResponse(
    event,
    (record: SQSRecord) => processRecord(destination.name, record, ports),
    new BatchProcessor(EventType.SQS),
    { context, throwOnFullBatchFailure: false },
  );
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics));
