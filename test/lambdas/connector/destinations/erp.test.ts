import { erpRequest } from '../../../../lambdas/connector/destinations/erp';
import {
  customerEvent,
  inventoryLevelEvent,
  orderEvent,
  paymentEvent,
  shipmentEvent,
} from '../../../helpers/canonical-event-factories';

describe('ERP requests', () => {
  test('an order is PUT as a sales order by its canonical id, amounts in minor units', () => {
    const event = orderEvent({ version: 42 });

    const request = erpRequest(event);

    expect(request).toMatchObject({
      method: 'PUT',
      path: '/sales-orders/storefront%3A820982911946154508',
      body: {
        externalId: 'storefront:820982911946154508',
        number: '#9999',
        version: 42,
        customerId: 'storefront:115310627314723954',
        email: 'john@example.com',
        paymentStatus: 'paid',
        fulfillmentStatus: 'unfulfilled',
        cancelledAt: null,
        lines: [{ lineId: '1', sku: 'IPOD2008BLACK', quantity: 2, unitPriceMinor: 19900, discountMinor: 0 }],
        totals: { subtotalMinor: 39800, shippingMinor: 1000, totalMinor: 40800 },
        billTo: null,
      },
    });
  });

  test('a guest order has no customer id but keeps the buyer email', () => {
    const event = orderEvent({ data: { customer: null, email: 'guest@example.com' } });

    expect(erpRequest(event)?.body).toMatchObject({ customerId: null, email: 'guest@example.com' });
  });

  test('a customer is PUT by id with its version', () => {
    const event = customerEvent({ version: 7 });

    expect(erpRequest(event)).toEqual({
      method: 'PUT',
      path: '/customers/storefront%3A115310627314723954',
      body: { ...event.data, version: 7 },
    });
  });

  test('a payment is PUT by id, so a later refund updates the same ledger entry', () => {
    const paid = paymentEvent({ version: 1 });
    const refunded = paymentEvent({ version: 2, data: { status: 'refunded', amountRefunded: paid.data.amount } });

    const [first, second] = [erpRequest(paid), erpRequest(refunded)];

    expect(first?.path).toBe('/payments/payments%3Api_3MtwBwLkdIwHu7ix28a3tqPa');
    expect(second?.path).toBe(first?.path);
    expect(second).toMatchObject({ method: 'PUT', body: { status: 'refunded', version: 2 } });
  });

  test.each([
    ['an inventory level', inventoryLevelEvent()],
    ['a shipment', shipmentEvent()],
  ])('%s is not the ERP’s to receive', (_name, event) => {
    expect(erpRequest(event)).toBeUndefined();
  });
});
