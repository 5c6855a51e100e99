import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createHmac, randomBytes } from 'node:crypto';
import { ingestSettingsFor, type IngestSettings } from '../../config/function-settings';
import type { InterchangeConfig, SourceConfig } from '../../config/schema';
import { acceptWebhook } from '../../lambdas/ingest/accept-webhook';
import { respond, toWebhookRequest } from '../../lambdas/ingest/http-adapter';
import { signingSecretsFrom } from '../../lambdas/shared/secrets';
import { claimCheckFor, claimCheckKey, claimCheckMessage, needsClaimCheck } from '../../lambdas/shared/claim-check';
import { CORRELATION_HEADER, correlationIdFrom } from '../../lambdas/shared/correlation';
import { toMessageAttributes } from '../../lambdas/shared/message-attributes';
import { sourceEventTypes } from '../../lambdas/shared/source-event-types';
import { generateStandardWebhookSecret } from '../../local/signers';
import { senderScheme, vendorWebhook } from '../../local/webhook-client';
import { placeholderTopology } from '../cold-start/function-environment';
import { sizedBody } from './sized-body';

/** One signed webhook of a given scheme and size, and the two pieces of work timed against each other. */
export interface IngestCase {
  readonly scheme: string;
  readonly bodyBytes: number;
  /** The ingest handler's own work for the webhook, with the queue send a no-op. */
  readonly handle: () => unknown;
  /** The floor: a bare HMAC-SHA256, JSON.parse and JSON.stringify of the same body. */
  readonly baseline: () => unknown;
}

/** A case whose webhook the handler refuses: timing it would measure the rejection path. */
export class RejectedWebhookError extends Error {
  override readonly name = 'RejectedWebhookError';
}

/** The queue client's place in the handler, doing nothing, so only the handler's own work is timed. */
const noopQueue = { send: (command: SendMessageCommand) => command };

function secretFor(source: SourceConfig): string {
  return senderScheme(source).kind === 'standard-webhooks'
    ? generateStandardWebhookSecret()
    : randomBytes(24).toString('hex');
}

/** The event type the source's settings accept, placed where its vendor puts it. */
function eventTypeOf(source: SourceConfig): string {
  return sourceEventTypes(source.name)[0] ?? 'bench.event';
}

/**
 * Builds the case for a configured source: a vendor-signed webhook of exactly `bodyBytes` as API Gateway hands
 * it over, and the handler's per-request steps in handler.ts order: correlation id, secret parsing (the
 * secret value itself is cached), acceptWebhook (size, signature, content type, parse, event type), message
 * attributes and the SendMessage command, and the 202 answer. Logging and metrics are not timed: they are
 * Powertools' work, the same for any handler.
 */
export function ingestCase(config: InterchangeConfig, source: SourceConfig, bodyBytes: number): IngestCase {
  const settings: IngestSettings = ingestSettingsFor(source, placeholderTopology(config));
  const secret = secretFor(source);
  const secretValue = JSON.stringify({ current: secret, previous: '' });
  const eventType = eventTypeOf(source);
  const body = sizedBody(bodyBytes, source.eventTypeField ? { [source.eventTypeField]: eventType } : {});
  const webhook = vendorWebhook(source, 'https://bench.invalid/webhooks', secret, body, { eventType });
  const event = {
    headers: { ...webhook.headers, host: 'bench.invalid' },
    rawPath: '/webhooks',
    rawQueryString: '',
    body,
    isBase64Encoded: false,
    requestContext: { http: { method: 'POST' } },
  } as unknown as APIGatewayProxyEventV2;

  const handle = () => {
    const correlationId = correlationIdFrom(event.headers[CORRELATION_HEADER]);
    const decision = acceptWebhook(settings, toWebhookRequest(event), signingSecretsFrom(secretValue), {
      nowMs: Date.now(),
      correlationId,
    });
    if (decision.accepted) {
      const { body: accepted, attributes } = decision.message;
      // Above the threshold the handler stores the body (the put, like the send, is not timed) and queues a pointer.
      const message = needsClaimCheck(accepted)
        ? claimCheckMessage(
            claimCheckFor(
              settings.payloadBucket,
              claimCheckKey(settings.source, attributes.receivedAt, attributes.correlationId),
              accepted,
            ),
          )
        : { body: accepted, attribute: {} };
      noopQueue.send(
        new SendMessageCommand({
          QueueUrl: settings.queueUrl,
          MessageBody: message.body,
          MessageAttributes: { ...toMessageAttributes(attributes), ...message.attribute },
        }),
      );
    }
    return respond(decision);
  };
  const baseline = () => {
    const signature = createHmac('sha256', secret).update(body).digest('base64');
    return [signature, JSON.stringify(JSON.parse(body))];
  };

  const answer = handle();
  if (answer.statusCode !== 202) {
    throw new RejectedWebhookError(
      `${senderScheme(source).kind} ${bodyBytes} B answered ${answer.statusCode}: ${answer.body}`,
    );
  }
  return { scheme: senderScheme(source).kind, bodyBytes, handle, baseline };
}
