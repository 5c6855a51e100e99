import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { transformSettingsSchema } from '../../config/function-settings';
import type { CompletionConfig } from '../../config/schema';
import { deployedApiAuth } from '../shared/deployed-api-auth';
import { sendHttp, type HttpRequest } from '../shared/http-client';
import { logger } from '../shared/logger';
import { metrics } from '../shared/metrics';
import { sendInBatches } from '../shared/queue-writer';
import { readSettings } from '../shared/settings';
import { tracer } from '../shared/tracer';
import { fullRecordFetcher } from './fetch-full-record';
import { transformBatch } from './transform-batch';

const settings = readSettings(transformSettingsSchema);
const sqs = tracer.captureAWSv3Client(new SQSClient({}));
const s3 = tracer.captureAWSv3Client(new S3Client({}));
metrics.setDefaultDimensions({ source: settings.source });
logger.appendPersistentKeys({ source: settings.source });

/** Reads full records from the source's API, when it has one, with its credentials. */
function sourceApiFetcher(completion: CompletionConfig) {
  const send = (request: HttpRequest) => sendHttp(request, completion.requestTimeoutMs);
  const auth = deployedApiAuth(completion.auth, {
    timeoutMs: completion.requestTimeoutMs,
    ...(settings.completionSecretId ? { secretId: settings.completionSecretId } : {}),
  });
  return fullRecordFetcher(completion, send, auth);
}
const fetchFullRecord = settings.completion ? sourceApiFetcher(settings.completion) : undefined;

/** Ingest queue -> canonical events on each routed destination's delivery queue; misfits to quarantine. */
export const handler = middy((event: SQSEvent): Promise<SQSBatchResponse> =>
  transformBatch(event.Records, settings, {
    send: (queueUrl, messages) => sendInBatches(sqs, queueUrl, messages),
    readClaimCheck: async (check) => {
      const object = await s3.send(new GetObjectCommand({ Bucket: check.bucket, Key: check.key }));
      return (await object.Body?.transformToString('utf-8')) ?? '';
    },
    writeArchive: async (objects) => {
      await Promise.all(
        objects.map((object) =>
          s3.send(
            new PutObjectCommand({
              Bucket: settings.payloadBucket,
              Key: object.key,
              Body: object.body,
              ContentType: 'application/x-ndjson',
              ContentEncoding: 'gzip',
            }),
          ),
        ),
      );
    },
    fetchFullRecord,
  }),
)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics));
