import fc from 'fast-check';
import { acceptWebhook } from '../../../lambdas/ingest/accept-webhook';
import { NOW_MS, ORDER_BODY, SECRET, signedRequest, storefrontSettings } from './helpers/factories';

const context = { nowMs: NOW_MS, correlationId: 'corr-0001-abcd' };
const settings = storefrontSettings();

describe('acceptWebhook', () => {
  test('a signed order is accepted with the vendor bytes, topic, delivery id and correlation id', () => {
    const decision = acceptWebhook(settings, signedRequest(settings), [SECRET], context);

    expect(decision).toEqual({
      accepted: true,
      status: 202,
      correlationId: 'corr-0001-abcd',
      message: {
        body: ORDER_BODY,
        attributes: {
          correlationId: 'corr-0001-abcd',
          source: 'storefront',
          eventType: 'orders/create',
          deliveryId: 'delivery-1',
          receivedAt: '2026-11-24T12:00:00.000Z',
        },
      },
    });
  });

  test('the vendor event id and precise trigger time travel with the message when the source names their headers', () => {
    const named = { ...settings, eventIdHeader: 'x-shopify-event-id', eventTimeHeader: 'x-shopify-triggered-at' };
    const request = signedRequest(named, ORDER_BODY, {
      extraHeaders: { 'x-shopify-event-id': '98880550-7158-44d4-b7cd-2c97c8a091b5' },
    });

    const decision = acceptWebhook(named, request, [SECRET], context);

    expect(decision.accepted && decision.message.attributes).toMatchObject({
      vendorEventId: '98880550-7158-44d4-b7cd-2c97c8a091b5',
      triggeredAt: request.headers['x-shopify-triggered-at'],
    });
    const unnamed = acceptWebhook(settings, request, [SECRET], context);
    expect(unnamed.accepted && Object.keys(unnamed.message.attributes)).not.toContain('vendorEventId');
  });

  test('a body API Gateway did not base64-encode is verified on the same bytes', () => {
    const request = signedRequest(settings);
    const plain = { ...request, body: ORDER_BODY, isBase64Encoded: false };

    expect(acceptWebhook(settings, plain, [SECRET], context).status).toBe(202);
  });

  test('a big id keeps every digit, because the vendor text is forwarded untouched', () => {
    const body = '{"id":820982911946154508,"name":"#1"}';
    const decision = acceptWebhook(settings, signedRequest(settings, body), [SECRET], context);

    expect(decision.accepted && decision.message.body).toBe(body);
  });

  test('the previous secret still verifies during rotation', () => {
    expect(acceptWebhook(settings, signedRequest(settings), ['new-secret', SECRET], context).status).toBe(202);
  });

  test.each([
    [
      'a tampered body',
      (r: ReturnType<typeof signedRequest>) => ({
        ...r,
        body: Buffer.from(ORDER_BODY.replace('403', '404')).toString('base64'),
      }),
      401,
      'bad-signature',
    ],
    [
      'a missing signature',
      (r: ReturnType<typeof signedRequest>) => ({
        ...r,
        headers: { ...r.headers, 'x-shopify-hmac-sha256': undefined },
      }),
      401,
      'bad-signature',
    ],
    ['a GET', (r: ReturnType<typeof signedRequest>) => ({ ...r, method: 'GET' }), 405, 'method-not-allowed'],
    [
      'a text/plain body',
      (r: ReturnType<typeof signedRequest>) => ({ ...r, headers: { ...r.headers, 'content-type': 'text/plain' } }),
      400,
      'bad-content-type',
    ],
    [
      'an unaccepted topic',
      (r: ReturnType<typeof signedRequest>) => ({ ...r, headers: { ...r.headers, 'x-shopify-topic': 'carts/update' } }),
      400,
      'unsupported-event-type',
    ],
  ])('%s is refused', (_name, breakIt, status, reason) => {
    const decision = acceptWebhook(settings, breakIt(signedRequest(settings)), [SECRET], context);

    expect(decision).toMatchObject({ accepted: false, status, reason, correlationId: 'corr-0001-abcd' });
  });

  test('a wrong secret gets 401 with a message that does not say what failed', () => {
    const decision = acceptWebhook(settings, signedRequest(settings), ['another-secret'], context);

    expect(decision).toMatchObject({ status: 401, error: 'invalid signature' });
  });

  test('no configured secret verifies nothing', () => {
    expect(acceptWebhook(settings, signedRequest(settings), [], context).status).toBe(401);
  });

  test.each([
    ['a JSON scalar', '42'],
    ['truncated JSON', '{"id": 1'],
    ['an empty body', ''],
  ])('%s that is correctly signed is 400', (_name, body) => {
    const decision = acceptWebhook(settings, signedRequest(settings, body), [SECRET], context);

    expect(decision).toMatchObject({ status: 400, reason: 'malformed-body' });
  });

  test('non-UTF-8 bytes that are correctly signed are 400', () => {
    const body = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);

    expect(acceptWebhook(settings, signedRequest(settings, body), [SECRET], context)).toMatchObject({
      status: 400,
      reason: 'malformed-body',
    });
  });

  test('a body over the source limit is 413 before any signature work', () => {
    const body = JSON.stringify({ pad: 'x'.repeat(5000) });

    expect(acceptWebhook(settings, signedRequest(settings, body), [SECRET], context).status).toBe(413);
  });

  test('a Stripe-style source reads its event type from the body and refuses a stale timestamp', () => {
    const stripe = storefrontSettings({
      source: 'payments',
      scheme: { kind: 'stripe', toleranceSeconds: 300 },
      eventTypeHeader: undefined,
      eventTypeField: 'type',
      eventTypes: ['payment_intent.succeeded'],
    });
    const body = JSON.stringify({ id: 'evt_1', type: 'payment_intent.succeeded', data: { object: {} } });
    const request = signedRequest(stripe, body);

    const accepted = acceptWebhook(stripe, request, [SECRET], context);
    const stale = acceptWebhook(stripe, request, [SECRET], { ...context, nowMs: NOW_MS + 301_000 });

    expect(accepted.accepted && accepted.message.attributes.eventType).toBe('payment_intent.succeeded');
    expect(stale).toMatchObject({ status: 401, reason: 'stale-timestamp', error: 'invalid signature' });
  });

  test('property: no input throws, and nothing unsigned is ever accepted', () => {
    const header = fc.option(fc.string({ maxLength: 80 }), { nil: undefined });
    fc.assert(
      fc.property(
        fc.record({
          method: fc.constantFrom('POST', 'GET', 'post', 'PUT', ''),
          body: fc.option(fc.string({ maxLength: 300 }), { nil: undefined }),
          isBase64Encoded: fc.boolean(),
          headers: fc.record({
            'content-type': header,
            'x-shopify-hmac-sha256': header,
            'x-shopify-topic': fc.option(fc.constantFrom('orders/create', 'x'), { nil: undefined }),
          }),
        }),
        (request) => {
          const decision = acceptWebhook(settings, request, [SECRET], context);
          expect(decision.accepted).toBe(false);
          expect([400, 401, 405, 413]).toContain(decision.status);
        },
      ),
      { numRuns: 500 },
    );
  });
});
