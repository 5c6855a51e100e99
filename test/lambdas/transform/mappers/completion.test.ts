import { completeVendorRecord, mapVendorRecord, type VendorRecord } from '../../../../lambdas/transform/mappers';
import { fixtureRecord, fixtureText, vendorRecord } from './helpers/fixtures';

function completed(record: VendorRecord, fetched: string): VendorRecord {
  const rebuilt = completeVendorRecord(record, fetched);
  if (!rebuilt.ok) throw new Error(rebuilt.error);
  return rebuilt.record;
}

describe('completeVendorRecord', () => {
  it('turns a HubSpot webhook into the contact the CRM API returned, which maps to a customer', () => {
    const webhook = fixtureRecord('crm', '', 'crm/hubspot-webhook-contact_creation.json');

    const result = mapVendorRecord(completed(webhook, fixtureText('crm/hubspot-contact.json')));

    expect(result).toMatchObject({
      ok: true,
      events: [{ type: 'interchange.customer.v1', data: { name: 'Bryan Cooper' } }],
    });
  });

  it('puts the Business Central item into the notification envelope, keeping its timestamp as the level time', () => {
    const notification = fixtureRecord('erp', '', 'erp/item-updated-notification.json');
    const item = JSON.stringify(JSON.parse(fixtureText('erp/item-updated.json')).data);

    const result = mapVendorRecord(completed(notification, item));

    expect(result).toMatchObject({
      ok: true,
      events: [
        { time: '2018-10-26T12:54:50.467Z', data: { sku: '1896-S', available: 4, location: 'erp:all-locations' } },
      ],
    });
  });

  it('adds the inventory item SKU to a Shopify level without changing its big-number ids', () => {
    const level = fixtureRecord('storefront', 'inventory_levels/update', 'storefront/inventory_levels-update.json');

    const rebuilt = completed(level, fixtureText('storefront/inventory-item.json'));
    const result = mapVendorRecord(rebuilt);

    expect(rebuilt.body).toContain('"inventory_item_id": 271878346596884015');
    expect(result).toMatchObject({
      ok: true,
      events: [
        {
          id: expect.stringMatching(/^storefront:inventory-level:24826418\/271878346596884015:1640995200000-/),
          data: {
            sku: 'SKU2006-001',
            location: 'storefront:24826418',
            available: 10,
            sourceIds: { storefront: '271878346596884015' },
          },
        },
      ],
    });
  });

  it('replaces a partial Shopify order by the order the API returned', () => {
    const partial = vendorRecord(
      'storefront',
      'orders/create',
      fixtureText('storefront/orders-create.json').replace('"price": "24.99"', '"price": null'),
    );

    expect(mapVendorRecord(partial)).toMatchObject({ reason: 'partial' });
    expect(mapVendorRecord(completed(partial, fixtureText('storefront/orders-create.json')))).toMatchObject({
      ok: true,
    });
  });

  it.each([
    ['crm', '', 'not json', 'fetched record: invalid JSON'],
    ['crm', '', '[1, 2]', 'fetched record is not a JSON object'],
    ['storefront', 'inventory_levels/update', '{"id": 1}', 'fetched inventory item has no string "sku"'],
    ['storefront', 'fulfillments/create', '{"id": 1}', 'has no completion for event type "fulfillments/create"'],
    ['payments', '', '{"id": "pi_1"}', 'has no completion'],
    ['nowhere', '', '{}', 'no mappers for source "nowhere"'],
  ])('refuses to complete a %s %j record with %s', (source, eventType, fetched, error) => {
    const record = vendorRecord(source, eventType, '{}');

    expect(completeVendorRecord(record, fetched)).toEqual({ ok: false, error: expect.stringContaining(error) });
  });

  it('refuses to complete an ERP record whose body is not an envelope', () => {
    const record = vendorRecord('erp', '', '{"data": {}}');

    expect(completeVendorRecord(record, '{}')).toEqual({
      ok: false,
      error: 'webhook envelope lacks a string type or timestamp',
    });
  });
});
