import fc from 'fast-check';
import { decideClaim, type VersionRecord } from '../../../../lambdas/connector/version-guard';

const NOW = 1_000_000;
const lease = (owner: string, version: number, expiresAtMs: number) => ({ owner, version, expiresAtMs });

describe('claim decision', () => {
  test.each<[string, VersionRecord | undefined, number, ReturnType<typeof decideClaim>]>([
    ['nothing recorded yet', undefined, 5, { outcome: 'claimed' }],
    ['an older version applied', { appliedVersion: 4 }, 5, { outcome: 'claimed' }],
    ['the same version applied', { appliedVersion: 5 }, 5, { outcome: 'stale', appliedVersion: 5 }],
    ['a newer version applied', { appliedVersion: 9 }, 5, { outcome: 'stale', appliedVersion: 9 }],
    ['another owner’s live lease', { lease: lease('b', 7, NOW + 250) }, 5, { outcome: 'busy', retryAfterMs: 250 }],
    ['a live lease on an older version', { lease: lease('b', 3, NOW + 1) }, 5, { outcome: 'busy', retryAfterMs: 1 }],
    ['its own lease', { lease: lease('a', 5, NOW + 250) }, 5, { outcome: 'claimed' }],
    ['a lease ending now', { lease: lease('b', 5, NOW) }, 5, { outcome: 'claimed' }],
    ['a run-out lease on an older version', { lease: lease('b', 4, NOW - 1) }, 5, { outcome: 'claimed' }],
    [
      'a run-out lease on a newer version',
      { lease: lease('b', 8, NOW - 1) },
      5,
      { outcome: 'stale', appliedVersion: 8 },
    ],
    [
      'a newer version applied while another owner delivers',
      { appliedVersion: 6, lease: lease('b', 7, NOW + 100) },
      5,
      { outcome: 'stale', appliedVersion: 6 },
    ],
  ])('with %s, a claim is answered as expected', (_name, record, version, expected) => {
    expect(decideClaim(record, version, 'a', NOW)).toEqual(expected);
  });

  const records = fc.record(
    {
      appliedVersion: fc.nat(20),
      lease: fc.record({
        owner: fc.constantFrom('a', 'b'),
        version: fc.nat(20),
        expiresAtMs: fc.integer({ min: NOW - 50, max: NOW + 50 }),
      }),
    },
    { requiredKeys: [] },
  );

  test('a version at or below the applied one is always stale, and nothing above it ever is for that reason', () => {
    fc.assert(
      fc.property(records, fc.nat(20), (record, version) => {
        const decision = decideClaim(record, version, 'a', NOW);
        const applied = record.appliedVersion;
        if (applied !== undefined && version <= applied) {
          expect(decision).toEqual({ outcome: 'stale', appliedVersion: applied });
        }
        if (decision.outcome === 'stale') expect(decision.appliedVersion).toBeGreaterThanOrEqual(version);
      }),
    );
  });

  test('another owner’s live lease is never claimed over, and busy always waits for its end', () => {
    fc.assert(
      fc.property(records, fc.nat(20), (record, version) => {
        const decision = decideClaim(record, version, 'a', NOW);
        const blocking = record.lease && record.lease.owner !== 'a' && record.lease.expiresAtMs > NOW;
        if (blocking) expect(decision.outcome).not.toBe('claimed');
        if (decision.outcome === 'busy') expect(decision.retryAfterMs).toBe(record.lease!.expiresAtMs - NOW);
      }),
    );
  });
});
