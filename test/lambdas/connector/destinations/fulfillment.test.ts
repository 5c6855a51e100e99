import fc from 'fast-check';
import type { DirectRequest, LookupResolution } from '../../../../lambdas/connector/destinations/destination-request';
import { fulfillmentRequest } from '../../../../lambdas/connector/destinations/fulfillment';
import type { Order } from '../../../../schemas';
import {
  customerEvent,
  inventoryLevelEvent,
  orderEvent,
  paymentEvent,
  shipmentEvent,
} from '../../../helpers/canonical-event-factories';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
const line = (lineId: string, sku: string | null, quantity: number) => ({
  lineId,
  sku,
  title: `Item ${lineId}`,
  quantity,
  unitPrice: usd(1000),
  discount: usd(0),
});
const ORDER_ID = 'storefront:820982911946154508';

/** The request decided for an order event once the 3PL's order list answered `found`. */
function resolved(data: Partial<Order>, found: unknown, version?: number): LookupResolution {
  const request = fulfillmentRequest(orderEvent({ data, ...(version !== undefined ? { version } : {}) }));
  if (!request) throw new Error('no request for this order');
  return request.resolve(found);
}

function sent(resolution: LookupResolution): DirectRequest {
  if (resolution.kind !== 'send') throw new Error(`expected a request, got ${resolution.kind}`);
  return resolution.request;
}

/** A ShipBob order as `GET /1.0/order` answers it, holding what the create for `data` sent. */
function heldOrder(data: Partial<Order>, overrides: Record<string, unknown> = {}) {
  const create = sent(resolved(data, []));
  const body = create.body as { reference_id: string; recipient: unknown; products: { reference_id: string }[] };
  return {
    id: 1001,
    reference_id: body.reference_id,
    status: 'Processing',
    created_date: '2026-11-24T12:00:05+00:00',
    recipient: body.recipient,
    products: body.products.map((product, index) => ({ id: 500 + index, sku: product.reference_id, ...product })),
    shipments: [{ id: 9001, status: 'Processing' }],
    ...overrides,
  };
}

describe('3PL requests (ShipBob)', () => {
  test("every order version first looks up the 3PL's order by its reference", () => {
    expect(fulfillmentRequest(orderEvent())?.lookupPath).toBe(
      '/1.0/order?ReferenceIds=storefront%3A820982911946154508',
    );
    expect(fulfillmentRequest(orderEvent({ data: { status: 'cancelled' } }))?.lookupPath).toBe(
      '/1.0/order?ReferenceIds=storefront%3A820982911946154508',
    );
  });

  test('an open, unfulfilled order the 3PL does not hold is created with its shipping address and lines by SKU', () => {
    expect(sent(resolved({}, []))).toEqual({
      method: 'POST',
      path: '/1.0/order',
      idempotencyKey: `fulfillment-order:${ORDER_ID}`,
      alreadyAppliedStatuses: [409],
      body: {
        reference_id: ORDER_ID,
        order_number: '#9999',
        type: 'DTC',
        shipping_method: 'Standard',
        purchase_date: '2026-11-24T11:59:00.000Z',
        recipient: {
          name: 'John Smith',
          email: 'john@example.com',
          phone_number: '+15025551212',
          address: { address1: '123 Elm St.', city: 'Louisville', state: 'KY', zip_code: '40202', country: 'US' },
        },
        products: [{ reference_id: 'IPOD2008BLACK', name: 'IPod Nano', quantity: 2 }],
      },
    });
  });

  test('lines of one SKU are added up and lines without a SKU are left to the shop', () => {
    const lines = [line('1', 'SKU-A', 1), line('2', null, 1), line('3', 'SKU-B', 2), line('4', 'SKU-A', 3)];

    expect((sent(resolved({ lines }, [])).body as { products: unknown[] }).products).toEqual([
      { reference_id: 'SKU-A', name: 'Item 1', quantity: 4 },
      { reference_id: 'SKU-B', name: 'Item 3', quantity: 2 },
    ]);
  });

  test('every version of one order creates with the same idempotency key and reference, so the 3PL holds one', () => {
    const [first, second] = [1, 2].map((version) => sent(resolved({}, [], version)));

    expect(second?.idempotencyKey).toBe(first?.idempotencyKey);
    expect(second?.body).toEqual(first?.body);
  });

  test('a later version of an order the 3PL holds unchanged sends nothing', () => {
    const found = [heldOrder({})];

    expect(resolved({ paymentStatus: 'pending' }, found, 2)).toEqual({
      kind: 'already-applied',
      detail: `the 3PL's order 1001 already holds this version`,
    });
  });

  test.each([
    [
      'its shipping address',
      {
        shippingAddress: {
          line1: '9 Oak Ave.',
          city: 'Louisville',
          region: 'KY',
          postalCode: '40203',
          countryCode: 'US',
        },
      },
      'shipping address',
    ],
    ['its lines', { lines: [line('1', 'IPOD2008BLACK', 3)] }, 'lines'],
    ['a line added', { lines: [line('1', 'IPOD2008BLACK', 2), line('2', 'CASE-1', 1)] }, 'lines'],
  ])(
    'a change to %s of an order the 3PL holds is refused: ShipBob has no order update, and cancel-and-create would ship twice',
    (_name, change, part) => {
      const resolution = resolved(change as Partial<Order>, [heldOrder({})], 2);

      expect(resolution).toEqual({
        kind: 'refused',
        reason: 'fulfillment-update-unsupported',
        detail: expect.stringContaining(`the ${part} of ${ORDER_ID} changed`),
      });
    },
  );

  test('an open order the 3PL has cancelled is refused rather than created again', () => {
    expect(resolved({}, [heldOrder({}, { status: 'Cancelled' })])).toMatchObject({
      kind: 'refused',
      reason: 'fulfillment-order-cancelled',
    });
  });

  test("a cancelled order the 3PL holds is cancelled by the 3PL's own id, once per order", () => {
    const found = [heldOrder({}, { id: 4242 })];

    expect(sent(resolved({ status: 'cancelled' }, found))).toEqual({
      method: 'POST',
      path: '/1.0/order/4242/cancel',
      body: undefined,
      idempotencyKey: `fulfillment-cancel:${ORDER_ID}`,
    });
  });

  test.each([
    ['holds no order for it', []],
    ['holds it cancelled already', () => [heldOrder({}, { status: 'Cancelled' })]],
    ['answers only for another reference', () => [heldOrder({}, { reference_id: 'storefront:1' })]],
  ])('a cancelled order is nothing to send when the 3PL %s', (_name, found) => {
    const answer = typeof found === 'function' ? found() : found;

    expect(resolved({ status: 'cancelled' }, answer).kind).toBe('already-applied');
  });

  test('two 3PL orders for one reference, or an answer of another shape, are refused with the reason', () => {
    expect(resolved({ status: 'cancelled' }, [heldOrder({}), heldOrder({}, { id: 1002 })])).toMatchObject({
      kind: 'refused',
      reason: 'fulfillment-reference-ambiguous',
    });
    expect(resolved({}, { orders: [] })).toMatchObject({ kind: 'refused', reason: 'fulfillment-lookup-unreadable' });
    expect(resolved({}, [{ id: 'not-a-number', reference_id: ORDER_ID }])).toMatchObject({
      kind: 'refused',
      reason: 'fulfillment-lookup-unreadable',
    });
  });

  test('whatever the lookup answers, the decision is a request, nothing to send or a refusal, never a throw', () => {
    const kinds = new Set(['send', 'already-applied', 'refused']);
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (found, cancelled) => {
        const resolution = resolved(cancelled ? { status: 'cancelled' } : {}, found);
        expect(kinds.has(resolution.kind)).toBe(true);
      }),
    );
  });

  test.each([
    ['closed', { status: 'closed' as const }],
    ['partially fulfilled', { fulfillmentStatus: 'partially-fulfilled' as const }],
    ['fulfilled', { fulfillmentStatus: 'fulfilled' as const }],
    ['without a shipping address', { shippingAddress: undefined }],
    ['with nothing to pick', { lines: [line('1', null, 1)] }],
  ])('an open order %s is not work for the warehouse', (_name, data) => {
    expect(fulfillmentRequest(orderEvent({ data }))).toBeUndefined();
  });

  test.each([
    ['a customer', customerEvent()],
    ['an inventory level', inventoryLevelEvent()],
    ['a payment', paymentEvent()],
    ['a shipment', shipmentEvent()],
  ])('%s is ignored', (_name, event) => {
    expect(fulfillmentRequest(event)).toBeUndefined();
  });
});
