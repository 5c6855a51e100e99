import { verifyWebhookSignature } from '../../../../lambdas/ingest/signatures';
import { signHexHmac, signShopify } from '../../../../local/signers';
import {
  DEFAULT_BODY,
  SCHEMES,
  secretsFor,
  signedWebhook,
  withHeader,
  type WebhookCase,
} from './helpers/signed-webhook';

const failureOf = ({ scheme, webhook, secrets, now }: WebhookCase) => {
  const result = verifyWebhookSignature(scheme, webhook, secrets, now);
  return result.ok ? 'verified' : result.failure;
};

describe('X-Shopify-Hmac-Sha256 header', () => {
  const scheme = SCHEMES.shopify;
  const valid = signedWebhook(scheme);
  const withShopifyHeader = (value: string) => withHeader(valid, 'x-shopify-hmac-sha256', value);
  const { current } = secretsFor(scheme);

  it('signs no timestamp, so the verification carries none', () => {
    expect(verifyWebhookSignature(scheme, valid.webhook, valid.secrets, valid.now)).toEqual({ ok: true });
  });

  it('rejects the right digest sent as hex instead of base64', () => {
    expect(failureOf(withShopifyHeader(signHexHmac(DEFAULT_BODY, current)))).toBe('signature-mismatch');
  });

  it('rejects the digest without its base64 padding', () => {
    expect(failureOf(withShopifyHeader(signShopify(DEFAULT_BODY, current).replace(/=+$/, '')))).toBe(
      'signature-mismatch',
    );
  });

  it.each([
    ['the example join from the design notes', 'abc=,def='],
    ['a base64url digest', signShopify(DEFAULT_BODY, current).replace(/\+/g, '-').replace(/\//g, '_') + '-'],
    ['text inside the value', `${signShopify(DEFAULT_BODY, current)} extra`],
  ])('answers malformed-signature for %s', (_, value) => {
    expect(failureOf(withShopifyHeader(value))).toBe('malformed-signature');
  });
});

describe('hex HMAC header', () => {
  const scheme = SCHEMES['hex-hmac'];
  const { current } = secretsFor(scheme);
  const withHexHeader = (value: string) => withHeader(signedWebhook(scheme), scheme.header, value);

  it('accepts the digest with and without the sha256= prefix, in either case', () => {
    const digest = signHexHmac(DEFAULT_BODY, current);
    expect(failureOf(withHexHeader(digest))).toBe('verified');
    expect(failureOf(withHexHeader(`sha256=${digest}`))).toBe('verified');
    expect(failureOf(withHexHeader(digest.toUpperCase()))).toBe('verified');
  });

  it('reads the header the source configures, whatever case the configuration spells it in', () => {
    const configured = { kind: 'hex-hmac', header: 'X-Hub-Signature-256' } as const;
    const headers = { 'x-hub-signature-256': signHexHmac(DEFAULT_BODY, current, { prefix: true }) };
    const result = verifyWebhookSignature(configured, { headers, rawBody: Buffer.from(DEFAULT_BODY) }, [current], 0);
    expect(result).toEqual({ ok: true });
  });

  it('ignores a valid digest sent in a header other than the configured one', () => {
    const elsewhere = withHeader(withHexHeader(''), 'x-hub-signature-256', signHexHmac(DEFAULT_BODY, current));
    expect(failureOf(elsewhere)).toBe('missing-signature');
  });

  it.each([
    ['another algorithm prefix', `sha1=${signHexHmac(DEFAULT_BODY, current)}`],
    ['a prefix alone', 'sha256='],
    ['a base64 digest', signShopify(DEFAULT_BODY, current)],
    ['two digests joined from duplicates', `${signHexHmac(DEFAULT_BODY, current)},${'0'.repeat(64)}`],
  ])('answers malformed-signature for %s', (_, value) => {
    expect(failureOf(withHexHeader(value))).toBe('malformed-signature');
  });

  it('treats a digest one character short as a mismatch', () => {
    expect(failureOf(withHexHeader(signHexHmac(DEFAULT_BODY, current).slice(1)))).toBe('signature-mismatch');
  });
});
