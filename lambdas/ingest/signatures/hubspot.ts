import { anySignatureMatches, hmacSha256, isWithinTolerance, readHeader, rejected, usableSecrets } from './primitives';
import type { SignatureVerification, SignedWebhook } from './types';

/** The headers of HubSpot's v3 request signature. */
export const HUBSPOT_V3_HEADERS = {
  signature: 'x-hubspot-signature-v3',
  timestamp: 'x-hubspot-request-timestamp',
} as const;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** Epoch milliseconds, digits only. */
const UNIX_MILLIS = /^\d{1,15}$/;

/**
 * HubSpot signs the URI with these escapes decoded (its "Validate requests using the v3 request signature" guide
 * lists them), so a URL received as `...%3A...` is signed as `...:...`.
 */
const DECODED_ESCAPES: Readonly<Record<string, string>> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};

/** The URI as HubSpot signs it: the listed escapes decoded, whatever their case. */
export function hubSpotSignedUri(url: string): string {
  return url.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (escape) => DECODED_ESCAPES[escape.toUpperCase()]!);
}

/**
 * Verifies HubSpot's v3 signature: base64 HMAC-SHA256, keyed with the app's client secret, of
 * `method + uri + body + timestamp`, where the timestamp is `X-HubSpot-Request-Timestamp` in epoch milliseconds.
 * HubSpot asks receivers to refuse a timestamp older than five minutes; the window is the scheme's tolerance.
 * The URI is the full URL HubSpot called, which the caller reconstructs from the request (`webhook.url`).
 */
export function verifyHubSpotV3Signature(
  toleranceSeconds: number,
  webhook: SignedWebhook,
  secrets: readonly string[],
  nowSeconds: number,
): SignatureVerification {
  const signature = readHeader(webhook.headers, HUBSPOT_V3_HEADERS.signature);
  if (signature === undefined) return rejected('missing-signature');
  if (!BASE64.test(signature)) return rejected('malformed-signature');
  const timestamp = readHeader(webhook.headers, HUBSPOT_V3_HEADERS.timestamp);
  if (timestamp === undefined) return rejected('missing-timestamp');
  if (!UNIX_MILLIS.test(timestamp)) return rejected('malformed-signature');
  if (webhook.method === undefined || webhook.url === undefined) return rejected('malformed-signature');

  const uri = hubSpotSignedUri(webhook.url);
  const expected = usableSecrets(secrets).map((secret) =>
    hmacSha256(secret, [webhook.method!.toUpperCase(), uri, webhook.rawBody, timestamp]).toString('base64'),
  );
  if (!anySignatureMatches([signature], expected)) return rejected('signature-mismatch');
  const signedAt = Math.floor(Number(timestamp) / 1000);
  if (!isWithinTolerance(signedAt, nowSeconds, toleranceSeconds)) return rejected('stale-timestamp');
  return { ok: true, signedAt };
}
