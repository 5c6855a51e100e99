import { verifyBusinessCentralClientState } from './business-central';
import { EASYPOST_SIGNATURE_HEADER, verifyEasyPostSignature } from './easypost';
import { verifyHexHmacSignature } from './hex-hmac';
import { HUBSPOT_V3_HEADERS, verifyHubSpotV3Signature } from './hubspot';
import { readHeader, rejected } from './primitives';
import { SHOPIFY_SIGNATURE_HEADER } from './shopify';
import { STANDARD_WEBHOOK_HEADERS } from './standard-webhooks';
import { STRIPE_SIGNATURE_HEADER } from './stripe';
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
  schemes: SignatureScheme | readonly SignatureScheme[],
  webhook: SignedWebhook,
  secrets: readonly string[],
  nowSeconds: number,
): SignatureVerification {
  const scheme = schemeOfRequest(schemes, webhook);
  if (scheme === undefined) return rejected('missing-signature');
  switch (scheme.kind) {
    case 'shopify':
      return verifyShopifySignature(webhook, secrets);
    case 'stripe':
      return verifyStripeSignature(scheme.toleranceSeconds, webhook, secrets, nowSeconds);
    case 'standard-webhooks':
      return verifyStandardWebhookSignature(scheme.toleranceSeconds, webhook, secrets, nowSeconds);
    case 'hex-hmac':
      return verifyHexHmacSignature(scheme.header, webhook, secrets);
    case 'easypost':
      return verifyEasyPostSignature(webhook, secrets);
    case 'hubspot-v3':
      return verifyHubSpotV3Signature(scheme.toleranceSeconds, webhook, secrets, nowSeconds);
    case 'business-central':
      return verifyBusinessCentralClientState(webhook, secrets);
  }
}

/** The header that tells a scheme's requests apart; Business Central has none, its secret is in the body. */
function signatureHeaderOf(scheme: SignatureScheme): string | undefined {
  switch (scheme.kind) {
    case 'shopify':
      return SHOPIFY_SIGNATURE_HEADER;
    case 'stripe':
      return STRIPE_SIGNATURE_HEADER;
    case 'standard-webhooks':
      return STANDARD_WEBHOOK_HEADERS.signature;
    case 'hex-hmac':
      return scheme.header.toLowerCase();
    case 'easypost':
      return EASYPOST_SIGNATURE_HEADER;
    case 'hubspot-v3':
      return HUBSPOT_V3_HEADERS.signature;
    case 'business-central':
      return undefined;
  }
}

/**
 * The scheme a request is verified with. A source fed by several vendors (a 3PL beside a carrier tracker, an ERP's
 * own notifications beside a relay of its records) lists several schemes with distinct signature headers: the one
 * whose header the request carries is used, and a request carrying none goes to the scheme that has no header
 * (Business Central, whose secret is in the body), or is unsigned.
 */
function schemeOfRequest(
  schemes: SignatureScheme | readonly SignatureScheme[],
  webhook: SignedWebhook,
): SignatureScheme | undefined {
  if (!isSchemeList(schemes)) return schemes;
  if (schemes.length === 1) return schemes[0];
  const signedByHeader = schemes.find((scheme) => {
    const header = signatureHeaderOf(scheme);
    return header !== undefined && readHeader(webhook.headers, header) !== undefined;
  });
  return signedByHeader ?? schemes.find((scheme) => signatureHeaderOf(scheme) === undefined);
}

function isSchemeList(schemes: SignatureScheme | readonly SignatureScheme[]): schemes is readonly SignatureScheme[] {
  return Array.isArray(schemes);
}
