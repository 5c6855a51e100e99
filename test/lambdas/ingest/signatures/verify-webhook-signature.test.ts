import { verifyWebhookSignature } from '../../../../lambdas/ingest/signatures';
import {
  ALL_SCHEMES,
  flipOneByte,
  secretsFor,
  signatureHeaderOf,
  signedWebhook,
  withBody,
  withHeader,
  type WebhookCase,
} from './helpers/signed-webhook';

const verify = ({ scheme, webhook, secrets, now }: WebhookCase) =>
  verifyWebhookSignature(scheme, webhook, secrets, now);
const failureOf = (testCase: WebhookCase) => {
  const result = verify(testCase);
  return result.ok ? 'verified' : result.failure;
};

describe.each(ALL_SCHEMES.map((scheme) => [scheme.kind, scheme] as const))('%s signatures', (_kind, scheme) => {
  const header = signatureHeaderOf(scheme);

  it('verifies a webhook signed as the vendor signs it', () => {
    const result = verify(signedWebhook(scheme));
    expect(result.ok).toBe(true);
  });

  it('rejects a body with one byte changed', () => {
    const valid = signedWebhook(scheme);
    expect(failureOf(withBody(valid, flipOneByte(valid.webhook.rawBody, 10)))).toBe('signature-mismatch');
  });

  it('rejects a signature made with a secret the source does not hold', () => {
    const { unrelated } = secretsFor(scheme);
    expect(failureOf(signedWebhook(scheme, { signingSecret: unrelated }))).toBe('signature-mismatch');
  });

  it('accepts both the current and the previous secret during a rotation, and no third', () => {
    const { current, previous, unrelated } = secretsFor(scheme);
    expect(verify(signedWebhook(scheme, { signingSecret: current })).ok).toBe(true);
    expect(verify(signedWebhook(scheme, { signingSecret: previous })).ok).toBe(true);
    expect(failureOf(signedWebhook(scheme, { signingSecret: unrelated }))).toBe('signature-mismatch');
  });

  it('stops accepting the previous secret once the rotation ends', () => {
    const { current, previous } = secretsFor(scheme);
    const signedWithPrevious = { ...signedWebhook(scheme, { signingSecret: previous }), secrets: [current] };
    expect(failureOf(signedWithPrevious)).toBe('signature-mismatch');
  });

  it('verifies nothing with an empty list of secrets', () => {
    expect(failureOf({ ...signedWebhook(scheme), secrets: [] })).toBe('signature-mismatch');
  });

  it('never lets an empty secret vouch for a signature made with an empty key', () => {
    const empty = scheme.kind === 'standard-webhooks' ? 'whsec_' : '';
    expect(failureOf({ ...signedWebhook(scheme, { signingSecret: empty }), secrets: [empty] })).toBe(
      'signature-mismatch',
    );
  });

  it('answers missing-signature when the signature header is absent or empty', () => {
    expect(failureOf(withHeader(signedWebhook(scheme), header, undefined))).toBe('missing-signature');
    expect(failureOf(withHeader(signedWebhook(scheme), header, ''))).toBe('missing-signature');
    expect(failureOf(withHeader(signedWebhook(scheme), header, '   '))).toBe('missing-signature');
  });

  it.each([
    ['API Gateway', ','],
    ['Node.js', ', '],
  ])('refuses a signature header that %s joined from duplicates, even when both copies are genuine', (_, joint) => {
    const current = signedWebhook(scheme);
    const previous = signedWebhook(scheme, { signingSecret: secretsFor(scheme).previous });
    const twice = `${current.webhook.headers[header]}${joint}${current.webhook.headers[header]}`;
    const both = `${current.webhook.headers[header]}${joint}${previous.webhook.headers[header]}`;
    expect(failureOf(withHeader(current, header, twice))).toBe('malformed-signature');
    expect(failureOf(withHeader(current, header, both))).toBe('malformed-signature');
  });

  it('verifies an empty body', () => {
    expect(verify(signedWebhook(scheme, { body: Buffer.alloc(0) })).ok).toBe(true);
  });

  it('verifies a 1 MiB body and notices its last byte changed', () => {
    const large = Buffer.alloc(1024 * 1024, 0).map((_, index) => (index * 31) & 0xff);
    const valid = signedWebhook(scheme, { body: Buffer.from(large) });
    expect(verify(valid).ok).toBe(true);
    expect(failureOf(withBody(valid, flipOneByte(valid.webhook.rawBody, large.length - 1)))).toBe('signature-mismatch');
  });

  it('verifies a body that is not UTF-8 on its bytes, not on a decoded string', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x80]), Buffer.from('{"sku":"A-1"}'), Buffer.of(0xc3)]);
    const valid = signedWebhook(scheme, { body: bytes });
    const reEncoded = Buffer.from(bytes.toString('utf8'), 'utf8');
    expect(verify(valid).ok).toBe(true);
    expect(failureOf(withBody(valid, reEncoded))).toBe('signature-mismatch');
  });

  it('verifies a body API Gateway base64-encoded once the caller decodes it', () => {
    const raw = Buffer.concat([Buffer.from('{"note":"gzip or binary"}'), Buffer.from([0x1f, 0x8b, 0x08])]);
    const valid = signedWebhook(scheme, { body: raw });
    const event = { body: raw.toString('base64'), isBase64Encoded: true };
    const decoded = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
    expect(verify(withBody(valid, decoded)).ok).toBe(true);
    expect(failureOf(withBody(valid, Buffer.from(event.body, 'utf8')))).toBe('signature-mismatch');
  });

  it('reads only the header the scheme names, never one inherited from the object prototype', () => {
    const valid = signedWebhook(scheme);
    const headers = Object.assign(Object.create({ [header]: valid.webhook.headers[header] }), {
      ...valid.webhook.headers,
      [header]: undefined,
    }) as Record<string, string | undefined>;
    expect(failureOf({ ...valid, webhook: { ...valid.webhook, headers } })).toBe('missing-signature');
  });
});
