import { anySignatureMatches, hmacSha256, readHeader, rejected, usableSecrets } from './primitives';
import type { SignatureVerification, SignedWebhook } from './types';

/** The header Shopify signs every webhook in. */
export const SHOPIFY_SIGNATURE_HEADER = 'x-shopify-hmac-sha256';

/**
 * One base64 value and nothing else. A comma never occurs in base64, so a header that API Gateway joined from
 * duplicates ('abc=,def=') fails here: there is no telling which copy Shopify sent, and it is refused rather than
 * guessed at.
 */
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Verifies Shopify's signature: the base64 HMAC-SHA256 of the raw body, keyed with the secret's UTF-8 bytes.
 * Shopify signs no timestamp, so replays are the delivery-id check's concern, not this one's.
 */
export function verifyShopifySignature(webhook: SignedWebhook, secrets: readonly string[]): SignatureVerification {
  const header = readHeader(webhook.headers, SHOPIFY_SIGNATURE_HEADER);
  if (header === undefined) return rejected('missing-signature');
  if (!BASE64.test(header)) return rejected('malformed-signature');

  const expected = usableSecrets(secrets).map((secret) => hmacSha256(secret, [webhook.rawBody]).toString('base64'));
  return anySignatureMatches([header], expected) ? { ok: true } : rejected('signature-mismatch');
}
