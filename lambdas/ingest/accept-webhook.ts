import type { IngestSettings } from '../../config/function-settings';
import type { EventAttributes } from '../shared/message-attributes';
import { verifyWebhookSignature } from './signatures';

/** A webhook as API Gateway hands it over: header names lower-cased, the body possibly base64-encoded. */
export interface WebhookRequest {
  readonly method: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string | undefined;
  readonly isBase64Encoded: boolean;
}

/** What goes on the source's ingest queue: the vendor's bytes untouched, with the event's attributes. */
export interface IngestMessage {
  readonly body: string;
  readonly attributes: EventAttributes;
}

/** Why a webhook was refused; also the metric dimension, so on-call can tell a bad secret from a bad vendor. */
export type RejectionReason =
  | 'method-not-allowed'
  | 'too-large'
  | 'bad-signature'
  | 'stale-timestamp'
  | 'bad-content-type'
  | 'malformed-body'
  | 'unsupported-event-type';

export type IngestDecision =
  | { readonly accepted: true; readonly status: 202; readonly correlationId: string; readonly message: IngestMessage }
  | {
      readonly accepted: false;
      readonly status: 400 | 401 | 405 | 413;
      readonly correlationId: string;
      readonly reason: RejectionReason;
      /** Safe to show the caller: it never says which part of a signature failed. */
      readonly error: string;
    };

/** The clock and the correlation id chosen at the edge, passed in so the decision stays a pure function. */
export interface IngestContext {
  readonly nowMs: number;
  readonly correlationId: string;
}

const STATUS_OF: Record<RejectionReason, 400 | 401 | 405 | 413> = {
  'method-not-allowed': 405,
  'too-large': 413,
  'bad-signature': 401,
  'stale-timestamp': 401,
  'bad-content-type': 400,
  'malformed-body': 400,
  'unsupported-event-type': 400,
};

const MESSAGE_OF: Record<RejectionReason, string> = {
  'method-not-allowed': 'only POST is accepted',
  'too-large': 'body too large',
  'bad-signature': 'invalid signature',
  'stale-timestamp': 'invalid signature',
  'bad-content-type': 'content type must be application/json',
  'malformed-body': 'body is not a JSON document',
  'unsupported-event-type': 'event type not accepted',
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decides what to do with one webhook: the order of checks puts the cheap, secret-free ones first and
 * parses nothing before the signature holds, so an unsigned body never reaches the JSON parser.
 */
export function acceptWebhook(
  settings: IngestSettings,
  request: WebhookRequest,
  secrets: readonly string[],
  context: IngestContext,
): IngestDecision {
  const { correlationId } = context;
  const reject = (reason: RejectionReason): IngestDecision => ({
    accepted: false,
    status: STATUS_OF[reason],
    correlationId,
    reason,
    error: MESSAGE_OF[reason],
  });

  if (request.method.toUpperCase() !== 'POST') return reject('method-not-allowed');
  const rawBody = Buffer.from(request.body ?? '', request.isBase64Encoded ? 'base64' : 'utf8');
  if (rawBody.length > settings.maxBodyBytes) return reject('too-large');

  const verification = verifyWebhookSignature(
    settings.scheme,
    { headers: request.headers, rawBody },
    secrets,
    Math.floor(context.nowMs / 1000),
  );
  if (!verification.ok) return reject(verification.failure === 'stale-timestamp' ? 'stale-timestamp' : 'bad-signature');

  if (!isJsonContentType(request.headers['content-type'])) return reject('bad-content-type');
  const document = parseJsonDocument(rawBody);
  if (document === undefined) return reject('malformed-body');

  const eventType = eventTypeOf(settings, request.headers, document.value);
  if (settings.eventTypes && !settings.eventTypes.includes(eventType)) return reject('unsupported-event-type');

  const header = (name: string | undefined) => (name ? request.headers[name] || undefined : undefined);
  const deliveryId = header(settings.deliveryIdHeader) ?? verification.deliveryId;
  const vendorEventId = header(settings.eventIdHeader);
  const triggeredAt = header(settings.eventTimeHeader);
  return {
    accepted: true,
    status: 202,
    correlationId,
    message: {
      body: document.text,
      attributes: {
        correlationId,
        source: settings.source,
        eventType,
        receivedAt: new Date(context.nowMs).toISOString(),
        ...(deliveryId ? { deliveryId } : {}),
        ...(vendorEventId ? { vendorEventId } : {}),
        ...(triggeredAt ? { triggeredAt } : {}),
      },
    },
  };
}

function isJsonContentType(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  return (
    mediaType === 'application/json' || (mediaType?.startsWith('application/') === true && mediaType.endsWith('+json'))
  );
}

function parseJsonDocument(rawBody: Buffer): { text: string; value: unknown } | undefined {
  try {
    const text = utf8.decode(rawBody);
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? { text, value } : undefined;
  } catch {
    return undefined;
  }
}

function eventTypeOf(settings: IngestSettings, headers: WebhookRequest['headers'], document: unknown): string {
  if (settings.eventTypeHeader) return headers[settings.eventTypeHeader] ?? '';
  if (settings.eventTypeField && !Array.isArray(document)) {
    const value = (document as Record<string, unknown>)[settings.eventTypeField];
    return typeof value === 'string' ? value : '';
  }
  return '';
}
