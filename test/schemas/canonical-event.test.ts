import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROUTABLE_EVENT_TYPES } from '../../config/schema';
import {
  CANONICAL_DATA_SCHEMAS,
  CANONICAL_EVENT_TYPES,
  canonicalEventSchema,
  dataSchemaUri,
  moneySchema,
  type CanonicalEvent,
} from '../../schemas';

const fixtures = join(__dirname, '../fixtures');

function goldenEvent(expectedFile: string): CanonicalEvent {
  const result = JSON.parse(readFileSync(join(fixtures, expectedFile), 'utf8')) as { events: CanonicalEvent[] };
  const [event] = result.events;
  if (event === undefined) throw new Error(`${expectedFile} holds no event`);
  return event;
}

const order = goldenEvent('storefront/orders-create.expected.json');

describe('canonicalEventSchema', () => {
  it.each([
    'storefront/orders-create.expected.json',
    'storefront/customers-update.expected.json',
    'erp/item-updated.expected.json',
    'payments/refund-created.expected.json',
    'logistics/easypost-tracker_updated-event.expected.json',
  ])('accepts the golden event in %s', (file) => {
    expect(canonicalEventSchema.safeParse(goldenEvent(file)).success).toBe(true);
  });

  it('names every type the deployment configuration can route, and no other', () => {
    expect([...CANONICAL_EVENT_TYPES]).toEqual([...ROUTABLE_EVENT_TYPES]);
    expect(Object.keys(CANONICAL_DATA_SCHEMAS)).toEqual([...CANONICAL_EVENT_TYPES]);
  });

  it('tolerates an envelope attribute it does not know and drops it, so the contract can grow', () => {
    const parsed = canonicalEventSchema.parse({ ...order, traceparent: '00-abc-def-01' });

    expect(parsed).not.toHaveProperty('traceparent');
    expect(parsed.id).toBe(order.id);
  });

  it.each([
    ['a float amount', ['data', 'totals', 'total', 'amountMinor'], 404.95],
    ['a lower-case currency', ['data', 'currency'], 'usd'],
    ['a time with an offset', ['time'], '2021-12-31T19:00:00-05:00'],
    ['a time with 7 fractional digits', ['time'], '2025-10-23T15:55:09.3614767Z'],
    ['a negative entity version', ['entityversion'], -1],
    ['a data schema of another type', ['dataschema'], dataSchemaUri('interchange.customer.v1')],
    ['an unknown type', ['type'], 'interchange.order.v2'],
    ['a spec version other than 1.0', ['specversion'], '0.3'],
    ['an entity id without its source', ['data', 'id'], '820982911946154508'],
    ['a missing correlation id', ['correlationid'], undefined],
  ] as const)('refuses %s', (_what, path, value) => {
    const event = structuredClone(order) as unknown as Record<string, unknown>;
    const holder = path.slice(0, -1).reduce((node, key) => node[key] as Record<string, unknown>, event);
    holder[path[path.length - 1] as string] = value;

    expect(canonicalEventSchema.safeParse(event).success).toBe(false);
  });
});

describe('moneySchema', () => {
  it.each([
    [{ amountMinor: 8999, currency: 'USD' }, true],
    [{ amountMinor: 0, currency: 'JPY' }, true],
    [{ amountMinor: 89.99, currency: 'USD' }, false],
    [{ amountMinor: -1, currency: 'USD' }, false],
    [{ amountMinor: 2 ** 53, currency: 'USD' }, false],
    [{ amountMinor: '8999', currency: 'USD' }, false],
    [{ amountMinor: 8999, currency: 'US' }, false],
  ])('judges %j valid: %s', (money, valid) => {
    expect(moneySchema.safeParse(money).success).toBe(valid);
  });
});
