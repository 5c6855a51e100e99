import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mapVendorRecord, type MapResult } from '../../../../lambdas/transform/mappers';
import { canonicalEventSchema } from '../../../../schemas';
import { FIXTURES_DIRECTORY, fixtureCases, fixtureText } from './helpers/fixtures';

function mapFixture(source: string, eventType: string, payload: string): MapResult {
  return mapVendorRecord({
    source,
    eventType,
    body: fixtureText(payload),
    correlationId: 'corr-golden',
    receivedAt: '2026-01-01T00:00:00.000Z',
  });
}

describe('golden vendor fixtures', () => {
  it.each(
    fixtureCases().map((fixture) => [
      `${fixture.source} ${fixture.eventType || '(type in body)'} ${fixture.payload}`,
      fixture,
    ]),
  )('%s maps to its committed expected result', (_name, fixture) => {
    const expected: unknown = JSON.parse(readFileSync(join(FIXTURES_DIRECTORY, fixture.expected), 'utf8'));

    const result = mapFixture(fixture.source, fixture.eventType, fixture.payload);

    expect(JSON.parse(JSON.stringify(result))).toEqual(expected);
  });

  it('produces only events the canonical schema accepts', () => {
    const events = fixtureCases().flatMap((fixture) => {
      const result = mapFixture(fixture.source, fixture.eventType, fixture.payload);
      return result.ok ? result.events : [];
    });

    expect(events.length).toBeGreaterThanOrEqual(15);
    for (const event of events) expect(canonicalEventSchema.safeParse(event).success).toBe(true);
  });

  it('maps every fixture to the same result every time, so ids are deterministic', () => {
    for (const fixture of fixtureCases()) {
      expect(mapFixture(fixture.source, fixture.eventType, fixture.payload)).toEqual(
        mapFixture(fixture.source, fixture.eventType, fixture.payload),
      );
    }
  });

  it('gives the same change one id whatever topic brought it, and names it by its version and content', () => {
    const created = mapFixture('storefront', 'orders/create', 'storefront/orders-create.json');
    const updated = mapFixture('storefront', 'orders/updated', 'storefront/orders-updated.json');

    if (!created.ok || !updated.ok) throw new Error('both orders should map');
    expect(created.events[0]?.id).toMatch(/^storefront:order:820982911946154508:1640995200000-[\w-]{16}$/);
    expect(updated.events[0]?.id).toBe(created.events[0]?.id);
  });

  it('builds the id from the vendor event id when it has one, and orders same-version changes by sequence', () => {
    const body = fixtureText('storefront/orders-create.json');
    const record = { source: 'storefront', eventType: 'orders/updated', correlationId: 'c', receivedAt: '' };
    const pending = mapVendorRecord({ ...record, body, vendorEventId: 'evt-1', sequence: 10 });
    const paid = mapVendorRecord({
      ...record,
      body: body.replace('"financial_status": "voided"', '"financial_status": "paid"'),
      vendorEventId: 'evt-2',
      sequence: 11,
    });

    if (!pending.ok || !paid.ok) throw new Error('both orders should map');
    expect(pending.events[0]).toMatchObject({ id: 'storefront:order:820982911946154508:evt-1', entitysequence: 10 });
    expect(paid.events[0]).toMatchObject({ id: 'storefront:order:820982911946154508:evt-2', entitysequence: 11 });
    expect(paid.events[0]?.entityversion).toBe(pending.events[0]?.entityversion);
  });

  it('without a vendor event id, two changes within one second still get two ids', () => {
    const body = fixtureText('storefront/orders-create.json');
    const record = { source: 'storefront', eventType: 'orders/updated', correlationId: 'c', receivedAt: '' };
    const first = mapVendorRecord({ ...record, body });
    const second = mapVendorRecord({
      ...record,
      body: body.replace('"total_price": "404.95"', '"total_price": "405.95"'),
    });

    if (!first.ok || !second.ok) throw new Error('both orders should map');
    expect(first.events[0]?.entityversion).toBe(second.events[0]?.entityversion);
    expect(first.events[0]?.id).not.toBe(second.events[0]?.id);
  });
});
