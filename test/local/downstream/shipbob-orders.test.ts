import { ShipBobOrders } from '../../../local/downstream/shipbob-orders';

const create = (referenceId: string) => ({
  reference_id: referenceId,
  order_number: '#1001',
  recipient: { name: 'Jo', address: { address1: '1 Elm St.', city: 'Louisville', country: 'US' } },
  products: [{ reference_id: 'SKU-1', name: 'Item', quantity: 2 }],
});

describe("the fake 3PL's orders, answering as ShipBob's order API", () => {
  test('creates one order per reference, refuses a second with 409, and lists by ReferenceIds and IDs', () => {
    const orders = new ShipBobOrders();

    const first = orders.answer('POST', '/1.0/order', create('A'));
    orders.answer('POST', '/1.0/order', create('B'));
    const again = orders.answer('POST', '/1.0/order', create('A'));

    expect(first).toMatchObject({ status: 201, body: { reference_id: 'A', status: 'Processing' } });
    expect(again?.status).toBe(409);
    const listed = orders.answer('GET', '/1.0/order?ReferenceIds=A,C', undefined)?.body as { reference_id: string }[];
    expect(listed.map((order) => order.reference_id)).toEqual(['A']);
    const id = (first?.body as { id: number }).id;
    const byId = orders.answer('GET', `/1.0/order?IDs=${id}`, undefined)?.body as { id: number }[];
    expect(byId.map((order) => order.id)).toEqual([id]);
  });

  test('cancels an unshipped order and its shipments; refuses a shipped or cancelled one with 422, an unknown id with 404', () => {
    const orders = new ShipBobOrders();
    const open = (orders.answer('POST', '/1.0/order', create('A'))?.body as { id: number }).id;
    const shipped = (orders.answer('POST', '/1.0/order', create('B'))?.body as { id: number }).id;
    orders.ship('B');

    const cancelled = orders.answer('POST', `/1.0/order/${open}/cancel`, undefined);

    expect(cancelled).toMatchObject({
      status: 200,
      body: { order_id: open, canceled_shipment_results: [{ action: 'Cancel', is_success: true }] },
    });
    expect(
      orders
        .orders()
        .find((order) => order.id === open)
        ?.shipments.map((s) => s.status),
    ).toEqual(['Cancelled']);
    expect(orders.answer('POST', `/1.0/order/${open}/cancel`, undefined)?.status).toBe(422);
    expect(orders.answer('POST', `/1.0/order/${shipped}/cancel`, undefined)?.status).toBe(422);
    expect(orders.answer('POST', '/1.0/order/999/cancel', undefined)?.status).toBe(404);
  });

  test('a create without a reference, recipient or products is a 400 and holds nothing; other paths are not its own', () => {
    const orders = new ShipBobOrders();

    expect(orders.answer('POST', '/1.0/order', { reference_id: 'A' })?.status).toBe(400);
    expect(orders.answer('POST', '/1.0/order', 'not an object')?.status).toBe(400);
    expect(orders.orders()).toEqual([]);
    expect(orders.answer('POST', '/1.0/shipment/1', {})).toBeUndefined();
  });
});
