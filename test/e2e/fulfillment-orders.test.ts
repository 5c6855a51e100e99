import type { LocalPipeline } from '../../local/pipeline';
import { ShipBobOrders } from '../../local/downstream';
import { postWebhook, vendorWebhook } from '../../local/webhook-client';
import { e2eConfig, eventually, queueCounts, startE2ePipeline, storefrontOrder } from './helpers/harness';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';

/**
 * The 3PL (a fake ShipBob) receives an order's whole life, not only its first version: created once, later versions
 * it already holds sent nothing, a cancel at the source cancels ShipBob's order by its own id, and what ShipBob cannot
 * do (change a held order's address, cancel a shipped order) is dead-lettered with the reason.
 */
let pipeline: LocalPipeline;
let threePl: ShipBobOrders;

beforeAll(async () => {
  pipeline = await startE2ePipeline(e2eConfig());
  const api = pipeline.downstreams.get('fulfillment')!.api;
  if (!(api instanceof ShipBobOrders)) throw new Error('the 3PL fake serves no ShipBob orders');
  threePl = api;
});
afterAll(() => pipeline.close());

interface OrderVersion {
  /** Seconds after a base time: the order's `updated_at`, which orders its versions. */
  readonly at: number;
  readonly eventId: string;
  readonly cancelled?: boolean;
  readonly financialStatus?: string;
  readonly address1?: string;
}

/** Posts one version of Shopify order `n` as an `orders/updated` webhook; returns the order's canonical id. */
async function postOrderVersion(n: number, version: OrderVersion): Promise<string> {
  const { orderId, body } = storefrontOrder(n);
  const updatedAt = new Date(Date.UTC(2026, 11, 1, 10) + version.at * 1000).toISOString();
  const changed = body
    .replace(/"updated_at": "[^"]*"/, `"updated_at": "${updatedAt}"`)
    .replace(/"cancelled_at": "[^"]*"/, version.cancelled ? `"cancelled_at": "${updatedAt}"` : '"cancelled_at": null')
    .replace('"financial_status": "voided"', `"financial_status": "${version.financialStatus ?? 'paid'}"`)
    .split('123 Shipping Street')
    .join(version.address1 ?? '123 Shipping Street');
  const source = pipeline.config.sources.find((candidate) => candidate.name === 'storefront')!;
  const answer = await postWebhook(
    vendorWebhook(
      source,
      pipeline.webhookUrl('storefront'),
      pipeline.topology.signingSecrets.get('storefront')!,
      changed,
      {
        eventType: 'orders/updated',
        deliveryId: version.eventId,
        eventId: version.eventId,
      },
    ),
  );
  expect(answer.status).toBe(202);
  return `storefront:${orderId}`;
}

const creates = (reference: string) =>
  pipeline.downstreams
    .get('fulfillment')!
    .received()
    .filter(
      (request) =>
        request.path === '/1.0/order' && (request.json as { reference_id?: string }).reference_id === reference,
    );

const held = (reference: string) => threePl.orders().find((order) => order.reference_id === reference);

async function fulfillmentDrained() {
  await eventually(
    'the 3PL queue drained',
    async () => (await queueCounts(pipeline, 'fulfillment')).queued === 0,
    30_000,
  );
}

/** Dead letters of the 3PL's queue with their reasons, read and left visible. */
async function deadLetterReasons(): Promise<{ subject: string; reason: string }[]> {
  const url = pipeline.topology.deliveryQueues.get('fulfillment')!.deadLetter.url;
  const { Messages = [] } = await pipeline.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: url,
      MaxNumberOfMessages: 10,
      MessageAttributeNames: ['All'],
      VisibilityTimeout: 0,
    }),
  );
  return Messages.map((message) => ({
    subject: (JSON.parse(message.Body ?? '{}') as { subject?: string }).subject ?? '',
    reason: message.MessageAttributes?.failureReason?.StringValue ?? '',
  }));
}

describe('the 3PL follows an order through its life, end to end', () => {
  test('created, updated, then cancelled at the source: cancelled at the 3PL after one create; an older version after the cancel is dropped as stale', async () => {
    const reference = await postOrderVersion(301, { at: 1, eventId: 'evt-301-1', financialStatus: 'pending' });
    await eventually('the 3PL holds the order', () => held(reference)?.status === 'Processing');

    await postOrderVersion(301, { at: 2, eventId: 'evt-301-2', financialStatus: 'paid' });
    await postOrderVersion(301, { at: 3, eventId: 'evt-301-3', cancelled: true });
    await eventually('the 3PL order cancelled', () => held(reference)?.status === 'Cancelled');
    await fulfillmentDrained();
    const staleBefore = pipeline.metrics.sum('StaleDropped', { destination: 'fulfillment' });

    // A late copy of the paid version (a vendor resend with a new event id) arrives after the cancel.
    await postOrderVersion(301, { at: 2, eventId: 'evt-301-2-resent', financialStatus: 'paid' });
    await eventually(
      'the late version dropped as stale',
      () => pipeline.metrics.sum('StaleDropped', { destination: 'fulfillment' }) === staleBefore + 1,
    );
    await fulfillmentDrained();

    expect(held(reference)?.status).toBe('Cancelled');
    expect(held(reference)?.shipments.map((shipment) => shipment.status)).toEqual(['Cancelled']);
    expect(creates(reference).map((request) => request.status)).toEqual([201]);
    const cancels = pipeline.downstreams
      .get('fulfillment')!
      .received()
      .filter((request) => request.path === `/1.0/order/${held(reference)!.id}/cancel`);
    expect(cancels.map((request) => request.status)).toEqual([200]);
  }, 90_000);

  test('a cancel the 3PL refuses because the order has shipped is dead-lettered with its reason, and nothing changes', async () => {
    const reference = await postOrderVersion(302, { at: 1, eventId: 'evt-302-1' });
    await eventually('the 3PL holds the order', () => held(reference) !== undefined);
    threePl.ship(reference);

    await postOrderVersion(302, { at: 2, eventId: 'evt-302-2', cancelled: true });
    await eventually('the refused cancel dead-lettered', async () =>
      (await deadLetterReasons()).some((letter) => letter.subject === reference && letter.reason === 'refused-422'),
    );

    expect(held(reference)?.status).toBe('Fulfilled');
    expect(creates(reference)).toHaveLength(1);
  }, 60_000);

  test('a new shipping address for an order the 3PL holds is refused, not sent as a second order', async () => {
    const reference = await postOrderVersion(303, { at: 1, eventId: 'evt-303-1' });
    await eventually('the 3PL holds the order', () => held(reference) !== undefined);

    await postOrderVersion(303, { at: 2, eventId: 'evt-303-2', address1: '9 Other Road' });
    await eventually('the address change dead-lettered', async () =>
      (await deadLetterReasons()).some(
        (letter) => letter.subject === reference && letter.reason === 'fulfillment-update-unsupported',
      ),
    );

    expect(creates(reference)).toHaveLength(1);
    expect((held(reference)?.recipient as { address: { address1: string } }).address.address1).toBe(
      '123 Shipping Street',
    );
  }, 60_000);
});
