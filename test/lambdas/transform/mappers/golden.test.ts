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

  it('gives orders/create and orders/updated of the same order version one event id', () => {
    const created = mapFixture('storefront', 'orders/create', 'storefront/orders-create.json');
    const updated = mapFixture('storefront', 'orders/updated', 'storefront/orders-updated.json');

    if (!created.ok || !updated.ok) throw new Error('both orders should map');
    expect(created.events[0]?.id).toBe('storefront:order:820982911946154508:1640995200000');
    expect(updated.events[0]?.id).toBe(created.events[0]?.id);
  });
});
