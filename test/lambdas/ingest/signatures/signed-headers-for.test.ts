import { signedHeadersFor } from '../../../../local/signers';
import { NOW, SCHEMES, secretsFor } from './helpers/signed-webhook';

const body = '{"id":1}';

describe('signedHeadersFor', () => {
  it('sends Shopify its signature, webhook id, event id and trigger time to the nanosecond', () => {
    const headers = signedHeadersFor(
      SCHEMES.shopify,
      body,
      'secret',
      NOW,
      'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
      'ev-1',
    );
    expect(headers).toEqual({
      'content-type': 'application/json',
      'x-shopify-hmac-sha256': expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
      'x-shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
      'x-shopify-event-id': 'ev-1',
      'x-shopify-triggered-at': expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/),
    });
    expect(headers['x-shopify-triggered-at']!.slice(0, 19)).toBe(new Date(NOW * 1000).toISOString().slice(0, 19));
  });

  it('sends Stripe one signature header carrying the timestamp', () => {
    const headers = signedHeadersFor(SCHEMES.stripe, body, 'whsec_x', NOW);
    expect(headers).toEqual({
      'content-type': 'application/json; charset=utf-8',
      'stripe-signature': expect.stringMatching(new RegExp(`^t=${NOW},v1=[0-9a-f]{64}$`)),
    });
  });

  it('sends the three Standard Webhooks headers, inventing a message id when none is given', () => {
    const headers = signedHeadersFor(
      SCHEMES['standard-webhooks'],
      body,
      secretsFor(SCHEMES['standard-webhooks']).current,
      NOW,
    );
    expect(headers).toEqual({
      'content-type': 'application/json',
      'webhook-id': expect.stringMatching(/^msg_[0-9a-f]{32}$/),
      'webhook-timestamp': String(NOW),
      'webhook-signature': expect.stringMatching(/^v1,[A-Za-z0-9+/]{43}=$/),
    });
  });

  it('puts a hex-HMAC signature in the configured header, lower-cased, with the sha256= prefix', () => {
    const headers = signedHeadersFor({ kind: 'hex-hmac', header: 'X-Hub-Signature-256' }, body, 'secret', NOW, 'd-1');
    expect(headers).toEqual({
      'content-type': 'application/json',
      'x-hub-signature-256': expect.stringMatching(/^sha256=[0-9a-f]{64}$/),
      'x-delivery-id': 'd-1',
    });
  });
});
