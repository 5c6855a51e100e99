import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LocalPipeline } from '../../local/pipeline';
import { businessCentralNotification } from '../../local/signers';
import { postWebhook, vendorWebhook } from '../../local/webhook-client';
import { largeShopifyOrder } from '../helpers/large-shopify-order';
import { erpWritesFor, eventually, postOrder, startE2ePipeline } from './helpers/harness';

/**
 * Every source fed as its vendor feeds it, through local mode: the vendor's signature scheme, its headers, its
 * body shape and its size. What is accepted reaches the routed fake downstreams; what is refused touches nothing.
 */
let pipeline: LocalPipeline;

beforeAll(async () => {
  pipeline = await startE2ePipeline();
}, 120_000);

afterAll(() => pipeline.close());

const FIXTURES = path.resolve(__dirname, '../fixtures');
const fixture = (file: string) => readFileSync(path.join(FIXTURES, file), 'utf8');

function send(sourceName: string, body: string, options: Parameters<typeof vendorWebhook>[4] = {}) {
  const source = pipeline.config.sources.find((candidate) => candidate.name === sourceName)!;
  const secret = pipeline.topology.signingSecrets.get(sourceName)!;
  return vendorWebhook(source, pipeline.webhookUrl(sourceName), secret, body, options);
}

/** Everything a downstream accepted so far, as text, to look for what a vendor's payload carried. */
const receivedBy = (destination: string) => JSON.stringify(pipeline.downstreams.get(destination)!.accepted());
const accepted = (source: string) => pipeline.metrics.sum('WebhookAccepted', { source });

describe('vendors as they send', () => {
  test('EasyPost: a tracker event without X-Event-Type reaches analytics', async () => {
    const answer = await postWebhook(send('logistics', fixture('logistics/easypost-tracker_updated-event.json')));

    expect(answer.status).toBe(202);
    // The tracker names no order, so the CRM (which files shipments under orders) has nothing to receive.
    await eventually('the shipment at analytics', () => receivedBy('analytics').includes('logistics:easypost:trk_1'));
  });

  test('ShipBob: a Standard Webhooks delivery with its topic header reaches the CRM', async () => {
    const webhook = send('logistics', fixture('logistics/shipbob-order_shipment_tracking_received.json'), {
      scheme: 'standard-webhooks',
      eventType: 'order.shipment.tracking_received',
    });

    expect((await postWebhook(webhook)).status).toBe(202);
    await eventually('the ShipBob shipment at the CRM', () => receivedBy('crm').includes('9261290306529427911297'));
  });

  test('HubSpot v3: a signed batch is completed from the CRM API and reaches the ERP as a customer', async () => {
    const webhook = send('crm', fixture('crm/hubspot-webhook-contact_creation.json'));
    expect(webhook.headers['x-hubspot-signature-v3']).toBeDefined();

    expect((await postWebhook(webhook)).status).toBe(202);
    // Contact 123 of the webhook is contact 512 as the CRM API returns it (the published samples differ).
    await eventually('the contact at the ERP', () => receivedBy('erp').includes('crm:512'));
  });

  test('Stripe: refund.failed is accepted and mapped', async () => {
    const refund = JSON.parse(fixture('payments/refund-created.json')) as { data: { object: { id: string } } };
    const body = JSON.stringify({ ...refund, id: 'evt_refund_failed_1', type: 'refund.failed' });

    expect((await postWebhook(send('payments', body))).status).toBe(202);
    await eventually('the refund at the ERP', () => receivedBy('erp').includes(refund.data.object.id));
  });

  test('a genuine webhook of a type nobody maps is answered 200, counted by source and type, and dropped', async () => {
    const before = accepted('payments');

    const answer = await postWebhook(send('payments', fixture('payments/plan-created.json')));

    expect(answer.status).toBe(200);
    await eventually(
      'the Unrouted count',
      () => pipeline.metrics.sum('Unrouted', { source: 'payments', eventType: 'plan.created' }) === 1,
    );
    expect(accepted('payments')).toBe(before);
  });

  test('refused webhooks (one byte changed, other secret, stale, unsigned) enqueue nothing', async () => {
    const body = fixture('logistics/shipbob-order_shipment_tracking_received.json');
    const options = { scheme: 'standard-webhooks', eventType: 'order.shipment.tracking_received' } as const;
    const genuine = send('logistics', body, options);
    const changed = { ...genuine, body: Buffer.from(body.replace('LabelCreated', 'LabelCreatee')) };
    const source = pipeline.config.sources.find((candidate) => candidate.name === 'logistics')!;
    const otherSecret = vendorWebhook(
      source,
      genuine.url,
      `whsec_${Buffer.alloc(32, 9).toString('base64')}`,
      body,
      options,
    );
    const stale = send('logistics', body, { ...options, nowSeconds: Math.floor(Date.now() / 1000) - 600 });
    const unsigned = { ...genuine, headers: { 'content-type': 'application/json' } };
    const before = accepted('logistics');

    const statuses = [];
    for (const webhook of [changed, otherSecret, stale, unsigned]) statuses.push((await postWebhook(webhook)).status);

    expect(statuses).toEqual([401, 401, 401, 401]);
    expect(accepted('logistics')).toBe(before);
  });
});

describe('Business Central', () => {
  test('the subscription handshake gets the validation token back as plain text with 200', async () => {
    const response = await fetch(`${pipeline.webhookUrl('erp')}?validationToken=c0ffee-42`, { method: 'POST' });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe('c0ffee-42');
  });

  test('a batch about two items yields one canonical stock level each; a wrong clientState is refused', async () => {
    const api = pipeline.sourceApis.get('erp')!;
    const template = JSON.parse(fixture('erp/item-updated.json')) as { data: Record<string, unknown> };
    const items = [
      { id: '6f1c2b3a-1111-4a5b-8c7d-000000000001', number: 'BC-BATCH-1', inventory: 11 },
      { id: '6f1c2b3a-2222-4a5b-8c7d-000000000002', number: 'BC-BATCH-2', inventory: 22 },
    ];
    for (const item of items) api.setRecord(`/items(${item.id})`, JSON.stringify({ ...template.data, ...item }));
    const changes = items.map((item, index) => ({
      resource: `api/v2.0/companies(b4f4c5d6-0000-4000-8000-000000000001)/items(${item.id})`,
      changeType: 'updated' as const,
      lastModifiedDateTime: `2026-11-24T10:00:0${index}Z`,
    }));
    const clientState = pipeline.topology.signingSecrets.get('erp')!;
    const post = (state: string) =>
      postWebhook(send('erp', businessCentralNotification(changes, state), { scheme: 'business-central' }));
    const before = accepted('erp');

    expect((await post('not-the-client-state')).status).toBe(401);
    expect(accepted('erp')).toBe(before);
    expect((await post(clientState)).status).toBe(202);

    await eventually('both stock levels at the storefront', () =>
      items.every((item) => receivedBy('storefront').includes(item.number)),
    );
    const storefront = pipeline.downstreams.get('storefront')!.accepted();
    for (const item of items) {
      expect(storefront.filter((request) => request.body.includes(item.number))).toHaveLength(1);
    }
  });
});

describe('large webhooks', () => {
  test.each([
    ['300 KB', 300_000, 1n],
    ['3 MB', 3_000_000, 2n],
  ])(
    'a %s Shopify order is accepted with 202 and reaches the ERP whole',
    async (_size, bytes, n) => {
      const orderId = String(820982911946154508n + 1000n + n);
      const { body, lineItems } = largeShopifyOrder(bytes, BigInt(orderId));

      const answer = await postOrder(pipeline, body);

      expect(answer.status).toBe(202);
      await eventually('the order at the ERP', () => erpWritesFor(pipeline, orderId).length === 1, 60_000);
      const [write] = erpWritesFor(pipeline, orderId);
      const skus = write!.body.match(/WHS-\d{6}/g) ?? [];
      expect(new Set(skus).size).toBe(lineItems);
      if (bytes > 1_000_000) {
        const stored = await pipeline.s3.send(
          new ListObjectsV2Command({
            Bucket: pipeline.topology.resolved.payloadBucket,
            Prefix: 'claim-check/storefront/',
          }),
        );
        expect(stored.KeyCount).toBeGreaterThan(0);
      }
    },
    90_000,
  );

  test('a body above the configured maximum is 413 and enqueues nothing', async () => {
    const max = pipeline.config.sources.find((source) => source.name === 'storefront')!.maxBodyBytes;
    const { body } = largeShopifyOrder(max + 1, 820982911946155999n);
    const before = accepted('storefront');

    expect((await postOrder(pipeline, body)).status).toBe(413);
    expect(accepted('storefront')).toBe(before);
  }, 60_000);
});
