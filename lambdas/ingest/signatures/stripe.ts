import {
  anySignatureMatches,
  hmacSha256,
  isWithinTolerance,
  parseUnixSeconds,
  readHeader,
  rejected,
  usableSecrets,
  type SignatureRejection,
} from './primitives';
import type { SignatureVerification, SignedWebhook } from './types';

/** The header Stripe signs every webhook in. */
export const STRIPE_SIGNATURE_HEADER = 'stripe-signature';

/** The only signature version Stripe documents as current; `v0` and anything newer are ignored. */
const SIGNATURE_VERSION = 'v1';
const HEX = /^[0-9a-fA-F]+$/;

type ParsedStripeHeader =
  | { readonly ok: true; readonly timestamp: string; readonly signedAt: number; readonly signatures: string[] }
  | SignatureRejection;

/**
 * Reads `t=…,v1=…[,v1=…][,v0=…]`. Stripe sends exactly one `t`, so a second one means API Gateway joined a
 * duplicated header; the request is refused rather than letting the first or last copy win.
 */
function parseStripeHeader(header: string): ParsedStripeHeader {
  const timestamps: string[] = [];
  const signatures: string[] = [];
  for (const element of header.split(',')) {
    const pair = element.trim();
    const separator = pair.indexOf('=');
    if (separator <= 0) return rejected('malformed-signature');
    const key = pair.slice(0, separator);
    const value = pair.slice(separator + 1);
    if (key === 't') timestamps.push(value);
    if (key === SIGNATURE_VERSION) {
      if (!HEX.test(value)) return rejected('malformed-signature');
      signatures.push(value.toLowerCase());
    }
  }

  const [timestamp, ...duplicates] = timestamps;
  if (duplicates.length > 0) return rejected('malformed-signature');
  if (timestamp === undefined) return rejected('missing-timestamp');
  const signedAt = parseUnixSeconds(timestamp);
  if (signedAt === undefined) return rejected('malformed-signature');
  if (signatures.length === 0) return rejected('missing-signature');
  return { ok: true, timestamp, signedAt, signatures };
}

/**
 * Verifies Stripe's signature: the hex HMAC-SHA256 of `${t}.${body}` keyed with the secret's UTF-8 bytes (the whole
 * `whsec_…` string, as Stripe uses it). Any `v1` may match, which is how Stripe signs during a secret roll. The
 * signature is checked before the window so that `stale-timestamp` always describes a genuine delivery.
 */
export function verifyStripeSignature(
  toleranceSeconds: number,
  webhook: SignedWebhook,
  secrets: readonly string[],
  nowSeconds: number,
): SignatureVerification {
  const header = readHeader(webhook.headers, STRIPE_SIGNATURE_HEADER);
  if (header === undefined) return rejected('missing-signature');
  const parsed = parseStripeHeader(header);
  if (!parsed.ok) return parsed;

  const expected = usableSecrets(secrets).map((secret) =>
    hmacSha256(secret, [parsed.timestamp, '.', webhook.rawBody]).toString('hex'),
  );
  if (!anySignatureMatches(parsed.signatures, expected)) return rejected('signature-mismatch');
  if (!isWithinTolerance(parsed.signedAt, nowSeconds, toleranceSeconds)) return rejected('stale-timestamp');
  return { ok: true, signedAt: parsed.signedAt };
}
