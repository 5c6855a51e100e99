import {
  anySignatureMatches,
  hmacSha256,
  isWithinTolerance,
  parseUnixSeconds,
  readHeader,
  rejected,
  type SignatureRejection,
} from './primitives';
import type { SignatureVerification, SignedWebhook } from './types';

/** The three headers Standard Webhooks signs with, as the specification names them. */
export const STANDARD_WEBHOOK_HEADERS = {
  id: 'webhook-id',
  timestamp: 'webhook-timestamp',
  signature: 'webhook-signature',
} as const;

/** Prefix the specification gives serialized symmetric secrets; the key is the base64 text after it. */
const SECRET_PREFIX = 'whsec_';
/** The symmetric signature version; `v1a` (ed25519) and unknown versions are skipped, as the specification asks. */
const SIGNATURE_VERSION = 'v1';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/**
 * Printable ASCII without '.' or ','. A '.' would make `${id}.${timestamp}.${body}` ambiguous (id `a.1`, timestamp
 * 2 signs the same bytes as id `a`, timestamp 1, body prefixed `2.`); a ',' is what API Gateway leaves when it
 * joins a duplicated header.
 */
const DELIVERY_ID = /^[\x21-\x2b\x2d\x2f-\x7e]{1,256}$/;

/** The HMAC key a `whsec_<base64>` secret serializes (the prefix is optional), or undefined when it holds none. */
export function decodeStandardWebhookSecret(secret: string): Buffer | undefined {
  if (typeof secret !== 'string') return undefined;
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  if (encoded.length % 4 !== 0 || !BASE64.test(encoded)) return undefined;
  const key = Buffer.from(encoded, 'base64');
  return key.length > 0 ? key : undefined;
}

/**
 * The `v1` signatures of a space-separated `version,signature` list. Every entry must have exactly one comma: a
 * duplicated header joined by API Gateway yields an entry such as `v1,abc=,v1,def=` and the whole header is refused,
 * where a lax split would quietly try its first half.
 */
function parseSignatureList(header: string): { readonly ok: true; readonly signatures: string[] } | SignatureRejection {
  const signatures: string[] = [];
  for (const entry of header.split(' ')) {
    if (entry === '') continue;
    const fields = entry.split(',');
    const [version, signature] = fields;
    if (fields.length !== 2 || !version || !signature) return rejected('malformed-signature');
    if (version !== SIGNATURE_VERSION) continue;
    if (!BASE64.test(signature)) return rejected('malformed-signature');
    signatures.push(signature);
  }
  return signatures.length > 0 ? { ok: true, signatures } : rejected('missing-signature');
}

/**
 * Verifies a Standard Webhooks delivery: HMAC-SHA256 of `${id}.${timestamp}.${body}` with the decoded secret, any
 * `v1` entry matching. The signature is checked before the window so that `stale-timestamp` always describes a
 * genuine delivery; the verified `webhook-id` is returned for deduplication.
 */
export function verifyStandardWebhookSignature(
  toleranceSeconds: number,
  webhook: SignedWebhook,
  secrets: readonly string[],
  nowSeconds: number,
): SignatureVerification {
  const signatureHeader = readHeader(webhook.headers, STANDARD_WEBHOOK_HEADERS.signature);
  if (signatureHeader === undefined) return rejected('missing-signature');
  const timestamp = readHeader(webhook.headers, STANDARD_WEBHOOK_HEADERS.timestamp);
  if (timestamp === undefined) return rejected('missing-timestamp');
  const deliveryId = readHeader(webhook.headers, STANDARD_WEBHOOK_HEADERS.id);
  if (deliveryId === undefined || !DELIVERY_ID.test(deliveryId)) return rejected('malformed-signature');
  const signedAt = parseUnixSeconds(timestamp);
  if (signedAt === undefined) return rejected('malformed-signature');
  const parsed = parseSignatureList(signatureHeader);
  if (!parsed.ok) return parsed;

  const expected: string[] = [];
  for (const secret of secrets) {
    const key = decodeStandardWebhookSecret(secret);
    if (key) expected.push(hmacSha256(key, [`${deliveryId}.${timestamp}.`, webhook.rawBody]).toString('base64'));
  }
  if (!anySignatureMatches(parsed.signatures, expected)) return rejected('signature-mismatch');
  if (!isWithinTolerance(signedAt, nowSeconds, toleranceSeconds)) return rejected('stale-timestamp');
  return { ok: true, signedAt, deliveryId };
}
