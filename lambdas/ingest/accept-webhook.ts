import type { IngestSettings } from '../../config/function-settings';
import type { EventAttributes } from '../shared/message-attributes';
import { sourceEventTypes } from '../shared/source-event-types';
import { verifyWebhookSignature, withoutByteOrderMark } from './signatures';

/** A webhook as API Gateway hands it over: header names lower-cased, the body possibly base64-encoded. */
export interface WebhookRequest {
  readonly method: string;
  /** The full URL the vendor called (scheme, host, path and query), which HubSpot signs. */
  readonly url: string;
  /** The query parameters, decoded; Business Central's subscription handshake sends `validationToken`. */
  readonly query: Readonly<Record<string, string | undefined>>;
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
  'method-not-allowed' | 'too-large' | 'bad-signature' | 'stale-timestamp' | 'bad-content-type' | 'malformed-body';

export type IngestDecision =
  | { readonly accepted: true; readonly status: 202; readonly correlationId: string; readonly message: IngestMessage }
  /**
   * A genuine webhook of a type no mapper of the source handles: answered 200 so the vendor neither retries nor
   * disables the endpoint, counted by type, and not enqueued.
   */
  | {
      readonly accepted: false;
      readonly status: 200;
      readonly correlationId: string;
      readonly unrouted: { readonly eventType: string };
    }
  /** Business Central's subscription handshake: the token echoed as plain text proves the endpoint is ours. */
  | { readonly accepted: false; readonly status: 200; readonly correlationId: string; readonly handshake: string }
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
};

const MESSAGE_OF: Record<RejectionReason, string> = {
  'method-not-allowed': 'only POST is accepted',
  'too-large': 'body too large',
  'bad-signature': 'invalid signature',
  'stale-timestamp': 'invalid signature',
  'bad-content-type': 'content type must be application/json',
  'malformed-body': 'body is not a JSON document',
};

/**
 * A validation token as Business Central sends it (an opaque string, in practice a GUID or a short random token).
 * Anything longer or outside printable ASCII is not echoed, so the endpoint cannot be used to reflect content.
 */
const VALIDATION_TOKEN = /^[\x21-\x7e]{1,512}$/;

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
  const handshake = businessCentralHandshake(settings, request);
  if (handshake !== undefined) return { accepted: false, status: 200, correlationId, handshake };
  const rawBody = Buffer.from(request.body ?? '', request.isBase64Encoded ? 'base64' : 'utf8');
  if (rawBody.length > settings.maxBodyBytes) return reject('too-large');

  const verification = verifyWebhookSignature(
    [settings.scheme, ...(settings.additionalSchemes ?? [])],
    { headers: request.headers, rawBody, method: request.method, url: request.url },
    secrets,
    Math.floor(context.nowMs / 1000),
  );
  if (!verification.ok) return reject(verification.failure === 'stale-timestamp' ? 'stale-timestamp' : 'bad-signature');

  if (!isJsonContentType(request.headers['content-type'])) return reject('bad-content-type');
  // A leading byte order mark (Business Central sends one) is dropped: no JSON reader downstream takes it.
  const document = parseJsonDocument(withoutByteOrderMark(rawBody));
  if (document === undefined) return reject('malformed-body');

  const eventType = eventTypeOf(settings, request.headers, document.value);
  if (eventType !== undefined && !sourceEventTypes(settings.source).includes(eventType)) {
    return { accepted: false, status: 200, correlationId, unrouted: { eventType } };
  }

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
        eventType: eventType ?? '',
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

/**
 * The vendor's event type, from the header when the request carries it, else from the body field. Undefined when
 * neither holds one: the body is a batch typed per entry (HubSpot, Business Central), which the transform reads
 * entry by entry, or a vendor left its type out, which the transform quarantines with the reason.
 */
function eventTypeOf(
  settings: IngestSettings,
  headers: WebhookRequest['headers'],
  document: unknown,
): string | undefined {
  const fromHeader = settings.eventTypeHeader ? headers[settings.eventTypeHeader]?.trim() : undefined;
  if (fromHeader) return fromHeader;
  if (settings.eventTypeField && !Array.isArray(document)) {
    const value = (document as Record<string, unknown>)[settings.eventTypeField];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/** The token to echo when the request is Business Central's subscription handshake for a Business Central source. */
function businessCentralHandshake(settings: IngestSettings, request: WebhookRequest): string | undefined {
  if (settings.scheme.kind !== 'business-central') return undefined;
  const token = request.query.validationToken;
  return token !== undefined && VALIDATION_TOKEN.test(token) ? token : undefined;
}
