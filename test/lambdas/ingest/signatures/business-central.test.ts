import fc from 'fast-check';
import { verifyWebhookSignature } from '../../../../lambdas/ingest/signatures';
import { businessCentralNotification } from '../../../../local/signers';
import { NOW } from './helpers/signed-webhook';

/**
 * Business Central signs nothing: each notification of a `{"value": [...]}` batch carries the subscription's
 * clientState, which the subscriber chose and keeps secret ("Working with webhooks in Dynamics 365 Business
 * Central", learn.microsoft.com). The batch below is that page's sample with its clientState set per test.
 */
const scheme = { kind: 'business-central' } as const;
const CURRENT = 'client-state-current-7f1c';
const PREVIOUS = 'client-state-previous-2a9e';
const CHANGES = [
  {
    resource: 'api/v2.0/companies(b4f4c5d6-0000-4000-8000-000000000001)/items(26814998-936a-401c-81c1-0e848a64971d)',
    changeType: 'updated',
    lastModifiedDateTime: '2026-11-24T10:00:00Z',
  },
  {
    resource:
      'api/v2.0/companies(b4f4c5d6-0000-4000-8000-000000000001)/customers(0ec62d20-0e3e-4d0f-b7c9-1b2d0c0a7f11)',
    changeType: 'created',
    lastModifiedDateTime: '2026-11-24T10:00:01Z',
  },
] as const;

function verify(body: string | Buffer, secrets: readonly string[] = [CURRENT, PREVIOUS]) {
  const rawBody = typeof body === 'string' ? Buffer.from(body) : body;
  return verifyWebhookSignature(scheme, { headers: {}, rawBody }, secrets, NOW);
}

describe('Business Central clientState', () => {
  test('accepts a batch carrying the current or, during a rotation, the previous clientState', () => {
    expect(verify(businessCentralNotification(CHANGES, CURRENT))).toEqual({ ok: true });
    expect(verify(businessCentralNotification(CHANGES, PREVIOUS))).toEqual({ ok: true });
    expect(verify(businessCentralNotification(CHANGES, PREVIOUS), [CURRENT])).toEqual({
      ok: false,
      failure: 'signature-mismatch',
    });
  });

  test('tolerates the UTF-8 byte order mark Business Central may put first', () => {
    const body = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(businessCentralNotification(CHANGES, CURRENT)),
    ]);
    expect(verify(body)).toEqual({ ok: true });
  });

  test('refuses another secret, a missing clientState, an empty batch and a body that is not a batch', () => {
    expect(verify(businessCentralNotification(CHANGES, 'other'))).toMatchObject({ failure: 'signature-mismatch' });
    expect(verify(JSON.stringify({ value: [{ ...CHANGES[0] }] }))).toMatchObject({ failure: 'missing-signature' });
    expect(verify('{"value":[]}')).toMatchObject({ failure: 'malformed-signature' });
    expect(verify('[1,2]')).toMatchObject({ failure: 'malformed-signature' });
    expect(verify(Buffer.from([0xff, 0xfe]))).toMatchObject({ failure: 'malformed-signature' });
  });

  test('an empty secret never vouches for an empty clientState', () => {
    expect(verify(JSON.stringify({ value: [{ ...CHANGES[0], clientState: '' }] }), [''])).toMatchObject({ ok: false });
  });

  test('property: only a batch whose every entry carries a held secret verifies, and nothing throws', () => {
    const state = fc.oneof(fc.constantFrom(CURRENT, PREVIOUS), fc.string({ maxLength: 40 }));
    fc.assert(
      fc.property(fc.array(state, { minLength: 1, maxLength: 5 }), (states) => {
        const body = JSON.stringify({
          value: states.map((clientState, index) => ({ ...CHANGES[index % 2], clientState })),
        });
        const allHeld = states.every((clientState) => clientState === CURRENT || clientState === PREVIOUS);
        expect(verify(body).ok).toBe(allHeld);
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        expect(verify(Buffer.from(bytes)).ok).toBe(false);
      }),
    );
  });
});
