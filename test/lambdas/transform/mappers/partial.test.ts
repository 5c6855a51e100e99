import { mapVendorRecord, splitVendorRecord } from '../../../../lambdas/transform/mappers';
import { fixturePayload, fixtureRecord, toVendorJson, vendorRecord, withField, withoutField } from './helpers/fixtures';

function mapEdited(source: string, eventType: string, payload: unknown) {
  return mapVendorRecord(vendorRecord(source, eventType, toVendorJson(payload)));
}

describe('partial records', () => {
  it('holds back a HubSpot webhook, which carries only the contact id, and names the contact to fetch', () => {
    const result = mapVendorRecord(fixtureRecord('crm', '', 'crm/hubspot-webhook-contact_creation.json'));

    expect(result).toEqual({
      ok: false,
      reason: 'partial',
      issues: [{ path: '0.objectId', message: expect.stringContaining('contact 123: name and updatedAt') }],
      completion: { entity: 'contacts', id: '123' },
    });
  });

  it('gives a HubSpot batch about two contacts no single completion, and splits it into one record each', () => {
    const [event] = fixturePayload('crm/hubspot-webhook-contact_creation.json') as Record<string, unknown>[];
    const batch = [
      event,
      { ...event, eventId: 2, objectId: 456 },
      { ...event, eventId: 3, subscriptionType: 'contact.propertyChange' },
    ];
    const record = vendorRecord('crm', '', JSON.stringify(batch));

    const whole = mapVendorRecord(record);
    const parts = splitVendorRecord(record).map(mapVendorRecord);

    expect(whole).toMatchObject({
      ok: false,
      reason: 'partial',
      issues: [{ path: '0.objectId' }, { path: '1.objectId' }],
    });
    expect(whole).not.toHaveProperty('completion');
    expect(parts.map((part) => (part.ok ? undefined : part.completion))).toEqual([
      { entity: 'contacts', id: '123' },
      { entity: 'contacts', id: '456' },
    ]);
  });

  it('holds back a Business Central notification that names the item without carrying it', () => {
    const result = mapVendorRecord(fixtureRecord('erp', '', 'erp/item-updated-notification.json'));

    expect(result).toMatchObject({
      ok: false,
      reason: 'partial',
      completion: { entity: 'items', id: '26814998-936a-401c-81c1-0e848a64971d' },
    });
  });

  it('holds back a Business Central item returned without its inventory at peak', () => {
    const result = mapVendorRecord(fixtureRecord('erp', '', 'erp/item-updated-without-inventory.json'));

    expect(result).toEqual({
      ok: false,
      reason: 'partial',
      issues: [{ path: 'data.inventory', message: expect.stringContaining('available is required') }],
      completion: { entity: 'items', id: 'fca5738a-44e3-ea11-bb43-000d3a2feca1' },
    });
  });

  it('holds back a Business Central customer without display name or modification time', () => {
    let payload = withField(fixturePayload('erp/customer-updated.json'), 'data.displayName', '');
    payload = withoutField(payload, 'data.lastModifiedDateTime');

    expect(mapEdited('erp', '', payload)).toEqual({
      ok: false,
      reason: 'partial',
      issues: [
        { path: 'data.displayName', message: expect.stringContaining('name is required') },
        { path: 'data.lastModifiedDateTime', message: expect.stringContaining('updatedAt is required') },
      ],
      completion: { entity: 'customers', id: 'f2a5738a-44e3-ea11-bb43-000d3a2feca1' },
    });
  });

  it('holds back a Shopify order line without a price, naming the line and the order to fetch', () => {
    const payload = withField(fixturePayload('storefront/orders-create.json'), 'line_items.2.price', null);

    expect(mapEdited('storefront', 'orders/create', payload)).toEqual({
      ok: false,
      reason: 'partial',
      issues: [{ path: 'line_items.2.price', message: expect.stringContaining('lines[].unitPrice is required') }],
      completion: { entity: 'orders', id: '820982911946154508' },
    });
  });

  it('holds back a Shopify inventory level, which names the inventory item but not its SKU', () => {
    const result = mapVendorRecord(
      fixtureRecord('storefront', 'inventory_levels/update', 'storefront/inventory_levels-update.json'),
    );

    expect(result).toMatchObject({
      reason: 'partial',
      completion: { entity: 'inventory_items', id: '271878346596884015' },
    });
  });

  it('holds back an untracked Shopify inventory level without offering a completion that cannot help', () => {
    const payload = withField(fixturePayload('storefront/inventory_levels-update.json'), 'available', null);

    const result = mapEdited('storefront', 'inventory_levels/update', { ...(payload as object), sku: 'SKU2006-001' });

    expect(result).toEqual({
      ok: false,
      reason: 'partial',
      issues: [{ path: 'available', message: expect.stringContaining('not tracked') }],
    });
  });

  it('holds back a Shopify refund whose money has no currency anywhere (XXX)', () => {
    let payload = fixturePayload('storefront/refunds-create.json') as { refund_line_items: unknown[] };
    payload = { ...payload, refund_line_items: [] };
    payload = withField(payload, 'total_duties_set.shop_money.currency_code', 'XXX') as typeof payload;

    expect(mapEdited('storefront', 'refunds/create', payload)).toMatchObject({
      reason: 'partial',
      issues: [{ path: 'transactions.0.currency' }, { path: 'transactions.1.currency' }],
    });
  });

  it.each([
    [
      'storefront',
      'customers/update',
      'storefront/customers-update.json',
      ['first_name', 'last_name', 'default_address.name'],
    ],
    ['crm', 'contact', 'crm/hubspot-contact.json', ['properties.firstname', 'properties.lastname']],
  ])('holds back a %s customer without any name, which has no canonical name', (source, eventType, fixture, names) => {
    const payload = names.reduce((edited, path) => withField(edited, path, null), fixturePayload(fixture));

    expect(mapEdited(source, eventType, payload)).toMatchObject({
      ok: false,
      reason: 'partial',
      issues: [{ message: expect.stringContaining('name is required') }],
    });
  });
});
