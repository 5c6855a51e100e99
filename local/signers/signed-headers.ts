import { randomBytes, randomUUID } from 'node:crypto';
import type { SignatureScheme } from '../../lambdas/ingest/signatures';
import { signHexHmac, signShopify, signStandardWebhook, signStripe } from './vendor-signatures';

/**
 * The headers a vendor of the given scheme sends with a webhook, names lower-cased as API Gateway hands them on:
 * content type, signature headers and the vendor's delivery id. Event-type headers (Shopify's `x-shopify-topic`,
 * the logistics `x-event-type`) depend on the payload, so the caller adds them.
 *
 * Delivery ids: Shopify's `x-shopify-webhook-id`, Standard Webhooks' signed `webhook-id`, and for hex-HMAC
 * sources the `x-delivery-id` the logistics source is configured with; Stripe carries its event id in the body.
 * Without a `deliveryId` a fresh one is made. Hex-HMAC signatures carry GitHub's `sha256=` prefix. Shopify also
 * names the change (`x-shopify-event-id`, fresh unless `eventId` is given, as a retry keeps it) and when it
 * happened, to the nanosecond (`x-shopify-triggered-at`).
 */
export function signedHeadersFor(
  scheme: SignatureScheme,
  body: Buffer | string,
  secret: string,
  nowSeconds: number,
  deliveryId?: string,
  eventId?: string,
): Record<string, string> {
  switch (scheme.kind) {
    case 'shopify':
      return {
        'content-type': 'application/json',
        'x-shopify-hmac-sha256': signShopify(body, secret),
        'x-shopify-webhook-id': deliveryId ?? randomUUID(),
        'x-shopify-event-id': eventId ?? randomUUID(),
        'x-shopify-triggered-at': nanosecondTimestamp(nowSeconds),
      };
    case 'stripe':
      return {
        'content-type': 'application/json; charset=utf-8',
        'stripe-signature': signStripe(body, secret, nowSeconds),
      };
    case 'standard-webhooks':
      return {
        'content-type': 'application/json',
        ...signStandardWebhook(body, secret, deliveryId ?? `msg_${randomBytes(16).toString('hex')}`, nowSeconds),
      };
    case 'hex-hmac':
      return {
        'content-type': 'application/json',
        [scheme.header.toLowerCase()]: signHexHmac(body, secret, { prefix: true }),
        'x-delivery-id': deliveryId ?? randomUUID(),
      };
  }
}

/**
 * Shopify's trigger time format, `2026-03-29T18:00:27.877041743Z`: the given second, then the clock's milliseconds
 * and a finer part from the high-resolution clock.
 */
function nanosecondTimestamp(nowSeconds: number): string {
  const millis = String(Date.now() % 1000).padStart(3, '0');
  const finer = String(process.hrtime.bigint() % 1_000_000n).padStart(6, '0');
  return `${new Date(nowSeconds * 1000).toISOString().slice(0, 19)}.${millis}${finer}Z`;
}
