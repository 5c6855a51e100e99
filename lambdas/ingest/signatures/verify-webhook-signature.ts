import { verifyHexHmacSignature } from './hex-hmac';
import { verifyShopifySignature } from './shopify';
import { verifyStandardWebhookSignature } from './standard-webhooks';
import { verifyStripeSignature } from './stripe';
import type { SignatureScheme, SignatureVerification, SignedWebhook } from './types';

/**
 * Verifies a webhook against its source's scheme on the body's raw bytes, in constant time, accepting any of the
 * given secrets (the current and the previous one during a rotation; an empty list verifies nothing). Pure: the
 * caller supplies the clock and the secrets, and every bad input is answered with a failure, never thrown.
 *
 * A signature header that arrives twice is never verified: API Gateway's HTTP API joins duplicates with commas, and
 * each scheme recognises the join (a comma in a base64 or hex value, a second `t=` in Stripe's header, an entry
 * with two commas in a Standard Webhooks list, a comma in `webhook-id` or `webhook-timestamp`) and answers
 * `malformed-signature` before computing anything. A vendor sends each header once, so two copies mean something
 * in between added one, and guessing which copy is genuine would let that party choose.
 */
export function verifyWebhookSignature(
  scheme: SignatureScheme,
  webhook: SignedWebhook,
  secrets: readonly string[],
  nowSeconds: number,
): SignatureVerification {
  switch (scheme.kind) {
    case 'shopify':
      return verifyShopifySignature(webhook, secrets);
    case 'stripe':
      return verifyStripeSignature(scheme.toleranceSeconds, webhook, secrets, nowSeconds);
    case 'standard-webhooks':
      return verifyStandardWebhookSignature(scheme.toleranceSeconds, webhook, secrets, nowSeconds);
    case 'hex-hmac':
      return verifyHexHmacSignature(scheme.header, webhook, secrets);
  }
}
