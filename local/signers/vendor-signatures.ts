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

/** A fresh Standard Webhooks secret: 32 random bytes, base64, behind the `whsec_` prefix. */
export function generateStandardWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}
