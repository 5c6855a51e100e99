import { orderEventSchema, type CanonicalEventOf } from '../../schemas';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

/** A valid canonical order event; parsed through its schema so a contract change breaks the factory, not the tests. */
export function orderEvent(
  overrides: { id?: string; orderId?: string; version?: number; correlationId?: string } = {},
): CanonicalEventOf<'interchange.order.v1'> {
  const orderId = overrides.orderId ?? 'storefront:820982911946154508';
  const version = overrides.version ?? 1_700_000_000_000;
  return orderEventSchema.parse({
    specversion: '1.0',
    id: overrides.id ?? `storefront:order:${orderId}:${version}`,
    source: 'interchange/storefront',
    type: 'interchange.order.v1',
    time: '2026-11-24T12:00:00.000Z',
    subject: orderId,
    dataschema: 'schemas/json/interchange.order.v1.json',
    datacontenttype: 'application/json',
    correlationid: overrides.correlationId ?? 'corr-order-0001',
    entityversion: version,
    data: {
      id: orderId,
      orderNumber: '#9999',
      customer: { id: 'storefront:115310627314723954' },
      lines: [
        { lineId: '1', sku: 'IPOD2008BLACK', title: 'IPod Nano', quantity: 2, unitPrice: usd(19900), discount: usd(0) },
      ],
      currency: 'USD',
      totals: { subtotal: usd(39800), discount: usd(0), shipping: usd(1000), tax: usd(0), total: usd(40800) },
      status: 'open',
      fulfillmentStatus: 'unfulfilled',
      placedAt: '2026-11-24T11:59:00.000Z',
      updatedAt: '2026-11-24T12:00:00.000Z',
      sourceIds: { storefront: '820982911946154508' },
    },
  });
}
