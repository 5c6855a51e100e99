import { verifyWebhookSignature } from '../../../../lambdas/ingest/signatures';
import { NOW, SCHEMES, secretsFor, signedWebhook, withHeader, type WebhookCase } from './helpers/signed-webhook';

const scheme = SCHEMES.stripe;
const failureOf = ({ webhook, secrets, now }: WebhookCase) => {
  const result = verifyWebhookSignature(scheme, webhook, secrets, now);
  return result.ok ? 'verified' : result.failure;
};
const headerOf = (testCase: WebhookCase) => testCase.webhook.headers['stripe-signature'] ?? '';
const v1Of = (testCase: WebhookCase) => headerOf(testCase).split(',v1=')[1] ?? '';
const withStripeHeader = (value: string) => withHeader(signedWebhook(scheme), 'stripe-signature', value);

describe('Stripe-Signature header', () => {
  const valid = signedWebhook(scheme);
  const previous = signedWebhook(scheme, { signingSecret: secretsFor(scheme).previous });
  const decoy = 'f'.repeat(64);

  it('verifies when any of several v1 signatures matches, as during a Stripe secret roll', () => {
    expect(failureOf(withStripeHeader(`t=${NOW},v1=${decoy},v1=${v1Of(previous)}`))).toBe('verified');
    expect(failureOf(withStripeHeader(`t=${NOW},v1=${v1Of(valid)},v1=${decoy}`))).toBe('verified');
  });

  it('ignores v0 and unknown elements, wherever they stand', () => {
    expect(failureOf(withStripeHeader(`v0=${decoy},t=${NOW},scheme=x,v1=${v1Of(valid)}`))).toBe('verified');
  });

  it('answers missing-signature when only v0 signatures are present', () => {
    expect(failureOf(withStripeHeader(`t=${NOW},v0=${v1Of(valid)}`))).toBe('missing-signature');
  });

  it('accepts the v1 digest in upper-case hex', () => {
    expect(failureOf(withStripeHeader(`t=${NOW},v1=${v1Of(valid).toUpperCase()}`))).toBe('verified');
  });

  it('treats a truncated digest as a mismatch, not an error', () => {
    expect(failureOf(withStripeHeader(`t=${NOW},v1=${v1Of(valid).slice(0, 63)}`))).toBe('signature-mismatch');
  });

  it.each([
    ['a v1 that is not hex', `t=${NOW},v1=${'z'.repeat(64)}`],
    ['an empty v1', `t=${NOW},v1=`],
    ['an element without "="', `t=${NOW},v1`],
    ['a trailing comma', `t=${NOW},v1=${decoy},`],
    ['an empty timestamp', `t=,v1=${decoy}`],
    ['two timestamps, as a joined duplicate has', `t=${NOW},v1=${decoy},t=${NOW - 1},v1=${decoy}`],
  ])('answers malformed-signature for %s', (_, header) => {
    expect(failureOf(withStripeHeader(header))).toBe('malformed-signature');
  });

  it('signs the timestamp text it received, so a zero-padded copy of t does not verify', () => {
    expect(failureOf(withStripeHeader(`t=0${NOW},v1=${v1Of(valid)}`))).toBe('signature-mismatch');
  });
});
