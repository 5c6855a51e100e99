import {
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import type { InterchangeConfig } from '../../config/schema';
import type { LocalPipeline } from '../../local/pipeline';
import { mapVendorRecord } from '../../lambdas/transform/mappers';
import { changeSequence } from '../../lambdas/transform/mappers/vendor-time';
import { toMessageAttributes } from '../../lambdas/shared/message-attributes';
import { postWebhook, vendorWebhook } from '../../local/webhook-client';
import {
  e2eConfig,
  erpItemUpdate,
  eventually,
  postErpWebhook,
  queueCounts,
  startE2ePipeline,
  storefrontOrder,
} from './helpers/harness';

/**
 * The delivery guarantees under ordinary production conditions, with time scaled down: one-second retry delays,
 * retry horizons of 40 s (ERP and shop) and 12 s (CRM), a 2-second request timeout with a 6-second write fence,
 * and a shop that takes one request every two seconds. At this scale the old receive-count budget (3 receives, 1 s doubling) gave up after
 * about 7 s, whatever the cause of the wait.
 */
const HORIZON = { erp: 40, crm: 12, storefront: 40 } as const;
/** The shop's send rate, requests per second. */
const SHOP_RATE = 0.5;

function guaranteesConfig(): InterchangeConfig {
  const config = e2eConfig(8);
  return {
    ...config,
    destinations: config.destinations.map((destination) => ({
      ...destination,
      requestTimeoutMs: 2_000,
      writeFenceSeconds: 6,
      retryHorizonSeconds: HORIZON[destination.name as keyof typeof HORIZON] ?? 60,
      ...(destination.name === 'storefront' ? { requestsPerSecond: SHOP_RATE, maxConcurrency: 2 } : {}),
    })),
  };
}

let pipeline: LocalPipeline;

beforeAll(async () => {
  pipeline = await startE2ePipeline(guaranteesConfig());
});
afterAll(() => pipeline.close());
beforeEach(() => {
  for (const downstream of pipeline.downstreams.values()) downstream.reset();
});

/** A Shopify order webhook for order `n` in the given payment state, its change named and timed as Shopify does. */
async function postOrderChange(n: number, change: { status: string; eventId: string; triggeredAt: string }) {
  const { orderId, body } = storefrontOrder(n);
  const source = pipeline.config.sources.find((candidate) => candidate.name === 'storefront')!;
  const webhook = vendorWebhook(
    source,
    pipeline.webhookUrl('storefront'),
    pipeline.topology.signingSecrets.get('storefront')!,
    body.replace('"financial_status": "voided"', `"financial_status": "${change.status}"`),
    { eventType: 'orders/updated', deliveryId: change.eventId, eventId: change.eventId },
  );
  webhook.headers['x-shopify-triggered-at'] = change.triggeredAt;
  const answer = await postWebhook(webhook);
  expect(answer.status).toBe(202);
  return orderId;
}

/** The body a downstream holds last for a subject, as set by its last accepted write. */
function held(destination: string, subject: string): Record<string, unknown> | undefined {
  return pipeline.downstreams.get(destination)!.state().get(subject) as Record<string, unknown> | undefined;
}

const erpWrites = (orderId: string) =>
  pipeline.downstreams
    .get('erp')!
    .accepted()
    .filter((request) => request.path.endsWith(encodeURIComponent(`storefront:${orderId}`)));

async function drained(...destinations: string[]) {
  await eventually(
    `${destinations.join(', ')} drained`,
    async () => {
      const counts = await Promise.all(destinations.map((name) => queueCounts(pipeline, name)));
      return counts.every((count) => count.queued === 0);
    },
    60_000,
  );
}

describe('delivery guarantees under real vendor behaviour, end to end', () => {
  test.each([
    ['in the order they happened', ['pending', 'paid']],
    ['in the reverse order', ['paid', 'pending']],
  ])(
    'two order changes within one second, arriving %s, leave every system at the later one',
    async (_name, arrival) => {
      const n = arrival[0] === 'pending' ? 100 : 101;
      const changes = {
        pending: { status: 'pending', eventId: `evt-${n}-1`, triggeredAt: '2026-11-30T10:00:00.100000001Z' },
        paid: { status: 'paid', eventId: `evt-${n}-2`, triggeredAt: '2026-11-30T10:00:00.900000002Z' },
      } as const;

      let orderId = '';
      for (const status of arrival) orderId = await postOrderChange(n, changes[status as keyof typeof changes]);

      const subject = `storefront:${orderId}`;
      await eventually(
        'the ERP and the CRM at paid',
        () =>
          held('erp', subject)?.paymentStatus === 'paid' &&
          (held('crm', subject) as { inputs?: { properties: Record<string, string> }[] } | undefined)?.inputs?.[0]
            ?.properties.interchange_payment_status === 'paid',
      );
      await drained('erp', 'crm', 'analytics');
      expect(held('erp', subject)?.paymentStatus).toBe('paid');
      const statuses = erpWrites(orderId).map((write) => (write.json as { paymentStatus: string }).paymentStatus);
      // Each change not superseded is written once; one that arrives after the later change is dropped unsent.
      expect(statuses).toEqual(arrival[0] === 'pending' ? expect.arrayContaining(['paid']) : ['paid']);
      expect(new Set(statuses).size).toBe(statuses.length);
      expect(statuses.at(-1)).toBe('paid');
      const tracked = pipeline.downstreams
        .get('analytics')!
        .accepted()
        .flatMap((request) => {
          const batch = (request.json as { batch: { properties: { id: string } }[] }).batch;
          return batch.filter((entry) => entry.properties.id === subject);
        });
      expect(tracked).toHaveLength(2);
    },
    60_000,
  );

  test('two stock levels of one item within one second leave the shop at the later one', async () => {
    const sku = 'SKU-SAME-SECOND';
    await postErpWebhook(pipeline, erpItemUpdate(sku, 7, 1));
    await postErpWebhook(pipeline, erpItemUpdate(sku, 3, 1));

    await drained('storefront');
    await eventually('the shop at the later level', () =>
      [...pipeline.downstreams.get('storefront')!.state().values()].some(
        (level) =>
          (level as { sku: string; available: number }).sku === sku && (level as { available: number }).available === 3,
      ),
    );
    const levels = pipeline.downstreams
      .get('storefront')!
      .accepted()
      .filter((request) => (request.json as { sku: string }).sku === sku)
      .map((request) => (request.json as { available: number }).available);
    expect(levels.at(-1)).toBe(3);
    expect(new Set(levels).size).toBe(levels.length);
  }, 60_000);

  test('a stock write that timed out is fenced: the shop ends at the newer level, not the late older one', async () => {
    const shop = pipeline.downstreams.get('storefront')!;
    const sku = 'SKU-FENCED';
    shop.setFaults({ latencyMs: 4_000 });
    await postErpWebhook(pipeline, erpItemUpdate(sku, 10, 1));
    await eventually('the slow first write sent', () =>
      shop.received().some((r) => (r.json as { sku: string }).sku === sku),
    );
    shop.clearFaults();
    await postErpWebhook(pipeline, erpItemUpdate(sku, 20, 2));

    await eventually(
      'both writes answered',
      () => shop.accepted().filter((r) => (r.json as { sku: string }).sku === sku).length >= 2,
    );
    await drained('storefront');
    const finalLevel = [...shop.state().values()].find((level) => (level as { sku: string }).sku === sku);
    expect(finalLevel).toMatchObject({ available: 20 });
  }, 60_000);

  test('an order write that timed out is fenced too: the ERP ends at the newer version', async () => {
    const erp = pipeline.downstreams.get('erp')!;
    erp.setFaults({ latencyMs: 4_000 });
    const orderId = await postOrderChange(110, {
      status: 'pending',
      eventId: 'evt-110-1',
      triggeredAt: '2026-11-30T10:00:01.000000000Z',
    });
    await eventually('the slow first write sent', () => erp.received().some((r) => r.path.includes(orderId)));
    erp.clearFaults();
    await postOrderChange(110, { status: 'paid', eventId: 'evt-110-2', triggeredAt: '2026-11-30T10:00:01.500000000Z' });

    await eventually('the ERP at paid', () => held('erp', `storefront:${orderId}`)?.paymentStatus === 'paid');
    await drained('erp');
    expect(held('erp', `storefront:${orderId}`)?.paymentStatus).toBe('paid');
  }, 60_000);

  test('an order deferred by 503s while its next version is delivered is dropped as stale; replay and redrive change nothing', async () => {
    const erp = pipeline.downstreams.get('erp')!;
    const staleBefore = pipeline.metrics.sum('StaleDropped', { destination: 'erp' });
    // Two 503s asking for five seconds: v1 waits while v2, sent meanwhile, is delivered.
    erp.setFaults({ statuses: [503, 503], statusRetryAfterSeconds: 5 });
    const v1 = { status: 'pending', eventId: 'evt-120-1', triggeredAt: '2026-11-30T10:00:02.000000000Z' };
    const orderId = await postOrderChange(120, v1);
    await eventually('v1 refused twice', () => erp.received().filter((r) => r.status === 503).length === 2);
    await postOrderChange(120, { status: 'paid', eventId: 'evt-120-2', triggeredAt: '2026-11-30T10:00:02.500000000Z' });

    await eventually(
      'v1 dropped as stale',
      () => pipeline.metrics.sum('StaleDropped', { destination: 'erp' }) > staleBefore,
    );
    await drained('erp', 'crm');
    expect(erpWrites(orderId).map((write) => (write.json as { paymentStatus: string }).paymentStatus)).toEqual([
      'paid',
    ]);

    // The vendor sends v1 again, and the ERP's DLQ is redriven with v1's canonical event in it: neither reaches the ERP.
    await postOrderChange(120, v1);
    const mapped = mapVendorRecord({
      source: 'storefront',
      eventType: 'orders/updated',
      body: storefrontOrder(120).body.replace('"financial_status": "voided"', '"financial_status": "pending"'),
      correlationId: 'corr-redrive',
      receivedAt: new Date().toISOString(),
      vendorEventId: v1.eventId,
      sequence: changeSequence(v1.triggeredAt, '')!,
    });
    if (!mapped.ok) throw new Error('v1 should map');
    const queue = pipeline.topology.deliveryQueues.get('erp')!;
    await pipeline.sqs.send(
      new SendMessageCommand({
        QueueUrl: queue.deadLetter.url,
        MessageBody: JSON.stringify(mapped.events[0]),
        MessageAttributes: toMessageAttributes({
          correlationId: 'corr-redrive',
          source: 'storefront',
          eventType: 'interchange.order.v1',
          receivedAt: new Date().toISOString(),
        }),
      }),
    );
    await pipeline.sqs.send(
      new StartMessageMoveTaskCommand({ SourceArn: queue.deadLetter.arn, DestinationArn: queue.arn }),
    );
    const tasks = await pipeline.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: queue.deadLetter.arn }));
    expect(tasks.Results?.[0]?.Status).toBe('COMPLETED');

    await eventually(
      'the replayed and redriven v1 dropped',
      () => pipeline.metrics.sum('StaleDropped', { destination: 'erp' }) >= staleBefore + 2,
    );
    await drained('erp');
    expect(erpWrites(orderId).map((write) => (write.json as { paymentStatus: string }).paymentStatus)).toEqual([
      'paid',
    ]);
    expect(await queueCounts(pipeline, 'erp')).toEqual({ queued: 0, deadLettered: 0 });
  }, 60_000);

  test('a backlog ten times what the shop can take within its horizon is settled in version order, none dead-lettered', async () => {
    const shop = pipeline.downstreams.get('storefront')!;
    const skus = ['SKU-BACKLOG-A', 'SKU-BACKLOG-B', 'SKU-BACKLOG-C'];
    const perSku = Math.ceil((SHOP_RATE * HORIZON.storefront * 10) / skus.length);
    const updates = skus.flatMap((sku) => Array.from({ length: perSku }, (_, index) => ({ sku, version: index + 1 })));
    updates.sort(() => Math.random() - 0.5);
    const outcomes = [
      'Delivered',
      'StaleDropped',
      'DuplicateSkipped',
      'RateLimited',
      'VersionBusy',
      'InProgressElsewhere',
    ];
    const receivesBefore = outcomes.map((name) => pipeline.metrics.sum(name, { destination: 'storefront' }));

    for (let start = 0; start < updates.length; start += 25) {
      await Promise.all(
        updates
          .slice(start, start + 25)
          .map(({ sku, version }) => postErpWebhook(pipeline, erpItemUpdate(sku, version * 10, version))),
      );
    }

    const levels = (sku: string) =>
      shop
        .accepted()
        .filter((request) => (request.json as { sku: string }).sku === sku)
        .map((request) => (request.json as { available: number }).available);
    await eventually(
      'every SKU at its last version',
      async () =>
        skus.every((sku) => levels(sku).at(-1) === perSku * 10) &&
        (await queueCounts(pipeline, 'storefront')).queued === 0,
      120_000,
    );
    for (const sku of skus) expect(levels(sku)).toEqual([...levels(sku)].sort((a, b) => a - b));
    const dead = await peekAll(pipeline.topology.deliveryQueues.get('storefront')!.deadLetter.url);
    expect(dead.map((message) => message.MessageAttributes?.failureDetail?.StringValue)).toEqual([]);
    const receives = outcomes
      .map((name, index) => pipeline.metrics.sum(name, { destination: 'storefront' }) - receivesBefore[index]!)
      .reduce((sum, count) => sum + count, 0);
    // Every update is received once to be settled; the waits for a token or a busy SKU add the rest. Once a version
    // is claimed, every older one is stale at once, even while the claimed one waits for a token, so few wait at
    // all. Measured: 1.07 receives per update (215 for 201: 4 delivered, 197 stale, 10 rate waits, 4 busy). Before
    // the guard kept the newest claimed version, older versions waited behind the claim: 2.1 to 4.5; before the
    // claim came ahead of the token: about 9.8.
    // With a 3,000-event chaos run sharing the machine (load 4-7): 1.16 (8 delivered, 193 stale, 17 rate waits, 16
    // busy); slower sends hold each claim longer, so newer versions meet a busy subject more often.
    expect(receives / updates.length).toBeLessThan(2);
  }, 180_000);

  test('an outage longer than the old budget is ridden out; one longer than the horizon dead-letters with its reason', async () => {
    const erp = pipeline.downstreams.get('erp')!;
    const crm = pipeline.downstreams.get('crm')!;
    const before = await queueCounts(pipeline, 'crm');
    erp.setFaults({ outageUntil: Date.now() + 10_000 });
    crm.setFaults({ outageUntil: Date.now() + 60_000 });
    const numbers = [130, 131, 132, 133];
    const orders = numbers.map(storefrontOrder);

    for (const n of numbers) {
      await postOrderChange(n, { status: 'paid', eventId: `evt-outage-${n}`, triggeredAt: new Date().toISOString() });
    }

    await eventually(
      'every order at the ERP after its outage, and dead-lettered at the CRM past its horizon',
      async () =>
        orders.every((order) => erpWrites(order.orderId).length === 1) &&
        (await queueCounts(pipeline, 'crm')).deadLettered === before.deadLettered + orders.length,
      90_000,
    );
    crm.clearFaults();
    await drained('erp', 'crm');
    for (const order of orders) expect(erpWrites(order.orderId)).toHaveLength(1);
    expect((await queueCounts(pipeline, 'erp')).deadLettered).toBe(0);
    const dead = await peekAll(pipeline.topology.deliveryQueues.get('crm')!.deadLetter.url);
    const reasons = dead
      .filter((message) => orders.some((order) => message.Body!.includes(`storefront:${order.orderId}`)))
      .map((message) => message.MessageAttributes?.failureReason?.StringValue);
    expect(reasons).toEqual(orders.map(() => 'horizon-exceeded'));
    expect(crm.accepted()).toHaveLength(0);
  }, 150_000);
});

/** Every message of a queue, left in place (received and made visible again at once). */
async function peekAll(queueUrl: string) {
  const { Messages = [] } = await pipeline.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      MessageAttributeNames: ['All'],
      VisibilityTimeout: 0,
    }),
  );
  return Messages;
}
