import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithLambdaAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { CANONICAL_STATE_TABLE_VARIABLE, readApiSettingsSchema } from '../../config/function-settings';
import { logger } from '../shared/logger';
import { metrics, MetricUnit } from '../shared/metrics';
import { readSettings, SettingsError } from '../shared/settings';
import { tracer } from '../shared/tracer';
import { callerOf, type ReadCaller } from './caller-context';
import { takeCallerQuota } from './caller-quota';
import { answerRead } from './answer-read';

const settings = readSettings(readApiSettingsSchema);
const tableName = process.env[CANONICAL_STATE_TABLE_VARIABLE];
if (!tableName) throw new SettingsError(`${CANONICAL_STATE_TABLE_VARIABLE} is not set`);
const dynamodb = tracer.captureAWSv3Client(new DynamoDBClient({}));
const s3 = tracer.captureAWSv3Client(new S3Client({}));
const reads = {
  dynamodb,
  tableName,
  getObject: async (check: { bucket: string; key: string }) => {
    const object = await s3.send(new GetObjectCommand({ Bucket: check.bucket, Key: check.key }));
    return (await object.Body?.transformToString('utf-8')) ?? '';
  },
};
const quota = { dynamodb, tableName: settings.stateTable, nowMs: Date.now };

const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}) => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/**
 * `GET /v1/{entity}/{id+}` and `GET /v1/{entity}`: the canonical state, for callers that must wait for an answer.
 * The authorizer has already checked the caller's API key and named the caller; this counts the request against the
 * caller's rate (429 beyond it) and answers from the canonical state table.
 */
export const handler = middy(
  async (
    event: APIGatewayProxyEventV2WithLambdaAuthorizer<Partial<ReadCaller>>,
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    const correlationId = event.requestContext.requestId;
    const caller = callerOf(event.requestContext.authorizer?.lambda);
    // Only the authorizer reaches this function; a request without its caller is refused rather than served.
    if (!caller) return json(403, { message: 'Forbidden' });
    const allowed = await takeCallerQuota(quota, caller.caller, caller.requestsPerSecond).catch((error: unknown) => {
      // Reads are served when the count cannot be kept: a throttle must not take the read API down with it.
      logger.warn('caller quota unavailable; read served', { correlationId, caller: caller.caller, error });
      return true;
    });
    if (!allowed) {
      metrics.addMetric('ReadThrottled', MetricUnit.Count, 1);
      return json(429, { message: 'Too Many Requests' }, { 'retry-after': '1' });
    }
    try {
      return await answerRead(event, reads, settings.listLimit);
    } catch (error) {
      logger.error('canonical state could not be read', { correlationId, caller: caller.caller, error });
      return json(500, { message: 'Internal Server Error' });
    }
  },
)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics));
