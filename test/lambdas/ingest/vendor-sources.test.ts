import EasyPostClient from '@easypost/api';
import { Signature } from '@hubspot/api-client/lib/src/utils/signature';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { placeholderTopology } from '../../../bench/cold-start/function-environment';
import { ingestSettingsFor } from '../../../config/function-settings';
import { loadStageConfig } from '../../../config/load';
import type { SourceConfig } from '../../../config/schema';
import { acceptWebhook, type IngestDecision, type WebhookRequest } from '../../../lambdas/ingest/accept-webhook';
import { businessCentralNotification, generateStandardWebhookSecret } from '../../../local/signers';
import { vendorWebhook } from '../../../local/webhook-client';

/**
 * The dev configuration's sources, each fed what its real vendor sends: the vendor's own SDK checks that the
 * signature is one it would accept, then the ingest decides.
 */
const config = loadStageConfig('dev');
const topology = placeholderTopology(config);
const NOW_MS = Date.now();
const SECRET = generateStandardWebhookSecret();
const FIXTURES = path.resolve(__dirname, '../../fixtures');
const fixture = (file: string) => readFileSync(path.join(FIXTURES, file));

function source(name: string): SourceConfig {
  return config.sources.find((candidate) => candidate.name === name)!;
}

function request(url: string, headers: Record<string, string>, body: Buffer, query = {}): WebhookRequest {
  return { method: 'POST', url, query, headers, body: body.toString('utf8'), isBase64Encoded: false };
}

function decide(name: string, webhook: WebhookRequest, nowMs = NOW_MS): IngestDecision {
  return acceptWebhook(ingestSettingsFor(source(name), topology), webhook, [SECRET, ''], {
    nowMs,
    correlationId: 'corr-1',
  });
}

/** Signed at the suite's clock, so a window measured from NOW_MS is exact however long the suite took to start. */
function signed(name: string, body: Buffer, options: Parameters<typeof vendorWebhook>[4] = {}) {
  const url = `https://hooks.example.com/webhooks/${name}`;
  const webhook = vendorWebhook(source(name), url, SECRET, body, { nowSeconds: Math.floor(NOW_MS / 1000), ...options });
  return { url, headers: webhook.headers, body };
}

const EASYPOST_EVENT = fixture('logistics/easypost-tracker_updated-event.json');

describe('EasyPost on logistics', () => {
  test('a tracker event without X-Event-Type, signed as EasyPost signs it, is accepted with its type from the body', () => {
    const { url, headers, body } = signed('logistics', EASYPOST_EVENT);
    // EasyPost's own client library validates what the local signer produced.
    const easypost = new EasyPostClient('EZTK_local');
    expect(() => easypost.Utils.validateWebhook(body, headers, SECRET)).not.toThrow();
    expect(headers).not.toHaveProperty('x-event-type');

    const decision = decide('logistics', request(url, headers, body));

    expect(decision).toMatchObject({ status: 202, message: { attributes: { eventType: 'tracker.updated' } } });
  });

  test('the secret is NFKD-normalised as EasyPost does', () => {
    const composed = 'sécret-\u00e9';
    const { headers, body, url } = signed('logistics', EASYPOST_EVENT);
    const easypostHeaders = vendorWebhook(source('logistics'), url, composed, body).headers;
    expect(() => new EasyPostClient('EZTK_local').Utils.validateWebhook(body, easypostHeaders, composed)).not.toThrow();
    const settings = ingestSettingsFor(source('logistics'), topology);
    const context = { nowMs: NOW_MS, correlationId: 'c' };
    // The decomposed form of the same secret verifies too: both normalise to the same key.
    expect(
      acceptWebhook(settings, request(url, easypostHeaders, body), [composed.normalize('NFD')], context),
    ).toMatchObject({
      status: 202,
    });
    expect(headers['x-hmac-signature']).toMatch(/^hmac-sha256-hex=[0-9a-f]{64}$/);
  });

  test('a whole-number weight is signed as EasyPost serialises it (12.0), as its library checks', () => {
    const body = Buffer.from(EASYPOST_EVENT.toString('utf8').replace('"weight":614.4', '"weight":614'));
    const sdkSignature = `hmac-sha256-hex=${createHmac('sha256', SECRET)
      .update(body.toString('utf8').replace('"weight":614', '"weight":614.0'))
      .digest('hex')}`;
    const headers = { 'content-type': 'application/json', 'x-hmac-signature': sdkSignature };
    expect(() => new EasyPostClient('EZTK_local').Utils.validateWebhook(body, headers, SECRET)).not.toThrow();

    expect(decide('logistics', request('https://h/webhooks/logistics', headers, body)).status).toBe(202);
  });
});

describe('ShipBob on logistics', () => {
  test('a Standard Webhooks delivery with its topic in x-webhook-topic is accepted', () => {
    const body = fixture('logistics/shipbob-order_shipment_tracking_received.json');
    const { url, headers } = signed('logistics', body, {
      scheme: 'standard-webhooks',
      eventType: 'order.shipment.tracking_received',
      deliveryId: 'msg_shipbob_1',
    });
    expect(headers['x-webhook-topic']).toBe('order.shipment.tracking_received');

    expect(decide('logistics', request(url, headers, body))).toMatchObject({
      status: 202,
      message: { attributes: { eventType: 'order.shipment.tracking_received', deliveryId: 'msg_shipbob_1' } },
    });
  });
});

describe('HubSpot v3 on crm', () => {
  const body = fixture('crm/hubspot-webhook-contact_creation.json');

  test('a batch signed as HubSpot signs it is accepted, as HubSpot`s client library agrees', () => {
    const { url, headers } = signed('crm', body);
    expect(
      Signature.isValid({
        signatureVersion: 'v3',
        signature: headers['x-hubspot-signature-v3']!,
        method: 'POST',
        clientSecret: SECRET,
        requestBody: body.toString('utf8'),
        url,
        timestamp: Number(headers['x-hubspot-request-timestamp']),
      }),
    ).toBe(true);

    expect(decide('crm', request(url, headers, body))).toMatchObject({ status: 202 });
  });

  test('the URL is part of what is signed: the same request at another URL is refused', () => {
    const { headers } = signed('crm', body);
    expect(decide('crm', request('https://evil.example.com/webhooks/crm', headers, body))).toMatchObject({
      status: 401,
    });
  });

  test('a signature older than five minutes is refused, as HubSpot asks', () => {
    const { url, headers } = signed('crm', body);
    expect(decide('crm', request(url, headers, body), NOW_MS + 301_000)).toMatchObject({
      status: 401,
      reason: 'stale-timestamp',
    });
  });
});

describe('Stripe on payments', () => {
  test('refund.failed is accepted: ingest takes every type the payments mappers handle', () => {
    const refund = JSON.parse(fixture('payments/refund-created.json').toString('utf8')) as Record<string, unknown>;
    const body = Buffer.from(JSON.stringify({ ...refund, type: 'refund.failed' }));
    const { url, headers } = signed('payments', body);

    expect(decide('payments', request(url, headers, body))).toMatchObject({
      status: 202,
      message: { attributes: { eventType: 'refund.failed' } },
    });
  });

  test('a signed type no mapper handles is answered 200, not enqueued, so Stripe neither retries nor disables', () => {
    const body = fixture('payments/plan-created.json');
    const { url, headers } = signed('payments', body);

    expect(decide('payments', request(url, headers, body))).toEqual({
      accepted: false,
      status: 200,
      correlationId: 'corr-1',
      unrouted: { eventType: 'plan.created' },
    });
  });

  test('an unsigned request of an unrouted type is still 401: only a genuine webhook is dropped quietly', () => {
    const body = fixture('payments/plan-created.json');
    const { url, headers } = signed('payments', body);
    // One hex digit of the signature changed, whatever it was (a fixed digit would sometimes be the one already there).
    const forged = {
      ...headers,
      'stripe-signature': headers['stripe-signature']!.replace(/v1=(.)/, (_match, digit: string) =>
        digit === '0' ? 'v1=1' : 'v1=0',
      ),
    };

    expect(decide('payments', request(url, forged, body)).status).toBe(401);
  });
});

describe('Business Central on erp', () => {
  const url = 'https://hooks.example.com/webhooks/erp';
  const item = (guid: string) =>
    `https://api.businesscentral.dynamics.com/v2.0/tenant/production/api/v2.0/companies(c0ffee00-0000-4000-8000-000000000001)/items(${guid})`;
  const changes = [
    {
      resource: item('26814998-936a-401c-81c1-0e848a64971d'),
      changeType: 'updated',
      lastModifiedDateTime: '2026-11-24T10:00:00Z',
    },
    {
      resource: item('0ec62d20-0e3e-4d0f-b7c9-1b2d0c0a7f11'),
      changeType: 'created',
      lastModifiedDateTime: '2026-11-24T10:00:01Z',
    },
  ] as const;
  const headers = { 'content-type': 'application/json; charset=utf-8' };

  test('the subscription handshake is answered with the token, before any secret is needed', () => {
    const decision = decide('erp', request(url, {}, Buffer.alloc(0), { validationToken: 'a1b2c3-token' }));

    expect(decision).toEqual({ accepted: false, status: 200, correlationId: 'corr-1', handshake: 'a1b2c3-token' });
  });

  test('a batch whose every clientState is the secret is accepted, with or without a byte order mark', () => {
    const body = Buffer.from(businessCentralNotification(changes, SECRET));
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]);

    expect(decide('erp', request(url, headers, body))).toMatchObject({ status: 202 });
    const accepted = decide('erp', request(url, headers, withBom));
    expect(accepted).toMatchObject({ status: 202, message: { body: body.toString('utf8') } });
  });

  test.each([
    ['a wrong clientState', businessCentralNotification(changes, 'someone-else')],
    [
      'one entry with a wrong clientState',
      JSON.stringify({
        value: [
          JSON.parse(businessCentralNotification([changes[0]], SECRET)).value[0],
          JSON.parse(businessCentralNotification([changes[1]], 'guess')).value[0],
        ],
      }),
    ],
    ['no clientState', JSON.stringify({ value: [{ resource: changes[0].resource, changeType: 'updated' }] })],
    ['not a batch', JSON.stringify({ resource: changes[0].resource })],
  ])('%s is refused with 401', (_name, text) => {
    expect(decide('erp', request(url, headers, Buffer.from(text)))).toMatchObject({ status: 401 });
  });
});
