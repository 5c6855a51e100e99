import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ingestSettingsSchema } from '../../config/function-settings';
import { claimCheckFor, claimCheckKey, claimCheckMessage, needsClaimCheck } from '../shared/claim-check';
import { correlationIdFrom, CORRELATION_HEADER } from '../shared/correlation';
import { logger } from '../shared/logger';
import { toMessageAttributes, type EventAttributes } from '../shared/message-attributes';
import { metrics } from '../shared/metrics';
import { readSecretString, signingSecretsFrom } from '../shared/secrets';
import { readSettings } from '../shared/settings';
import { tracer } from '../shared/tracer';
import { acceptWebhook } from './accept-webhook';
import { recordOutcome } from './record-outcome';
import { respond, toWebhookRequest } from './http-adapter';

const settings = readSettings(ingestSettingsSchema);
const sqs = tracer.captureAWSv3Client(new SQSClient({}));
const s3 = tracer.captureAWSv3Client(new S3Client({}));
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
      const message = needsClaimCheck(body) ? await checkIn(body, attributes) : { body, attribute: {} };
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

/** Stores a body too large for a queue message in the payload bucket; the message carries the pointer instead. */
async function checkIn(body: string, attributes: EventAttributes) {
  const key = claimCheckKey(settings.source, attributes.receivedAt, attributes.correlationId);
  await s3.send(
    new PutObjectCommand({ Bucket: settings.payloadBucket, Key: key, Body: body, ContentType: 'application/json' }),
  );
  return claimCheckMessage(claimCheckFor(settings.payloadBucket, key, body));
}
