import { fulfillmentRequest } from '../../../../lambdas/connector/destinations/fulfillment';
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

describe('3PL requests', () => {
  test('an open, unfulfilled order becomes a 3PL order with its shipping address and lines by SKU', () => {
    const event = orderEvent();

    const request = fulfillmentRequest(event);

    expect(request).toEqual({
      method: 'POST',
      path: '/1.0/order',
      idempotencyKey: 'fulfillment-order:storefront:820982911946154508',
      alreadyAppliedStatuses: [409],
      body: {
        reference_id: 'storefront:820982911946154508',
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
    const event = orderEvent({
      data: { lines: [line('1', 'SKU-A', 1), line('2', null, 1), line('3', 'SKU-B', 2), line('4', 'SKU-A', 3)] },
    });

    const products = (fulfillmentRequest(event)?.body as { products: unknown[] }).products;

    expect(products).toEqual([
      { reference_id: 'SKU-A', name: 'Item 1', quantity: 4 },
      { reference_id: 'SKU-B', name: 'Item 3', quantity: 2 },
    ]);
  });

  test('every version of one order carries the same idempotency key and reference', () => {
    const [first, second] = [orderEvent({ version: 1 }), orderEvent({ version: 2 })].map(fulfillmentRequest);

    expect(second?.idempotencyKey).toBe(first?.idempotencyKey);
    expect(second?.body).toEqual(first?.body);
  });

  test.each([
    ['closed', { status: 'closed' as const }],
    ['cancelled', { status: 'cancelled' as const }],
    ['partially fulfilled', { fulfillmentStatus: 'partially-fulfilled' as const }],
    ['fulfilled', { fulfillmentStatus: 'fulfilled' as const }],
    ['without a shipping address', { shippingAddress: undefined }],
    ['with nothing to pick', { lines: [line('1', null, 1)] }],
  ])('an order %s is not work for the warehouse', (_name, data) => {
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
