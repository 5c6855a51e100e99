import { createHmac, randomBytes } from 'node:crypto';

/**
 * Vendor signatures written from each vendor's own documentation, independently of the verifier in
 * lambdas/ingest/signatures, so that tests and the local demo check the verifier against what the vendor would
 * really send rather than against itself.
 */

/** Body text is signed as its UTF-8 bytes, as every vendor here transmits it. */
type Body = Buffer | string;

const bytesOf = (body: Body): Buffer => (typeof body === 'string' ? Buffer.from(body, 'utf8') : body);

function wholeSeconds(timestampSeconds: number): string {
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0) {
    throw new RangeError(`timestamp must be whole epoch seconds, got ${timestampSeconds}`);
  }
  return String(timestampSeconds);
}

/** The three headers of a Standard Webhooks delivery, named as the specification names them. */
export interface StandardWebhookHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/** `X-Shopify-Hmac-Sha256`: base64 HMAC-SHA256 of the raw body, keyed with the app's client secret. */
export function signShopify(body: Body, secret: string): string {
  return createHmac('sha256', secret).update(bytesOf(body)).digest('base64');
}

/**
 * `Stripe-Signature`: `t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`, keyed with the endpoint's
 * signing secret exactly as Stripe shows it (the `whsec_` text included).
 */
export function signStripe(body: Body, secret: string, timestampSeconds: number): string {
  const timestamp = wholeSeconds(timestampSeconds);
  const signature = createHmac('sha256', secret).update(`${timestamp}.`).update(bytesOf(body)).digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

/**
 * Standard Webhooks headers: `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`, keyed with the bytes the
 * `whsec_<base64>` secret encodes.
 */
export function signStandardWebhook(
  body: Body,
  secret: string,
  id: string,
  timestampSeconds: number,
): StandardWebhookHeaders {
  if (!secret.startsWith('whsec_')) throw new RangeError('a Standard Webhooks secret starts with "whsec_"');
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const timestamp = wholeSeconds(timestampSeconds);
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(bytesOf(body)).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}

/** Hex HMAC-SHA256 of the raw body; with `prefix` it reads `sha256=<hex>` as GitHub's `X-Hub-Signature-256` does. */
export function signHexHmac(body: Body, secret: string, options: { readonly prefix?: boolean } = {}): string {
  const digest = createHmac('sha256', secret).update(bytesOf(body)).digest('hex');
  return options.prefix ? `sha256=${digest}` : digest;
}

/**
 * EasyPost's `X-Hmac-Signature`: `hmac-sha256-hex=<hex HMAC-SHA256 of the body>`, keyed with the webhook secret
 * normalised to Unicode NFKD (EasyPost's "Webhooks guide: HMAC validation").
 */
export function signEasyPost(body: Body, secret: string): string {
  const key = Buffer.from(secret.normalize('NFKD'), 'utf8');
  return `hmac-sha256-hex=${createHmac('sha256', key).update(bytesOf(body)).digest('hex')}`;
}

/**
 * HubSpot's v3 request signature headers: `X-HubSpot-Signature-v3` is the base64 HMAC-SHA256, keyed with the app's
 * client secret, of `method + uri + body + timestamp`, and `X-HubSpot-Request-Timestamp` the epoch milliseconds.
 */
export function signHubSpotV3(
  method: string,
  url: string,
  body: Body,
  secret: string,
  timestampMs: number,
): { 'x-hubspot-signature-v3': string; 'x-hubspot-request-timestamp': string } {
  const timestamp = String(timestampMs);
  const signature = createHmac('sha256', secret)
    .update(`${method}${url}`)
    .update(bytesOf(body))
    .update(timestamp)
    .digest('base64');
  return { 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': timestamp };
}

/** One change Business Central notifies: the record's API URL and what happened to it. */
export interface BusinessCentralChange {
  readonly resource: string;
  readonly changeType: 'created' | 'updated' | 'deleted' | 'collection';
  readonly lastModifiedDateTime: string;
}

/**
 * A Business Central notification body as BC posts it ("Working with webhooks in Dynamics 365 Business Central"):
 * `{"value": [...]}` with the subscription's id, its `clientState` (the shared secret) and expiry in every entry.
 */
export function businessCentralNotification(
  changes: readonly BusinessCentralChange[],
  clientState: string,
  subscriptionId = 'b9b4a2c8d7d64b1e9c7f2a1e5d3c4b6a',
): string {
  return JSON.stringify({
    value: changes.map((change) => ({
      subscriptionId,
      clientState,
      expirationDateTime: '2026-12-04T12:00:00Z',
      resource: change.resource,
      changeType: change.changeType,
      lastModifiedDateTime: change.lastModifiedDateTime,
    })),
  });
}

/** A fresh Standard Webhooks secret: 32 random bytes, base64, behind the `whsec_` prefix. */
export function generateStandardWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}
