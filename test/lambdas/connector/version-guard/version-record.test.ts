import fc from 'fast-check';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { decideClaim, versionPartition, versionRecordFrom } from '../../../../lambdas/connector/version-guard';

describe('version records', () => {
  test('an item read back, or returned by a refused write as ALL_OLD, becomes the record it stores', () => {
    const item: Record<string, AttributeValue> = {
      pk: { S: versionPartition('storefront') },
      sk: { S: 'SKU-1@erp:main' },
      appliedVersion: { N: '12' },
      leaseOwner: { S: 'attempt-2' },
      leaseVersion: { N: '14' },
      leaseExpiresAt: { N: '5000' },
    };

    const record = versionRecordFrom(item);

    expect(record).toEqual({ appliedVersion: 12, lease: { owner: 'attempt-2', version: 14, expiresAtMs: 5000 } });
    expect(decideClaim(record, 13, 'attempt-3', 4000)).toEqual({ outcome: 'busy', retryAfterMs: 1000 });
    expect(decideClaim(record, 11, 'attempt-3', 4000)).toEqual({ outcome: 'stale', appliedVersion: 12 });
  });

  test('a missing item is no record, and a released item has neither version nor lease', () => {
    expect(versionRecordFrom(undefined)).toBeUndefined();
    expect(versionRecordFrom({ pk: { S: 'version#x' }, sk: { S: 'k' } })).toEqual({});
  });

  test('a lease missing one of its attributes, or with a non-numeric one, counts as no lease', () => {
    expect(versionRecordFrom({ leaseOwner: { S: 'a' }, leaseVersion: { N: '3' } })).toEqual({});
    expect(versionRecordFrom({ leaseOwner: { S: 'a' }, leaseVersion: { N: 'x' }, leaseExpiresAt: { N: '1' } })).toEqual(
      {},
    );
  });

  test('any item shape is read without throwing', () => {
    const value = fc.oneof(
      fc.record({ S: fc.string() }),
      fc.record({ N: fc.oneof(fc.string(), fc.integer().map(String)) }),
      fc.record({ BOOL: fc.boolean() }),
    ) as fc.Arbitrary<AttributeValue>;
    const names = fc.constantFrom('appliedVersion', 'leaseOwner', 'leaseVersion', 'leaseExpiresAt', 'other');

    fc.assert(
      fc.property(fc.dictionary(names, value), (item) => {
        const record = versionRecordFrom(item);
        if (record?.appliedVersion !== undefined) expect(Number.isFinite(record.appliedVersion)).toBe(true);
      }),
    );
  });
});
