import fc from 'fast-check';
import { inventoryKey, orderedChange } from '../../../../lambdas/connector/version-guard';
import { customerEvent, inventoryLevelEvent } from '../../../helpers/canonical-event-factories';

describe('ordered changes', () => {
  test('a level is keyed <sku>@<location>, placed by its entity version and sequence', () => {
    const event = {
      ...inventoryLevelEvent({ version: 77, data: { sku: 'SKU-1', location: 'erp:main' } }),
      entitysequence: 4,
    };

    expect(orderedChange(event)).toEqual({
      key: 'SKU-1@erp:main',
      change: { version: 77, sequence: 4, eventId: event.id },
    });
  });

  test('any other entity is keyed by its type and subject; an event without a sequence sits at 0', () => {
    const event = customerEvent({ version: 9 });

    expect(orderedChange(event)).toEqual({
      key: `interchange.customer.v1|${event.subject}`,
      change: { version: 9, sequence: 0, eventId: event.id },
    });
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
