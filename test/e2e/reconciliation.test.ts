import { BatchGetItemCommand, DeleteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { InterchangeConfig } from '../../config/schema';
import type { LocalPipeline } from '../../local/pipeline';
import { SUBSCRIPTION_LIFETIME_MS } from '../../local/source-api';
import {
  e2eConfig,
  erpWritesFor,
  eventually,
  postOrder,
  queueCounts,
  startE2ePipeline,
  storefrontOrder,
} from './helpers/harness';

/** Pages of ten, and no settle time: the orders a test lists have all settled by the time it polls. */
function reconciliationConfig(): InterchangeConfig {
  const config = e2eConfig();
  return {
    ...config,
    sources: config.sources.map((source) =>
      source.reconciliation
        ? { ...source, reconciliation: { ...source.reconciliation, pageSize: 10, settleSeconds: 0 } }
        : source,
    ),
  };
}

/** The most SQS takes in one message, body and attributes together. */
const SQS_MAX_MESSAGE_BYTES = 1_048_576;

let pipeline: LocalPipeline;

beforeAll(async () => {
  pipeline = await startE2ePipeline(reconciliationConfig());
});

afterAll(() => pipeline.close());

/** An order whose `updated_at` (its version) is `updatedAtMs`, held by the storefront's orders list. */
function listedOrder(n: number, updatedAtMs: number) {
  const { orderId, body } = storefrontOrder(n);
  const updatedAt = new Date(updatedAtMs).toISOString();
  const stamped = body.replace(/"updated_at": *"[^"]*"/, `"updated_at": "${updatedAt}"`);
  pipeline.sourceApis.get('storefront')!.list('/orders.json', { id: orderId, changedAtMs: updatedAtMs, json: stamped });
  return { orderId, body: stamped };
}

const missedOrders = () =>
  pipeline.metrics.sum('MissedWebhooks', { source: 'storefront', type: 'interchange.order.v1' });
/** Canonical events the storefront's transform routed: each order mapped once adds one per route of an order. */
const mappedOrders = () => pipeline.metrics.sum('EventsMapped', { source: 'storefront' });

describe('reconciliation by polling, end to end', () => {
  test('of 50 orders whose webhooks came for 40, one poll sends the 10 missed ones once; a second sends nothing', async () => {
    const base = Date.now() - 20 * 60_000;
    const orders = Array.from({ length: 50 }, (_, index) => listedOrder(1000 + index, base + index * 1000));
    const delivered = orders.slice(0, 40);
    const missed = orders.slice(40);
    for (const order of delivered) expect((await postOrder(pipeline, order.body)).status).toBe(202);
    await eventually(
      'the 40 webhooks delivered and recorded in the canonical state',
      () => delivered.every((order) => erpWritesFor(pipeline, order.orderId).length === 1),
      60_000,
    );
    await eventually('the canonical state holds the 40', async () => (await canonicalOrders(delivered)) === 40);
    const perOrder = mappedOrders() / 40;

    await pipeline.runScheduledJob('storefront', 'poll');

    await eventually(
      'the 10 missed orders at the ERP',
      () => missed.every((order) => erpWritesFor(pipeline, order.orderId).length > 0),
      60_000,
    );
    expect(missedOrders()).toBe(10);
    // The transform mapped 10 more orders, not 50: the 40 known ones never left the poller.
    await eventually('the 10 mapped', () => mappedOrders() === 50 * perOrder);
    for (const order of orders) expect(erpWritesFor(pipeline, order.orderId)).toHaveLength(1);
    await eventually('the canonical state holds all 50', async () => (await canonicalOrders(orders)) === 50);

    await pipeline.runScheduledJob('storefront', 'poll');
    expect(missedOrders()).toBe(10);

    // Read again from the start, every order is known to the canonical state: none is sent again.
    await forgetCursor('orders');
    await pipeline.runScheduledJob('storefront', 'poll');
    expect(missedOrders()).toBe(10);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(mappedOrders()).toBe(50 * perOrder);
    for (const order of orders) expect(erpWritesFor(pipeline, order.orderId)).toHaveLength(1);
  }, 180_000);

  test('a poll the source API cuts off halfway resumes from its cursor and loses nothing', async () => {
    const api = pipeline.sourceApis.get('storefront')!;
    const start = Date.now();
    const orders = Array.from({ length: 30 }, (_, index) => listedOrder(2000 + index, start + index));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const missedBefore = missedOrders();
    const pagesBefore = api.listPagesServed('/orders.json');
    api.failListsAfter(2, 503);

    await expect(pipeline.runScheduledJob('storefront', 'poll')).rejects.toThrow(/PollFailedError/);
    expect(api.listPagesServed('/orders.json') - pagesBefore).toBe(2);
    api.heal();
    await pipeline.runScheduledJob('storefront', 'poll');

    // The third page was read once, after the outage: the poll resumed at it rather than from the start.
    expect(api.listPagesServed('/orders.json') - pagesBefore).toBe(3);
    await eventually(
      'all 30 orders at the ERP',
      () => orders.every((order) => erpWritesFor(pipeline, order.orderId).length > 0),
      60_000,
    );
    for (const order of orders) expect(erpWritesFor(pipeline, order.orderId)).toHaveLength(1);
    expect(missedOrders() - missedBefore).toBe(30);
    // Both storefront streams (orders, inventory levels) read the API that was down: each counts its failed poll.
    expect(pipeline.metrics.sum('PollFailed', { source: 'storefront' })).toBe(2);
  }, 120_000);

  test('a listed order too large for a queue message goes by claim check and reaches the ERP once', async () => {
    const { orderId, body } = storefrontOrder(2100);
    // Changed after the earlier tests' polls, so inside the window the next poll reads.
    const updatedAtMs = Date.now();
    // A long note, as a merchant's or an app's can be: the order's JSON passes SQS's 1 MiB per message.
    const large = body
      .replace(/"updated_at": *"[^"]*"/, `"updated_at": "${new Date(updatedAtMs).toISOString()}"`)
      .replace('"note": null', `"note": "${'n'.repeat(SQS_MAX_MESSAGE_BYTES)}"`);
    pipeline.sourceApis.get('storefront')!.list('/orders.json', { id: orderId, changedAtMs: updatedAtMs, json: large });
    const missedBefore = missedOrders();
    await new Promise((resolve) => setTimeout(resolve, 50));

    await pipeline.runScheduledJob('storefront', 'poll');

    await eventually('the large order at the ERP', () => erpWritesFor(pipeline, orderId).length > 0, 60_000);
    expect(erpWritesFor(pipeline, orderId)).toHaveLength(1);
    expect(missedOrders() - missedBefore).toBe(1);
    await eventually('the ERP queue settled, nothing dead-lettered', async () => {
      const counts = await queueCounts(pipeline, 'erp');
      return counts.queued === 0 && counts.deadLettered === 0;
    });
  }, 120_000);
});

describe('subscription renewal, end to end', () => {
  test('a Business Central subscription about to expire is renewed through the handshake; a missing one is made', async () => {
    const subscriptions = pipeline.sourceApis.get('erp')!.subscriptions;
    const [items, customers] = erpResources();
    const expiring = subscriptions.add({
      notificationUrl: pipeline.webhookUrl('erp'),
      resource: items!,
      clientState: 'stale',
      expirationDateTime: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const handshakesBefore = subscriptions.handshakesAnswered();

    await pipeline.runScheduledJob('erp', 'renew-subscriptions');

    expect(subscriptions.handshakesAnswered() - handshakesBefore).toBe(2);
    const byResource = new Map(subscriptions.list().map((subscription) => [subscription.resource, subscription]));
    const renewed = byResource.get(items!)!;
    expect(renewed.subscriptionId).toBe(expiring.subscriptionId);
    expect(renewed['@odata.etag']).not.toBe(expiring['@odata.etag']);
    expect(Date.parse(renewed.expirationDateTime)).toBeGreaterThan(Date.now() + SUBSCRIPTION_LIFETIME_MS - 60_000);
    // Each notification carries the signing secret as clientState, which ingest checks.
    expect(renewed.clientState).toBe(pipeline.topology.signingSecrets.get('erp'));
    expect(byResource.get(customers!)).toBeDefined();
    expect(pipeline.metrics.sum('SubscriptionRenewalFailed', { source: 'erp' })).toBe(0);
  });

  test('a renewal Business Central refuses is counted for the alarm, and the schedule sees the failure', async () => {
    const subscriptions = pipeline.sourceApis.get('erp')!.subscriptions;
    for (const subscription of subscriptions.list())
      subscriptions.expireAt(subscription.subscriptionId, Date.now() + 60_000);
    subscriptions.refuseChanges(500);

    await expect(pipeline.runScheduledJob('erp', 'renew-subscriptions')).rejects.toThrow(/RenewalFailedError/);

    subscriptions.refuseChanges(undefined);
    expect(pipeline.metrics.sum('SubscriptionRenewalFailed', { source: 'erp' })).toBeGreaterThanOrEqual(1);
  });
});

function erpResources(): string[] {
  const erp = pipeline.config.sources.find((source) => source.name === 'erp')!;
  return erp.subscriptions?.kind === 'business-central' ? erp.subscriptions.resources : [];
}

function dynamodb() {
  const env = pipeline.awsEnvironment;
  return new DynamoDBClient({
    endpoint: env.AWS_ENDPOINT_URL_DYNAMODB!,
    region: env.AWS_REGION!,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! },
  });
}

/** How many of the orders the canonical state holds. */
async function canonicalOrders(orders: readonly { orderId: string }[]): Promise<number> {
  const client = dynamodb();
  const table = pipeline.topology.resolved.canonicalState.tableName;
  let found = 0;
  for (let start = 0; start < orders.length; start += 100) {
    const keys = orders.slice(start, start + 100).map((order) => ({ pk: { S: `order#storefront:${order.orderId}` } }));
    const answer = await client.send(new BatchGetItemCommand({ RequestItems: { [table]: { Keys: keys } } }));
    found += answer.Responses?.[table]?.length ?? 0;
  }
  client.destroy();
  return found;
}

/** Removes a storefront stream's cursor, so the next poll reads from the first lookback again. */
async function forgetCursor(stream: string): Promise<void> {
  const client = dynamodb();
  await client.send(
    new DeleteItemCommand({
      TableName: pipeline.topology.resolved.stateTable,
      Key: { pk: { S: 'reconciliation#storefront' }, sk: { S: stream } },
    }),
  );
  client.destroy();
}
