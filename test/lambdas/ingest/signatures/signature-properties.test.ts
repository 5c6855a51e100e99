import fc from 'fast-check';
import { verifyWebhookSignature, type SignatureScheme } from '../../../../lambdas/ingest/signatures';
import { generateStandardWebhookSecret, signedHeadersFor } from '../../../../local/signers';
import { ALL_SCHEMES, NOW, TOLERANCE_SECONDS, WEBHOOK_URL, signatureHeaderOf } from './helpers/signed-webhook';

/** Where every signed request here is posted; HubSpot signs it. */
const TARGET = { method: 'POST', url: WEBHOOK_URL };

const scheme = fc.constantFrom(...ALL_SCHEMES);
const body = fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes));
const hex = (length: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${length}}$`));
const base64Digest = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map((bytes) => Buffer.from(bytes).toString('base64'));
const nearNow = fc.integer({ min: NOW - 2 * TOLERANCE_SECONDS, max: NOW + 2 * TOLERANCE_SECONDS }).map(String);

/** A secret the scheme can use, which an attacker generating headers does not know. */
const secretFor = (of: SignatureScheme) =>
  of.kind === 'standard-webhooks'
    ? fc.uint8Array({ minLength: 1, maxLength: 64 }).map((key) => `whsec_${Buffer.from(key).toString('base64')}`)
    : fc.string({ minLength: 1, maxLength: 64 });

const stripeHeader = fc
  .tuple(nearNow, fc.array(hex(64), { maxLength: 3 }))
  .map(([t, v1]) => [`t=${t}`, ...v1.map((s) => `v1=${s}`)].join(','));
/** Header values shaped like real ones, so generated requests reach the HMAC comparison and not only the parser. */
const plausibleValue = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  base64Digest,
  base64Digest.map((digest) => `v1,${digest}`),
  fc.array(base64Digest.map((digest) => `v1,${digest}`)).map((entries) => entries.join(' ')),
  hex(64),
  hex(64).map((digest) => `sha256=${digest}`),
  stripeHeader,
  nearNow,
  fc.constantFrom('', ' ', ',', 'v1,', 't=', '=', 'msg_1', 'msg.1'),
);
const knownHeader = fc.constantFrom(
  'x-shopify-hmac-sha256',
  'stripe-signature',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
  'x-signature-sha256',
  'x-hmac-signature',
  'x-hubspot-signature-v3',
  'x-hubspot-request-timestamp',
  '__proto__',
  'constructor',
);
/** Every header of every scheme present and well formed, signed by someone without the secret. */
const wellFormedHeaders = fc.record({
  'x-shopify-hmac-sha256': base64Digest,
  'stripe-signature': stripeHeader,
  'webhook-id': fc.stringMatching(/^msg_[A-Za-z0-9]{1,32}$/),
  'webhook-timestamp': nearNow,
  'webhook-signature': fc
    .array(
      base64Digest.map((digest) => `v1,${digest}`),
      { minLength: 1 },
    )
    .map((e) => e.join(' ')),
  'x-signature-sha256': hex(64),
  'x-hmac-signature': hex(64).map((digest) => `hmac-sha256-hex=${digest}`),
  'x-hubspot-signature-v3': base64Digest,
  'x-hubspot-request-timestamp': nearNow.map((seconds) => `${seconds}000`),
});
const headers = fc.oneof(
  wellFormedHeaders,
  fc.dictionary(fc.oneof(knownHeader, fc.string()), fc.option(plausibleValue, { nil: undefined })),
);

describe('signature verification properties', () => {
  it('never throws and never verifies a request made without the secret', () => {
    fc.assert(
      fc.property(
        scheme,
        headers,
        body,
        fc.array(fc.oneof(fc.string(), fc.constant(generateStandardWebhookSecret())), { maxLength: 3 }),
        fc.oneof(fc.constant(NOW), fc.integer(), fc.double()),
        (of, requestHeaders, rawBody, secrets, now) => {
          const result = verifyWebhookSignature(of, { ...TARGET, headers: requestHeaders, rawBody }, secrets, now);
          expect(result.ok).toBe(false);
        },
      ),
    );
  });

  it('never verifies a body other than the one signed', () => {
    const signedAndOther = scheme.chain((of) => fc.tuple(fc.constant(of), secretFor(of), body, body));
    fc.assert(
      fc.property(signedAndOther, ([of, secret, signedBody, otherBody]) => {
        fc.pre(!signedBody.equals(otherBody));
        const requestHeaders = signedHeadersFor(of, signedBody, secret, NOW, 'msg_1', TARGET);
        const result = verifyWebhookSignature(
          of,
          { ...TARGET, headers: requestHeaders, rawBody: otherBody },
          [secret],
          NOW,
        );
        expect(result).toEqual({ ok: false, failure: 'signature-mismatch' });
      }),
    );
  });

  it('never verifies once any character of the signature is replaced', () => {
    const signedCase = scheme.chain((of) => fc.tuple(fc.constant(of), secretFor(of), body, fc.nat(), fc.string()));
    fc.assert(
      fc.property(signedCase, ([of, secret, rawBody, position, replacement]) => {
        const requestHeaders = signedHeadersFor(of, rawBody, secret, NOW, 'msg_1', TARGET);
        const name = signatureHeaderOf(of);
        const original = requestHeaders[name] ?? '';
        const at = position % original.length;
        fc.pre(replacement.toLowerCase() !== (original[at] ?? '').toLowerCase());
        const forged = { ...requestHeaders, [name]: original.slice(0, at) + replacement + original.slice(at + 1) };
        expect(verifyWebhookSignature(of, { ...TARGET, headers: forged, rawBody }, [secret], NOW).ok).toBe(false);
      }),
    );
  });

  it('verifies every signer output within the window, reporting what the scheme signs', () => {
    const deliveryId = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
    const signedCase = scheme.chain((of) =>
      fc.tuple(
        fc.constant(of),
        secretFor(of),
        body,
        fc.integer({ min: 0, max: 2 ** 33 }),
        fc.integer({ min: -TOLERANCE_SECONDS, max: TOLERANCE_SECONDS }),
        deliveryId,
      ),
    );
    fc.assert(
      fc.property(signedCase, ([of, secret, rawBody, signedAt, skew, id]) => {
        const requestHeaders = signedHeadersFor(of, rawBody, secret, signedAt, id, TARGET);
        const result = verifyWebhookSignature(
          of,
          { ...TARGET, headers: requestHeaders, rawBody },
          ['unrelated', secret],
          signedAt + skew,
        );
        const expected =
          of.kind === 'standard-webhooks'
            ? { ok: true, signedAt, deliveryId: id }
            : of.kind === 'stripe' || of.kind === 'hubspot-v3'
              ? { ok: true, signedAt }
              : { ok: true };
        expect(result).toEqual(expected);
      }),
    );
  });
});
