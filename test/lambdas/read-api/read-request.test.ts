import fc from 'fast-check';
import {
  decodeCursor,
  encodeCursor,
  ENTITY_PATHS,
  etagOf,
  matchesIfNoneMatch,
  MAX_ID_LENGTH,
  parseReadRequest,
} from '../../../lambdas/read-api/read-request';

const LIMITS = { default: 25, max: 100 };
const parse = (path: string, query?: Record<string, string>) => parseReadRequest(path, query, LIMITS);

describe('parseReadRequest', () => {
  test('one entity by id, the id percent-decoded and spanning segments', () => {
    expect(parse('/v1/orders/storefront%3A820982911946154508')).toEqual({
      ok: true,
      request: { kind: 'get', entity: 'order', id: 'storefront:820982911946154508' },
    });
    expect(parse('/v1/inventory-levels/storefront:24826418/SKU-1')).toEqual({
      ok: true,
      request: { kind: 'get', entity: 'inventory-level', id: 'storefront:24826418/SKU-1' },
    });
  });

  test('a list with its defaults, and with updatedSince normalised to UTC', () => {
    expect(parse('/v1/customers')).toEqual({ ok: true, request: { kind: 'list', entity: 'customer', limit: 25 } });
    expect(parse('/v1/payments', { updatedSince: '2026-12-01T10:00:00+01:00', limit: '100' })).toEqual({
      ok: true,
      request: { kind: 'list', entity: 'payment', limit: 100, updatedSince: '2026-12-01T09:00:00.000Z' },
    });
  });

  test.each([
    ['/v2/orders/1', undefined],
    ['/v1/constructor/1', undefined],
    ['/v1/order/1', undefined],
    ['/v1/orders/', undefined],
    ['/v1/orders/%ZZ', undefined],
    ['/v1/orders/a%0Ab', undefined],
    [`/v1/orders/${'x'.repeat(MAX_ID_LENGTH + 1)}`, undefined],
    ['/v1/orders/1', { limit: '5' }],
    ['/v1/orders', { limit: '101' }],
    ['/v1/orders', { limit: '-1' }],
    ['/v1/orders', { limit: '1.5' }],
    ['/v1/orders', { updatedSince: '2026-12-01' }],
    ['/v1/orders', { cursor: encodeCursor({ pk: 'customer#1', updatedAt: '2026-12-01T00:00:00.000Z' }) }],
    ['/v1/orders', { sort: 'asc' }],
  ])('%s %j is refused with a message', (path, query) => {
    const parsed = parse(path, query);
    expect(parsed).toEqual({ ok: false, message: expect.any(String) });
  });

  test('fuzzed: never throws; accepts exactly the entity paths; any accepted id decodes back to what was sent', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...Object.keys(ENTITY_PATHS)), fc.string()),
        fc.option(fc.string({ minLength: 0, maxLength: 600 })),
        fc.dictionary(fc.constantFrom('limit', 'updatedSince', 'cursor', 'x'), fc.string()),
        (entity, id, query) => {
          const path = id === null ? `/v1/${entity}` : `/v1/${entity}/${encodeURIComponent(id)}`;
          const parsed = parse(path, query);
          if (!parsed.ok) return;
          expect(Object.keys(ENTITY_PATHS)).toContain(entity);
          if (parsed.request.kind === 'get') {
            expect(parsed.request.id).toBe(id);
            expect(Object.keys(query)).toHaveLength(0);
          } else {
            expect(parsed.request.limit).toBeGreaterThanOrEqual(1);
            expect(parsed.request.limit).toBeLessThanOrEqual(LIMITS.max);
          }
        },
      ),
    );
  });

  test('fuzzed raw paths never throw', () => {
    fc.assert(fc.property(fc.string(), (tail) => void parse(`/v1/${tail}`)));
  });
});

describe('cursors', () => {
  test('round-trip within their entity only, and refuse anything else', () => {
    const cursor = { pk: 'order#storefront:1', updatedAt: '2026-12-01T10:00:00.000Z' };
    expect(decodeCursor(encodeCursor(cursor), 'order')).toEqual(cursor);
    expect(decodeCursor(encodeCursor(cursor), 'customer')).toBeUndefined();
    fc.assert(fc.property(fc.string(), (text) => void decodeCursor(text, 'order')));
  });
});

describe('ETags', () => {
  const item = { entityVersion: 1700, entitySequence: 3, eventId: 'evt_1' };

  test('change with the version, the sequence and the event, and are quoted', () => {
    expect(etagOf(item)).toMatch(/^"1700\.3\.[A-Za-z0-9_-]{16}"$/);
    expect(etagOf({ ...item, eventId: 'evt_2' })).not.toBe(etagOf(item));
    expect(etagOf({ ...item, entitySequence: 4 })).not.toBe(etagOf(item));
  });

  test('If-None-Match matches the tag, a weak copy of it, one in a list, or *', () => {
    const etag = etagOf(item);
    expect(matchesIfNoneMatch(etag, etag)).toBe(true);
    expect(matchesIfNoneMatch(`W/${etag}`, etag)).toBe(true);
    expect(matchesIfNoneMatch(`"other", ${etag}`, etag)).toBe(true);
    expect(matchesIfNoneMatch('*', etag)).toBe(true);
    expect(matchesIfNoneMatch('"other"', etag)).toBe(false);
    expect(matchesIfNoneMatch(undefined, etag)).toBe(false);
  });
});
