import fc from 'fast-check';
import { SOURCE_EVENT_TYPES, sourceEventTypes } from '../../../../lambdas/shared/source-event-types';
import { mapVendorRecord } from '../../../../lambdas/transform/mappers';
import { canonicalEventSchema } from '../../../../schemas';
import { fixtureCases, fixturePayload, fixtureRecord, toVendorJson, vendorRecord, withField } from './helpers/fixtures';

const SOURCES = ['storefront', 'payments', 'erp', 'logistics', 'crm'] as const;

describe('mapVendorRecord dispatch', () => {
  it('has a mapper for every event type the ingest accepts, and the ingest accepts nothing else', () => {
    for (const [source, eventTypes] of Object.entries(SOURCE_EVENT_TYPES)) {
      for (const eventType of eventTypes) {
        // The type where each vendor puts it; the payload is otherwise empty, so a mapper that exists finds drift.
        const body = JSON.stringify(source === 'crm' ? [{ subscriptionType: eventType }] : { type: eventType });
        const result = mapVendorRecord(vendorRecord(source, eventType, body));
        expect({ source, eventType, reason: result.ok ? 'mapped' : result.reason }).toEqual({
          source,
          eventType,
          reason: 'drift',
        });
      }
    }
    expect(sourceEventTypes('payments')).toContain('refund.failed');
    expect(sourceEventTypes('toString')).toEqual([]);
  });

  it.each([
    ['nowhere', 'orders/create', '{}', 'no mappers for source "nowhere"'],
    ['storefront', 'products/update', '{}', 'no mapper for event type "products/update" from source "storefront"'],
    ['payments', '', '{"type": "plan.created"}', 'no mapper for event type "plan.created" from source "payments"'],
    ['erp', '', '{"type": "item.deleted"}', 'no mapper for event type "item.deleted" from source "erp"'],
    ['logistics', '', '{"object": "Tracker"}', 'no logistics mapper for event type ""'],
    ['crm', 'company.creation', '[]', 'no mapper for event type "company.creation" from source "crm"'],
    [
      'crm',
      '',
      '[{"subscriptionType": "company.creation", "objectId": 1}]',
      'no CRM mapper for the subscription types in this batch',
    ],
  ])('answers unsupported-event-type for %s %j', (source, eventType, body, message) => {
    expect(mapVendorRecord(vendorRecord(source, eventType, body))).toEqual({
      ok: false,
      reason: 'unsupported-event-type',
      issues: [{ path: '', message }],
    });
  });

  it('answers unparsable with the parser error for a body that is not JSON', () => {
    expect(mapVendorRecord(vendorRecord('storefront', 'orders/create', '{"id": 1'))).toEqual({
      ok: false,
      reason: 'unparsable',
      issues: [{ path: '', message: expect.stringContaining('invalid JSON: expected "," at position 8') }],
    });
  });

  it('answers drift when a type-in-body vendor sends something other than an object', () => {
    expect(mapVendorRecord(vendorRecord('payments', '', '[]'))).toMatchObject({
      reason: 'drift',
      issues: [{ path: '', message: 'expected a JSON object' }],
    });
  });
});

describe('unknown fields', () => {
  it('tolerates fields the mapper does not know and counts each path once, array positions as *', () => {
    let payload = withField(fixturePayload('storefront/orders-create.json'), 'loyalty_tier', 'gold');
    payload = withField(payload, 'line_items.0.gift_wrap', true);
    payload = withField(payload, 'line_items.3.gift_wrap', false);

    const result = mapVendorRecord(vendorRecord('storefront', 'orders/create', toVendorJson(payload)));

    if (!result.ok) throw new Error(`expected the order to map, got ${result.reason}`);
    expect(result.unknownFields).toEqual(expect.arrayContaining(['loyalty_tier', 'line_items.*.gift_wrap']));
    expect(result.unknownFields.filter((path) => path === 'line_items.*.gift_wrap')).toHaveLength(1);
    expect(result.unknownFields).not.toContain('line_items.*.price');
  });

  it('reports nothing unknown for a payload made only of relied-on fields', () => {
    expect(
      mapVendorRecord(
        fixtureRecord(
          'logistics',
          'order.shipment.tracking_received',
          'logistics/shipbob-order_shipment_tracking_received.json',
        ),
      ),
    ).toMatchObject({
      ok: true,
      unknownFields: [],
    });
  });
});

describe('ids above 2^53', () => {
  it('keeps Shopify ids exact from the webhook to the canonical event', () => {
    const result = mapVendorRecord(fixtureRecord('storefront', 'orders/create', 'storefront/orders-create.json'));

    if (!result.ok) throw new Error(`expected the order to map, got ${result.reason}`);
    const [order] = result.events;
    expect(order?.subject).toBe('storefront:820982911946154508');
    expect(order?.data).toMatchObject({
      customer: { id: 'storefront:115310627314723954' },
      lines: expect.arrayContaining([expect.objectContaining({ lineId: '976318377106520349' })]),
    });
    expect(String(Number('820982911946154508'))).not.toBe('820982911946154508');
  });
});

describe('mapVendorRecord never throws', () => {
  const prototypeKeys = ['constructor', 'toString', '__proto__', 'hasOwnProperty'];
  const eventTypes = fc.oneof(
    fc.constantFrom('', ...SOURCES.flatMap((source) => sourceEventTypes(source)), ...prototypeKeys),
    fc.string({ maxLength: 12 }),
  );
  const sources = fc.constantFrom(...SOURCES, 'unknown', ...prototypeKeys);

  function assertWellFormed(source: string, eventType: string, body: string): void {
    const result = mapVendorRecord(vendorRecord(source, eventType, body));
    if (result.ok) for (const event of result.events) expect(canonicalEventSchema.safeParse(event).success).toBe(true);
    else expect(result.issues.length).toBeGreaterThan(0);
  }

  it.each([
    ['storefront', 'constructor', '{}'],
    ['payments', '', '{"type": "toString"}'],
    ['erp', '', '{"type": "hasOwnProperty"}'],
    ['logistics', 'constructor', '{}'],
    ['__proto__', '', '{}'],
  ])('treats the prototype key in %s %j as the unknown name it is', (source, eventType, body) => {
    expect(mapVendorRecord(vendorRecord(source, eventType, body))).toMatchObject({ reason: 'unsupported-event-type' });
  });

  it('for arbitrary strings', () => {
    fc.assert(fc.property(sources, eventTypes, fc.string({ unit: 'binary', maxLength: 80 }), assertWellFormed));
  });

  it('for arbitrary JSON', () => {
    fc.assert(fc.property(sources, eventTypes, fc.json({ maxDepth: 3 }), assertWellFormed));
  });

  it('for fixtures with any field replaced by arbitrary JSON', () => {
    const cases = fixtureCases();
    const mutation = fc.record({
      fixture: fc.constantFrom(...cases),
      replacement: fc.jsonValue({ maxDepth: 2 }),
      pick: fc.nat(),
    });
    fc.assert(
      fc.property(mutation, ({ fixture, replacement, pick }) => {
        const paths = leafPaths(fixturePayload(fixture.payload));
        const path = paths[pick % paths.length] ?? '';
        const payload = path === '' ? replacement : withField(fixturePayload(fixture.payload), path, replacement);
        assertWellFormed(fixture.source, fixture.eventType, toVendorJson(payload));
      }),
    );
  });
});

function leafPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const keys = Object.keys(value);
  const nested = keys.flatMap((key) =>
    leafPaths((value as Record<string, unknown>)[key], prefix ? `${prefix}.${key}` : key),
  );
  return prefix ? [prefix, ...nested] : nested;
}
