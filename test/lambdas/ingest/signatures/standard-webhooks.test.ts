import { decodeStandardWebhookSecret, verifyWebhookSignature } from '../../../../lambdas/ingest/signatures';
import {
  DEFAULT_DELIVERY_ID,
  NOW,
  SCHEMES,
  secretsFor,
  signedWebhook,
  withHeader,
  type WebhookCase,
} from './helpers/signed-webhook';

const scheme = SCHEMES['standard-webhooks'];
const verify = ({ webhook, secrets, now }: WebhookCase) => verifyWebhookSignature(scheme, webhook, secrets, now);
const failureOf = (testCase: WebhookCase) => {
  const result = verify(testCase);
  return result.ok ? 'verified' : result.failure;
};
const signatureOf = (testCase: WebhookCase) => testCase.webhook.headers['webhook-signature'] ?? '';
const withSignatures = (value: string) => withHeader(signedWebhook(scheme), 'webhook-signature', value);

describe('Standard Webhooks headers', () => {
  const valid = signedWebhook(scheme);
  const previous = signedWebhook(scheme, { signingSecret: secretsFor(scheme).previous });
  const decoy = `v1,${Buffer.alloc(32, 9).toString('base64')}`;

  it('returns the signed webhook-id as the delivery id', () => {
    expect(verify(valid)).toEqual({ ok: true, signedAt: NOW, deliveryId: DEFAULT_DELIVERY_ID });
  });

  it('verifies when any entry of a space-separated list matches, skipping v1a and unknown versions', () => {
    const asymmetric = `v1a,${Buffer.alloc(64, 7).toString('base64')}`;
    const list = `${decoy} ${asymmetric} v2,${signatureOf(valid).slice(3)} ${signatureOf(previous)}`;
    expect(failureOf(withSignatures(list))).toBe('verified');
  });

  it('tolerates repeated spaces between entries', () => {
    expect(failureOf(withSignatures(`${decoy}   ${signatureOf(valid)}`))).toBe('verified');
  });

  it('answers missing-signature when no entry is v1', () => {
    expect(failureOf(withSignatures(`v1a,${signatureOf(valid).slice(3)} v2,abc=`))).toBe('missing-signature');
  });

  it('treats a truncated v1 signature as a mismatch', () => {
    expect(failureOf(withSignatures(signatureOf(valid).slice(0, 8)))).toBe('signature-mismatch');
    expect(failureOf(withSignatures('v1,dawfeoifkpqwoekfpqoekf'))).toBe('signature-mismatch');
  });

  it.each([
    ['an empty v1 signature', 'v1,'],
    ['an entry without a version', ',abc='],
    ['an entry without a comma', 'v1'],
    ['a v1 signature that is not base64', 'v1,not*base64!'],
    ['an entry with two commas, as a joined duplicate has', `${signatureOf(valid)},${decoy}`],
  ])('answers malformed-signature for %s', (_, header) => {
    expect(failureOf(withSignatures(header))).toBe('malformed-signature');
  });

  it('rejects a delivery whose webhook-id was changed, because the signature covers it', () => {
    expect(failureOf(withHeader(valid, 'webhook-id', 'msg_someone-else'))).toBe('signature-mismatch');
  });

  it.each([
    ['absent', undefined],
    ['containing a dot, which would make the signed content ambiguous', 'msg.1'],
    ['joined from duplicates', `${DEFAULT_DELIVERY_ID},${DEFAULT_DELIVERY_ID}`],
    ['containing a space', 'msg 1'],
    ['not ASCII', 'msg_é'],
  ])('answers malformed-signature for a webhook-id %s', (_, id) => {
    expect(failureOf(withHeader(valid, 'webhook-id', id))).toBe('malformed-signature');
  });

  it('answers malformed-signature for a webhook-timestamp joined from duplicates', () => {
    expect(failureOf(withHeader(valid, 'webhook-timestamp', `${NOW},${NOW}`))).toBe('malformed-signature');
  });

  it('accepts a secret given without its whsec_ prefix', () => {
    const bare = secretsFor(scheme).current.slice('whsec_'.length);
    expect(failureOf({ ...valid, secrets: [bare] })).toBe('verified');
  });

  it('never verifies with a secret that does not decode to a key', () => {
    expect(failureOf({ ...valid, secrets: ['whsec_***', 'whsec_abc', 'whsec_', ''] })).toBe('signature-mismatch');
  });

  it('decodes a whsec_ secret to the key bytes it serializes', () => {
    expect(decodeStandardWebhookSecret('whsec_AQID')).toEqual(Buffer.from([1, 2, 3]));
    expect(decodeStandardWebhookSecret('whsec_AQI')).toBeUndefined();
  });
});
