import { anySignatureMatches, hmacSha256, readHeader, rejected, usableSecrets } from './primitives';
import type { SignatureVerification, SignedWebhook } from './types';

/** The header EasyPost signs every webhook in. */
export const EASYPOST_SIGNATURE_HEADER = 'x-hmac-signature';

/** EasyPost writes the digest behind this marker: `hmac-sha256-hex=<hex>`. */
const PREFIX = 'hmac-sha256-hex=';
const HEX = /^[0-9a-fA-F]{64}$/;

/**
 * EasyPost signs the event as its own serializer writes it, where a whole-number `weight` is a float (`12.0`),
 * while the body on the wire may carry `12`. EasyPost's client libraries therefore rewrite such weights before
 * hashing (`validateWebhook` in @easypost/api); the verifier does the same so a genuine tracker with a whole-number
 * weight is not refused.
 */
const WHOLE_WEIGHT = /("weight":\s*)(\d+)(\s*)(?=,|\})/g;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const WEIGHT_FIELD = Buffer.from('"weight"');

/**
 * The bytes EasyPost signed. Only valid UTF-8 is rewritten: decoding invalid bytes would replace them, and two
 * different bodies must never hash alike (such a body is refused as malformed after verification anyway).
 */
function signedText(rawBody: Buffer): Buffer {
  // Most bodies carry no weight to rewrite; finding none in the bytes spares decoding the whole body.
  if (rawBody.indexOf(WEIGHT_FIELD) < 0) return rawBody;
  let text: string;
  try {
    text = utf8.decode(rawBody);
  } catch {
    return rawBody;
  }
  const rewritten = text.replace(WHOLE_WEIGHT, '$1$2.0');
  return rewritten === text ? rawBody : Buffer.from(rewritten, 'utf8');
}

/**
 * Verifies EasyPost's `X-Hmac-Signature: hmac-sha256-hex=<hex>`: the hex HMAC-SHA256 of the body, keyed with the
 * webhook secret normalised to Unicode NFKD, as EasyPost's libraries compute it. EasyPost signs no timestamp, so
 * replays are the delivery-id check's concern, not this one's.
 */
export function verifyEasyPostSignature(webhook: SignedWebhook, secrets: readonly string[]): SignatureVerification {
  const header = readHeader(webhook.headers, EASYPOST_SIGNATURE_HEADER);
  if (header === undefined) return rejected('missing-signature');
  if (!header.startsWith(PREFIX) || !HEX.test(header.slice(PREFIX.length))) return rejected('malformed-signature');

  const body = signedText(webhook.rawBody);
  const expected = usableSecrets(secrets).map(
    (secret) => PREFIX + hmacSha256(Buffer.from(secret.normalize('NFKD'), 'utf8'), [body]).toString('hex'),
  );
  const received = PREFIX + header.slice(PREFIX.length).toLowerCase();
  return anySignatureMatches([received], expected) ? { ok: true } : rejected('signature-mismatch');
}
