import { verifyWebhookSignature, type SignatureScheme } from '../../../../lambdas/ingest/signatures';
import { NOW, SCHEMES, TOLERANCE_SECONDS, signedWebhook, withHeader, type WebhookCase } from './helpers/signed-webhook';

const failureOf = ({ scheme, webhook, secrets, now }: WebhookCase) => {
  const result = verifyWebhookSignature(scheme, webhook, secrets, now);
  return result.ok ? 'verified' : result.failure;
};

/** Rewrites the timestamp a delivery claims without re-signing it; undefined drops the timestamp. */
function withClaimedTimestamp(testCase: WebhookCase, timestamp: string | undefined): WebhookCase {
  if (testCase.scheme.kind === 'standard-webhooks') return withHeader(testCase, 'webhook-timestamp', timestamp);
  const header = testCase.webhook.headers['stripe-signature'] ?? '';
  const rewritten =
    timestamp === undefined ? header.replace(/^t=\d+,/, '') : header.replace(/^t=\d+/, `t=${timestamp}`);
  return withHeader(testCase, 'stripe-signature', rewritten);
}

const timedSchemes: readonly [string, SignatureScheme][] = [
  ['stripe', SCHEMES.stripe],
  ['standard-webhooks', SCHEMES['standard-webhooks']],
];

describe.each(timedSchemes)('%s replay window', (_kind, scheme) => {
  it('reports the signed time of a fresh delivery', () => {
    const { webhook, secrets } = signedWebhook(scheme);
    expect(verifyWebhookSignature(scheme, webhook, secrets, NOW)).toMatchObject({ ok: true, signedAt: NOW });
  });

  it('accepts a delivery signed exactly the tolerance ago or ahead', () => {
    expect(failureOf(signedWebhook(scheme, { signedAt: NOW - TOLERANCE_SECONDS }))).toBe('verified');
    expect(failureOf(signedWebhook(scheme, { signedAt: NOW + TOLERANCE_SECONDS }))).toBe('verified');
  });

  it('rejects a genuine delivery one second older than the tolerance as stale', () => {
    expect(failureOf(signedWebhook(scheme, { signedAt: NOW - TOLERANCE_SECONDS - 1 }))).toBe('stale-timestamp');
  });

  it('rejects a genuine delivery one second further in the future than the tolerance as stale', () => {
    expect(failureOf(signedWebhook(scheme, { signedAt: NOW + TOLERANCE_SECONDS + 1 }))).toBe('stale-timestamp');
  });

  it('rejects a replay days later', () => {
    expect(failureOf(signedWebhook(scheme, { signedAt: NOW - 3 * 86_400 }))).toBe('stale-timestamp');
  });

  it('reports a forged stale delivery as a mismatch, keeping stale-timestamp for genuine ones', () => {
    const forged = signedWebhook(scheme, { signedAt: NOW - 3600, signingSecret: 'whsec_' });
    expect(failureOf(forged)).toBe('signature-mismatch');
  });

  it('rejects a timestamp moved within the window, because the signature covers it', () => {
    expect(failureOf(withClaimedTimestamp(signedWebhook(scheme), String(NOW + 1)))).toBe('signature-mismatch');
  });

  it('fails closed when the clock reads NaN', () => {
    expect(failureOf({ ...signedWebhook(scheme), now: Number.NaN })).toBe('stale-timestamp');
  });

  it('answers missing-timestamp when the delivery carries none', () => {
    expect(failureOf(withClaimedTimestamp(signedWebhook(scheme), undefined))).toBe('missing-timestamp');
  });

  it.each(['hello', '1750000000.5', '-1750000000', '+1750000000', '1.75e9', '0x684ee180', '１７５０', '17500 00000'])(
    'answers malformed-signature for the non-numeric timestamp %j',
    (timestamp) => {
      expect(failureOf(withClaimedTimestamp(signedWebhook(scheme), timestamp))).toBe('malformed-signature');
    },
  );
});
