import { randomBytes, randomUUID } from 'node:crypto';
import type { SignatureScheme } from '../../lambdas/ingest/signatures';
import {
  signEasyPost,
  signHexHmac,
  signHubSpotV3,
  signShopify,
  signStandardWebhook,
  signStripe,
} from './vendor-signatures';

/** Where a webhook is posted, for schemes that sign the request line (HubSpot v3). */
export interface SignedRequestTarget {
  readonly method: string;
  readonly url: string;
}

const DEFAULT_TARGET: SignedRequestTarget = { method: 'POST', url: 'https://interchange.example.com/webhooks/crm' };

/**
 * The headers a vendor of the given scheme sends with a webhook, names lower-cased as API Gateway hands them on:
 * content type, signature headers and the vendor's delivery id. Event-type headers (Shopify's `x-shopify-topic`,
 * the logistics `x-event-type`) depend on the payload, so the caller adds them.
 *
 * Delivery ids: Shopify's `x-shopify-webhook-id`, Standard Webhooks' signed `webhook-id`, and for hex-HMAC
 * sources an `x-delivery-id`; Stripe and EasyPost carry their event id in the body. Without a `deliveryId` a fresh
 * one is made. Hex-HMAC signatures carry GitHub's `sha256=` prefix. HubSpot signs the method and the URL it posts
 * to (`target`). Business Central signs nothing: its `clientState` is in the body (`businessCentralNotification`).
 * Shopify also names the change (`x-shopify-event-id`, fresh unless `eventId` is given, as a retry keeps it) and
 * when it happened, to the nanosecond (`x-shopify-triggered-at`).
 */
export function signedHeadersFor(
  scheme: SignatureScheme,
  body: Buffer | string,
  secret: string,
  nowSeconds: number,
  deliveryId?: string,
  target: SignedRequestTarget = DEFAULT_TARGET,
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
    case 'easypost':
      return { 'content-type': 'application/json', 'x-hmac-signature': signEasyPost(body, secret) };
    case 'hubspot-v3':
      return {
        'content-type': 'application/json',
        ...signHubSpotV3(target.method, target.url, body, secret, nowSeconds * 1000),
      };
    case 'business-central':
      return { 'content-type': 'application/json; charset=utf-8' };
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
