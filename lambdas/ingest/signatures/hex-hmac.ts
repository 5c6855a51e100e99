import { anySignatureMatches, hmacSha256, readHeader, rejected, usableSecrets } from './primitives';
import type { SignatureVerification, SignedWebhook } from './types';

/** GitHub's marker naming the digest algorithm; vendors modelled on GitHub send it, others send the bare digest. */
const SHA256_PREFIX = 'sha256=';

/**
 * A hex digest of any case. A comma is not hex, so a header that API Gateway joined from duplicates is refused as
 * malformed instead of being split and tried piece by piece.
 */
const HEX = /^[0-9a-fA-F]+$/;

/**
 * Verifies a generic hex HMAC-SHA256 of the raw body in a configured header, with or without the `sha256=` prefix.
 * Such vendors sign no timestamp, so replays are the delivery-id check's concern, not this one's.
 */
export function verifyHexHmacSignature(
  header: string,
  webhook: SignedWebhook,
  secrets: readonly string[],
): SignatureVerification {
  const value = readHeader(webhook.headers, header.toLowerCase());
  if (value === undefined) return rejected('missing-signature');
  const digest = value.startsWith(SHA256_PREFIX) ? value.slice(SHA256_PREFIX.length) : value;
  if (!HEX.test(digest)) return rejected('malformed-signature');

  const expected = usableSecrets(secrets).map((secret) => hmacSha256(secret, [webhook.rawBody]).toString('hex'));
  return anySignatureMatches([digest.toLowerCase()], expected) ? { ok: true } : rejected('signature-mismatch');
}
