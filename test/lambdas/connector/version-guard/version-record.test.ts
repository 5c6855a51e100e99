import fc from 'fast-check';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { decideClaim, versionPartition, versionRecordFrom } from '../../../../lambdas/connector/version-guard';

describe('version records', () => {
  test('an item read back, or returned by a refused write as ALL_OLD, becomes the record it stores', () => {
    const item: Record<string, AttributeValue> = {
      pk: { S: versionPartition('storefront') },
      sk: { S: 'SKU-1@erp:main' },
      appliedVersion: { N: '12' },
      appliedSequence: { N: '3' },
      appliedEventId: { S: 'evt-12' },
      leaseOwner: { S: 'attempt-2' },
      leaseVersion: { N: '14' },
      leaseSequence: { N: '0' },
      leaseEventId: { S: 'evt-14' },
      leaseExpiresAt: { N: '5000' },
      claimedVersion: { N: '14' },
      claimedSequence: { N: '0' },
      claimedEventId: { S: 'evt-14' },
    };

    const record = versionRecordFrom(item);

    expect(record).toEqual({
      applied: { version: 12, sequence: 3, eventId: 'evt-12' },
      claimed: { version: 14, sequence: 0, eventId: 'evt-14' },
      lease: { owner: 'attempt-2', version: 14, sequence: 0, eventId: 'evt-14', expiresAtMs: 5000 },
    });
    expect(decideClaim(record, { version: 15, sequence: 0, eventId: 'evt-15' }, 'attempt-3', 4000)).toEqual({
      outcome: 'busy',
      retryAfterMs: 1000,
      sameEvent: false,
    });
    expect(decideClaim(record, { version: 13, sequence: 0, eventId: 'evt-13' }, 'attempt-3', 4000)).toMatchObject({
      outcome: 'stale',
    });
    expect(decideClaim(record, { version: 11, sequence: 0, eventId: 'evt-11' }, 'attempt-3', 4000)).toMatchObject({
      outcome: 'stale',
    });
  });

  test('an item written before sequences existed reads its sequences as 0', () => {
    expect(
      versionRecordFrom({
        appliedVersion: { N: '12' },
        leaseOwner: { S: 'a' },
        leaseVersion: { N: '13' },
        leaseExpiresAt: { N: '1' },
      }),
    ).toEqual({
      applied: { version: 12, sequence: 0 },
      lease: { owner: 'a', version: 13, sequence: 0, expiresAtMs: 1 },
    });
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
    const names = fc.constantFrom(
      'appliedVersion',
      'appliedSequence',
      'leaseOwner',
      'leaseVersion',
      'leaseSequence',
      'leaseExpiresAt',
      'other',
    );

    fc.assert(
      fc.property(fc.dictionary(names, value), (item) => {
        const record = versionRecordFrom(item);
        if (record?.applied !== undefined) expect(Number.isFinite(record.applied.sequence)).toBe(true);
      }),
    );
  });
});
