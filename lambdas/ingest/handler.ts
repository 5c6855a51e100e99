import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ingestSettingsSchema } from '../../config/function-settings';
import { claimCheckWriter } from '../shared/claim-check-store';
import { correlationIdFrom, CORRELATION_HEADER } from '../shared/correlation';
import { logger } from '../shared/logger';
import { toMessageAttributes } from '../shared/message-attributes';
import { metrics } from '../shared/metrics';
import { readSecretString, signingSecretsFrom } from '../shared/secrets';
import { readSettings } from '../shared/settings';
import { tracer } from '../shared/tracer';
import { acceptWebhook } from './accept-webhook';
import { recordOutcome } from './record-outcome';
import { respond, toWebhookRequest } from './http-adapter';

const settings = readSettings(ingestSettingsSchema);
const sqs = tracer.captureAWSv3Client(new SQSClient({}));
// A body too large for a queue message goes to the payload bucket; the message carries the pointer instead.
const checkIn = claimCheckWriter(tracer.captureAWSv3Client(new S3Client({})), settings.payloadBucket, settings.source);
metrics.setDefaultDimensions({ source: settings.source });
logger.appendPersistentKeys({ source: settings.source });
tracer.putAnnotation('source', settings.source);

/** POST /webhooks/{source}: verify, answer 202 fast, and hand the vendor's bytes to the source's ingest queue. */
export const handler = middy(async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const correlationId = correlationIdFrom(event.headers[CORRELATION_HEADER]);
  try {
    const secretValue = await readSecretString(settings.secretId);
    const decision = acceptWebhook(settings, toWebhookRequest(event), signingSecretsFrom(secretValue), {
      nowMs: Date.now(),
      correlationId,
    });
    if (decision.accepted) {
      const { body, attributes } = decision.message;
      const message = await checkIn(body, attributes);
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: settings.queueUrl,
          MessageBody: message.body,
          MessageAttributes: { ...toMessageAttributes(attributes), ...message.attribute },
        }),
      );
    }
    recordOutcome(decision);
    return respond(decision);
  } catch (error) {
    recordOutcome({ unavailable: true, correlationId, error });
    return respond({ unavailable: true, correlationId });
  }
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
