import { verifyWebhookSignature } from '../../../../lambdas/ingest/signatures';
import {
  generateStandardWebhookSecret,
  signHexHmac,
  signShopify,
  signStandardWebhook,
  signStripe,
} from '../../../../local/signers';

/**
 * Vectors from outside this code base, so neither the signers nor the verifier are checked only against each other.
 * Standard Webhooks and GitHub publish theirs; Shopify and Stripe publish none with a known secret, so theirs were
 * computed with the OpenSSL command line, a separate HMAC implementation:
 *   printf '%s' "$BODY" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64        (Shopify)
 *   printf '%s' "$T.$BODY" | openssl dgst -sha256 -hmac "$SECRET"                       (Stripe)
 *   printf '\xff\xfe\x00\x80{"sku":"A-1"}\xc3' | openssl dgst -sha256 -hmac bytes-not-text  (raw bytes)
 */

describe('Standard Webhooks vector (standard-webhooks/standard-webhooks, libraries/javascript/src/webhook.test.ts)', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const timestamp = 1614265330;
  const body = '{"test": 2432232314}';
  const signature = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';

  it('is what the signer produces', () => {
    expect(signStandardWebhook(body, secret, id, timestamp)).toEqual({
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signature,
    });
  });

  it('verifies, and reports its delivery id and time', () => {
    const headers = { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
    const scheme = { kind: 'standard-webhooks', toleranceSeconds: 300 } as const;
    const result = verifyWebhookSignature(scheme, { headers, rawBody: Buffer.from(body) }, [secret], timestamp + 60);
    expect(result).toEqual({ ok: true, signedAt: timestamp, deliveryId: id });
  });
});

describe('GitHub vector (docs.github.com, "Validating webhook deliveries")', () => {
  const secret = "It's a Secret to Everybody";
  const body = 'Hello, World!';
  const signature = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

  it('is what the signer produces with the prefix', () => {
    expect(signHexHmac(body, secret, { prefix: true })).toBe(signature);
  });

  it('verifies as a hex-hmac source on X-Hub-Signature-256', () => {
    const scheme = { kind: 'hex-hmac', header: 'x-hub-signature-256' } as const;
    const webhook = { headers: { 'x-hub-signature-256': signature }, rawBody: Buffer.from(body) };
    expect(verifyWebhookSignature(scheme, webhook, [secret], 0)).toEqual({ ok: true });
  });
});

describe('OpenSSL-computed vectors', () => {
  it('Shopify: base64 HMAC of the raw body', () => {
    const body = '{"id":820982911946154508,"email":"jon@example.com","topic":"orders/create"}';
    const signature = 'caywFtONLHCQ/kdAoRCOAC9s972OdEFX6QvGUQVBTbQ=';
    expect(signShopify(body, 'hush')).toBe(signature);
    const webhook = { headers: { 'x-shopify-hmac-sha256': signature }, rawBody: Buffer.from(body) };
    expect(verifyWebhookSignature({ kind: 'shopify' }, webhook, ['hush'], 0)).toEqual({ ok: true });
  });

  it('Stripe: hex HMAC of "t.body" keyed with the whole whsec_ secret', () => {
    const body = '{"id":"evt_test_webhook","object":"event"}';
    const header = 't=1492774577,v1=88a022085c6bdb887b02cb26ff76dd681234d9675c0f22844059f55552a8883a';
    expect(signStripe(body, 'whsec_test_secret', 1492774577)).toBe(header);
    const webhook = { headers: { 'stripe-signature': header }, rawBody: Buffer.from(body) };
    const scheme = { kind: 'stripe', toleranceSeconds: 300 } as const;
    expect(verifyWebhookSignature(scheme, webhook, ['whsec_test_secret'], 1492774577)).toEqual({
      ok: true,
      signedAt: 1492774577,
    });
  });

  it('raw bytes that are not UTF-8', () => {
    const body = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x80]), Buffer.from('{"sku":"A-1"}'), Buffer.of(0xc3)]);
    const digest = '3ff45fd41ebfb88fd3826961c0494c5f52a604659f7c58eda3ea7d852aa29107';
    expect(signHexHmac(body, 'bytes-not-text')).toBe(digest);
    const webhook = { headers: { 'x-signature-sha256': digest }, rawBody: body };
    const scheme = { kind: 'hex-hmac', header: 'x-signature-sha256' } as const;
    expect(verifyWebhookSignature(scheme, webhook, ['bytes-not-text'], 0)).toEqual({ ok: true });
  });
});

describe('signer inputs', () => {
  it('generates Standard Webhooks secrets of 32 random bytes behind whsec_', () => {
    const secret = generateStandardWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(generateStandardWebhookSecret()).not.toBe(secret);
  });

  it('refuses a Standard Webhooks secret without its prefix and a timestamp that is not whole seconds', () => {
    expect(() => signStandardWebhook('{}', 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_1', 1)).toThrow(/whsec_/);
    expect(() => signStripe('{}', 'whsec_x', 1.5)).toThrow(RangeError);
    expect(() => signStripe('{}', 'whsec_x', -1)).toThrow('whole epoch seconds');
  });
});
