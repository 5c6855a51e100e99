import type { LocalPipeline } from '../../local/pipeline';
import {
  e2eConfig,
  erpItemUpdate,
  eventually,
  postErpWebhook,
  postOrder,
  queueCounts,
  startE2ePipeline,
  storefrontOrder,
} from './helpers/harness';

let pipeline: LocalPipeline;

beforeAll(async () => {
  const config = e2eConfig(10);
  pipeline = await startE2ePipeline({
    ...config,
    destinations: config.destinations.map((destination) =>
      destination.name === 'storefront' ? { ...destination, requestsPerSecond: 20 } : destination,
    ),
  });
});

afterAll(() => pipeline.close());

beforeEach(() => {
  for (const downstream of pipeline.downstreams.values()) downstream.reset();
});

/** The stock levels the shop received for one SKU, in arrival order. */
function levelsReceived(sku: string): number[] {
  return pipeline.downstreams
    .get('storefront')!
    .accepted()
    .filter((request) => (request.json as { sku?: string } | undefined)?.sku === sku)
    .map((request) => (request.json as { available: number }).available);
}

describe('connectors under failure, end to end', () => {
  test('shuffled and duplicated stock updates leave the shop at the highest version, never going backwards', async () => {
    const versions = [1, 2, 3, 4, 5, 6, 7, 8];
    // 3, 5 and 8 come twice, as a vendor retries them: the same delivery id, the same body.
    const sends = [...versions, 3, 5, 8].map((version) => ({
      body: erpItemUpdate('SKU-ORDER', version * 10, version),
      deliveryId: `msg_sku_order_${version}`,
    }));
    const shuffled = sends.sort(() => Math.random() - 0.5);

    const answers = await Promise.all(
      shuffled.map(({ body, deliveryId }) => postErpWebhook(pipeline, body, deliveryId)),
    );

    expect(answers.every((answer) => answer.status === 202)).toBe(true);
    await eventually('the last version at the shop', async () => {
      const { queued } = await queueCounts(pipeline, 'storefront');
      return queued === 0 && levelsReceived('SKU-ORDER').at(-1) === 80;
    });
    const received = levelsReceived('SKU-ORDER');
    expect(received).toEqual([...received].sort((a, b) => a - b));
    expect(new Set(received).size).toBe(received.length);
  }, 60_000);

  test('a destination that starts answering 429 gets every event, with 429s falling once the rate has come down', async () => {
    const shop = pipeline.downstreams.get('storefront')!;
    shop.setFaults({ rateLimit: { requestsPerSecond: 4, retryAfterSeconds: 1 } });
    const skus = Array.from({ length: 30 }, (_, index) => `SKU-RATE-${index}`);

    // Posted together, so the levels reach the shop faster than its new limit, as a backlog would; posted one by
    // one they trickle in near 4/s on a quiet machine and the few 429s fall anywhere.
    const answers = await Promise.all(skus.map((sku) => postErpWebhook(pipeline, erpItemUpdate(sku, 5, 1))));
    expect(answers.every((answer) => answer.status === 202)).toBe(true);

    await eventually('every level at the shop', () => skus.every((sku) => levelsReceived(sku).length === 1), 90_000);
    const statuses = shop.received().map((request) => request.status);
    const half = Math.floor(statuses.length / 2);
    const throttled = (part: (number | undefined)[]) => part.filter((status) => status === 429).length;
    expect(throttled(statuses)).toBeGreaterThan(0);
    expect(throttled(statuses.slice(half))).toBeLessThan(throttled(statuses.slice(0, half)));
  }, 120_000);

  test('an open circuit stops calls to a failing destination, and a successful probe closes it', async () => {
    const crm = pipeline.downstreams.get('crm')!;
    crm.setFaults({ errorRate: 1, errorStatus: 503 });
    const orders = [40, 41, 42, 43, 44, 45].map(storefrontOrder);

    for (const order of orders) expect((await postOrder(pipeline, order.body)).status).toBe(202);
    await eventually('the circuit to open', () => pipeline.metrics.sum('CircuitRefused', { destination: 'crm' }) > 0);
    const callsWhenOpened = crm.received().length;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const callsWhileOpen = crm.received().length - callsWhenOpened;

    crm.clearFaults();
    await eventually('every order at the CRM', () => crm.accepted().length === orders.length, 60_000);
    expect(callsWhileOpen).toBeLessThanOrEqual(4);
    expect(pipeline.metrics.sum('CircuitRefused', { destination: 'crm' })).toBeGreaterThan(0);
  }, 90_000);
});
