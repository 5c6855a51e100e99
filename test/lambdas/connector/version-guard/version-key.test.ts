import fc from 'fast-check';
import { inventoryKey, inventoryVersionKey } from '../../../../lambdas/connector/version-guard';
import { inventoryLevelEvent } from '../../../helpers/canonical-event-factories';

describe('inventory version keys', () => {
  test('a level is keyed <sku>@<location> and versioned by its entity version', () => {
    const event = inventoryLevelEvent({ version: 77, data: { sku: 'SKU-1', location: 'erp:main' } });

    expect(inventoryVersionKey(event)).toEqual({ key: 'SKU-1@erp:main', version: 77 });
  });

  test('@ and % in a SKU are escaped so the first @ always ends the SKU', () => {
    expect(inventoryKey('a@b', 'erp:c')).toBe('a%40b@erp:c');
    expect(inventoryKey('50%', 'erp:c')).toBe('50%25@erp:c');
  });

  test('no two (SKU, location) pairs share a key, however their text is made', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '@', '%', '4', '0', ':'), minLength: 1, maxLength: 6 });
    const location = text.map((id) => `erp:${id}`);

    fc.assert(
      fc.property(text, location, text, location, (skuA, locationA, skuB, locationB) => {
        fc.pre(skuA !== skuB || locationA !== locationB);
        expect(inventoryKey(skuA, locationA)).not.toBe(inventoryKey(skuB, locationB));
      }),
      { numRuns: 2_000 },
    );
  });
});
