import fc from 'fast-check';
import { CANONICAL_STATE_TABLE, CANONICAL_STATE_UPDATED_INDEX } from '../../../config/tables';
import {
  CANONICAL_ENTITIES,
  CANONICAL_STATE_ATTRIBUTES,
  canonicalStateItem,
  canonicalStateItemOf,
  canonicalStateKey,
  entityOfType,
  isNewer,
  refusedWriteKind,
  typeOfEntity,
} from '../../../lambdas/shared/canonical-state-record';
import { CANONICAL_EVENT_TYPES } from '../../../schemas';
import { inventoryLevelEvent } from '../../helpers/canonical-event-factories';

describe('canonicalStateKey', () => {
  test('is the middle part of the type, a #, and the subject', () => {
    expect(canonicalStateKey('interchange.inventory-level.v1', 'storefront:1/SKU-1')).toBe(
      'inventory-level#storefront:1/SKU-1',
    );
    expect(canonicalStateKey('interchange.order.v1', 'storefront:820982911946154508')).toBe(
      'order#storefront:820982911946154508',
    );
    expect(CANONICAL_ENTITIES).toEqual(['customer', 'order', 'inventory-level', 'payment', 'shipment']);
    for (const type of CANONICAL_EVENT_TYPES) expect(typeOfEntity(entityOfType(type)!)).toBe(type);
  });

  test('refuses a type that is not canonical and an empty subject', () => {
    expect(() => canonicalStateKey('interchange.order.v2', 'x')).toThrow(RangeError);
    expect(() => canonicalStateKey('constructor', 'x')).toThrow(RangeError);
    expect(() => canonicalStateKey('interchange.order.v1', '')).toThrow(RangeError);
  });

  test('the attribute names are the table layout and index keys', () => {
    expect(CANONICAL_STATE_ATTRIBUTES.key).toBe(CANONICAL_STATE_TABLE.partitionKey);
    expect(CANONICAL_STATE_ATTRIBUTES.entity).toBe(CANONICAL_STATE_UPDATED_INDEX.partitionKey);
    expect(CANONICAL_STATE_ATTRIBUTES.updatedAt).toBe(CANONICAL_STATE_UPDATED_INDEX.sortKey);
  });
});

describe('isNewer', () => {
  const stamp = fc.record({ entityVersion: fc.nat(), entitySequence: fc.nat() });

  test('anything is newer than nothing; equal is not newer', () => {
    expect(isNewer(undefined, { entityVersion: 0, entitySequence: 0 })).toBe(true);
    expect(isNewer({ entityVersion: 5, entitySequence: 1 }, { entityVersion: 5, entitySequence: 1 })).toBe(false);
  });

  test('orders by version, then sequence, as a strict total order', () => {
    fc.assert(
      fc.property(stamp, stamp, (a, b) => {
        const lexical =
          a.entityVersion !== b.entityVersion ? b.entityVersion > a.entityVersion : b.entitySequence > a.entitySequence;
        expect(isNewer(a, b)).toBe(lexical);
        if (isNewer(a, b)) expect(isNewer(b, a)).toBe(false);
      }),
    );
  });

  test('a higher sequence never beats a higher version', () => {
    expect(isNewer({ entityVersion: 2, entitySequence: 0 }, { entityVersion: 1, entitySequence: 99 })).toBe(false);
  });

  test('a refusal of the same version, sequence and event is a duplicate; anything else refused is stale', () => {
    const stored = { entityVersion: 5, entitySequence: 1, eventId: 'e1' };
    expect(refusedWriteKind(stored, { ...stored })).toBe('duplicate');
    expect(refusedWriteKind(stored, { ...stored, eventId: 'e2' })).toBe('stale');
    expect(refusedWriteKind(stored, { ...stored, entityVersion: 4 })).toBe('stale');
  });
});

describe('canonicalStateItem', () => {
  test('reads back what it writes, and refuses items that are not canonical state', () => {
    const event = inventoryLevelEvent();
    const item = canonicalStateItem(event, '2026-12-01T00:00:00.000Z', { inline: JSON.stringify(event.data) });
    expect(item.entitySequence).toBe(0);
    expect(canonicalStateItemOf(item)).toEqual(item);
    expect(canonicalStateItemOf(undefined)).toBeUndefined();
    expect(canonicalStateItemOf({ ...item, entityVersion: '5' })).toBeUndefined();
    expect(canonicalStateItemOf({ ...item, entity: 'order' })).toBeUndefined();
    expect(canonicalStateItemOf({ ...item, dataPointer: '{}' })).toBeUndefined();
    const { data: _data, ...withoutData } = item;
    expect(canonicalStateItemOf(withoutData)).toBeUndefined();
  });
});
