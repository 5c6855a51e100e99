import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { CANONICAL_STATE_TABLE_VARIABLE, stateWriterSettingsSchema } from '../../config/function-settings';
import { logger } from '../shared/logger';
import { metrics } from '../shared/metrics';
import { readSettings, SettingsError } from '../shared/settings';
import { tracer } from '../shared/tracer';
import { processStateRecord } from './process-state-record';
import type { StateWritePorts } from './write-canonical-state';

const settings = readSettings(stateWriterSettingsSchema);
const tableName = process.env[CANONICAL_STATE_TABLE_VARIABLE];
if (!tableName) throw new SettingsError(`${CANONICAL_STATE_TABLE_VARIABLE} is not set`);
const dynamodb = tracer.captureAWSv3Client(new DynamoDBClient({}));
const s3 = tracer.captureAWSv3Client(new S3Client({}));
const ports: StateWritePorts = {
  dynamodb,
  tableName,
  bucket: settings.payloadBucket,
  putObject: async (key, body) => {
    await s3.send(
      new PutObjectCommand({ Bucket: settings.payloadBucket, Key: key, Body: body, ContentType: 'application/json' }),
    );
  },
  deleteObject: async (key) => {
    await s3.send(new DeleteObjectCommand({ Bucket: settings.payloadBucket, Key: key }));
  },
  now: () => new Date(),
};

/** State queue -> the canonical state table: every record of the batch written in parallel, newer-wins. */
export const handler = middy((event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
  processPartialResponse(
    event,
    (record: SQSRecord) => processStateRecord(record, ports),
    new BatchProcessor(EventType.SQS),
    { context, throwOnFullBatchFailure: false },
  ),
)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics));
