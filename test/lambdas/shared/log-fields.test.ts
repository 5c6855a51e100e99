import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { canonicalEventSchema, type CanonicalEvent } from '../../../schemas';
import { canonicalEventLogFields, eventLogFields, recordLogFields } from '../../../lambdas/shared/log-fields';

const expected = (file: string, vendor = 'storefront'): CanonicalEvent[] => {
  const golden = JSON.parse(readFileSync(path.resolve(__dirname, '../../fixtures', vendor, file), 'utf8')) as {
    events: unknown[];
  };
  return golden.events.map((event) => canonicalEventSchema.parse(event));
};
const attributes = {
  correlationId: 'corr-1',
  source: 'storefront',
  eventType: 'orders/create',
  receivedAt: '2026-12-01T10:00:00.000Z',
  deliveryId: 'shopify-delivery-1',
};

describe('log fields', () => {
  test("a queued record's line names its correlation, delivery, source and type, and leaves out what is empty", () => {
    expect(recordLogFields(attributes)).toEqual({
      correlationId: 'corr-1',
      deliveryId: 'shopify-delivery-1',
      source: 'storefront',
      eventType: 'orders/create',
    });
    expect(recordLogFields({ correlationId: 'c', source: '', eventType: '', receivedAt: '' })).toEqual({
      correlationId: 'c',
    });
  });

  test("an order's line names its event, its entity and the order number people quote", () => {
    const [order] = expected('orders-create.expected.json');
    expect(eventLogFields(attributes, order!)).toEqual({
      correlationId: order!.correlationid,
      deliveryId: 'shopify-delivery-1',
      source: 'storefront',
      eventType: 'interchange.order.v1',
      eventId: order!.id,
      entity: order!.subject,
      entityName: '#9999',
    });
  });

  test("a stock level's line names its SKU; a customer's has no other name", () => {
    const [level] = expected('item-updated.expected.json', 'erp');
    expect(canonicalEventLogFields(level!).entityName).toBe((level!.data as { sku: string }).sku);
    const [customer] = expected('customers-update.expected.json');
    expect(canonicalEventLogFields(customer!)).not.toHaveProperty('entityName');
  });
});
