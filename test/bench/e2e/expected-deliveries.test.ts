import { loadStageConfig } from '../../../config/load';
import { expectedDeliveries, UndeliverableWebhookError } from '../../../bench/e2e/expected-deliveries';
import { webhookFor, WORKLOAD_TEMPLATES, type WorkloadTemplate } from '../../../bench/e2e/workload';

const config = loadStageConfig('dev');
const template = (matches: (candidate: WorkloadTemplate) => boolean) => WORKLOAD_TEMPLATES.find(matches)!;

describe('expectedDeliveries', () => {
  it('counts one request per event and routed destination, leaving out what a destination has no use for', async () => {
    const order = webhookFor(
      template((candidate) => candidate.eventType === 'orders/create'),
      1,
    );
    const refund = webhookFor(
      template((candidate) => candidate.eventType === 'refunds/create'),
      1,
    );
    const item = webhookFor(
      template((candidate) => candidate.fixture === 'erp/item-updated.json'),
      1,
    );
    // The 3PL takes every open order it can ship: it looks the order up, then creates it.
    expect(await expectedDeliveries(config, order)).toEqual(
      new Map([
        ['erp', 1],
        ['crm', 1],
        ['analytics', 1],
        ['fulfillment', 1],
      ]),
    );
    expect(await expectedDeliveries(config, refund)).toEqual(
      new Map([
        ['erp', 2],
        ['analytics', 2],
      ]),
    );
    expect(await expectedDeliveries(config, item)).toEqual(
      new Map([
        ['storefront', 1],
        ['analytics', 1],
      ]),
    );
  });

  it('completes a notification-only webhook from the records its source API serves', async () => {
    const webhook = webhookFor(
      template((candidate) => candidate.source === 'crm'),
      7,
    );
    expect(Object.keys(webhook.sourceRecords)).toEqual(['/crm/v3/objects/contacts/1000007']);
    expect(await expectedDeliveries(config, webhook)).toEqual(
      new Map([
        ['erp', 1],
        ['analytics', 1],
      ]),
    );
    await expect(expectedDeliveries(config, { ...webhook, sourceRecords: {} })).rejects.toThrow(/partial/);
  });

  it('refuses a webhook the pipeline would not deliver, naming why', async () => {
    const webhook = {
      source: 'payments',
      eventType: '',
      body: '{"type":"payment_intent.succeeded"}',
      sourceRecords: {},
    };
    await expect(expectedDeliveries(config, webhook)).rejects.toThrow(UndeliverableWebhookError);
    await expect(expectedDeliveries(config, webhook)).rejects.toThrow(/^payments \(type in body\): drift: /);
    await expect(expectedDeliveries(config, { ...webhook, source: 'nowhere' })).rejects.toThrow(/no source "nowhere"/);
  });
});
