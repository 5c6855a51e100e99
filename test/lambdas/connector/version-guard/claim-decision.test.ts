import fc from 'fast-check';
import { decideClaim, isAfter, type VersionRecord } from '../../../../lambdas/connector/version-guard';

const NOW = 1_000_000;
/** A change at `version` (and `sequence`), with an event id naming both. */
const change = (version: number, sequence = 0) => ({ version, sequence, eventId: `e${version}.${sequence}` });
const lease = (owner: string, version: number, expiresAtMs: number, sequence = 0) => ({
  owner,
  ...change(version, sequence),
  expiresAtMs,
});
const applied = (version: number, sequence = 0): { version: number; sequence: number; eventId?: string } =>
  change(version, sequence);

describe('claim decision', () => {
  test.each<[string, VersionRecord | undefined, ReturnType<typeof change>, ReturnType<typeof decideClaim>]>([
    ['nothing recorded yet', undefined, change(5), { outcome: 'claimed' }],
    ['an older version applied', { applied: applied(4) }, change(5), { outcome: 'claimed' }],
    ['this very event applied', { applied: applied(5) }, change(5), { outcome: 'duplicate' }],
    [
      'another event of the same change position applied',
      { applied: { ...applied(5), eventId: 'x' } },
      change(5),
      {
        outcome: 'stale',
        applied: { ...applied(5), eventId: 'x' },
      },
    ],
    ['a newer version applied', { applied: applied(9) }, change(5), { outcome: 'stale', applied: applied(9) }],
    ['the same version, an earlier sequence applied', { applied: applied(5, 1) }, change(5, 2), { outcome: 'claimed' }],
    [
      'the same version, a later sequence applied',
      { applied: applied(5, 3) },
      change(5, 2),
      {
        outcome: 'stale',
        applied: applied(5, 3),
      },
    ],
    [
      'another owner’s live lease',
      { lease: lease('b', 7, NOW + 250) },
      change(5),
      {
        outcome: 'busy',
        retryAfterMs: 250,
        sameEvent: false,
      },
    ],
    [
      'a live lease held by a copy of this event',
      { lease: lease('b', 5, NOW + 250) },
      change(5),
      {
        outcome: 'busy',
        retryAfterMs: 250,
        sameEvent: true,
      },
    ],
    ['its own lease', { lease: lease('a', 5, NOW + 250) }, change(5), { outcome: 'claimed' }],
    ['a lease ending now', { lease: lease('b', 5, NOW) }, change(5), { outcome: 'claimed' }],
    ['a run-out lease', { lease: lease('b', 4, NOW - 1), claimed: change(4) }, change(5), { outcome: 'claimed' }],
    [
      'a newer change claimed (delivered, in doubt or to be retried)',
      { claimed: change(8) },
      change(5),
      { outcome: 'stale', applied: change(8) },
    ],
    ['a later sequence claimed', { claimed: change(5, 9) }, change(5, 3), { outcome: 'stale', applied: change(5, 9) }],
    ['this very change claimed before (its retry)', { claimed: change(8) }, change(8), { outcome: 'claimed' }],
    ['an older change claimed', { applied: applied(3), claimed: change(4) }, change(5), { outcome: 'claimed' }],
    [
      'a newer change claimed and still in flight: stale, not busy',
      { claimed: change(8), lease: lease('b', 8, NOW + 250) },
      change(5),
      { outcome: 'stale', applied: change(8) },
    ],
  ])('with %s, a claim is answered as expected', (_name, record, claimed, expected) => {
    expect(decideClaim(record, claimed, 'a', NOW)).toEqual(expected);
  });

  test('a change is after another by version, then by sequence', () => {
    expect(isAfter(change(2, 0), change(1, 9))).toBe(true);
    expect(isAfter(change(2, 5), change(2, 4))).toBe(true);
    expect(isAfter(change(2, 4), change(2, 4))).toBe(false);
    expect(isAfter(change(1, 9), change(2, 0))).toBe(false);
  });

  const positions = fc.record({ version: fc.nat(6), sequence: fc.nat(3) });
  const records = fc.record(
    {
      applied: positions.map(({ version, sequence }) => applied(version, sequence)),
      claimed: positions.map(({ version, sequence }) => change(version, sequence)),
      lease: fc.record({
        owner: fc.constantFrom('a', 'b'),
        version: fc.nat(6),
        sequence: fc.nat(3),
        eventId: fc.constantFrom('e1.0', 'e2.0', 'other'),
        expiresAtMs: fc.integer({ min: NOW - 50, max: NOW + 50 }),
      }),
    },
    { requiredKeys: [] },
  );

  test('a change at or before the applied one, or before another claimed, is never claimed: stale or duplicate', () => {
    fc.assert(
      fc.property(records, positions, (record, { version, sequence }) => {
        const asked = change(version, sequence);
        const decision = decideClaim(record, asked, 'a', NOW);
        const superseded =
          (record.applied !== undefined && !isAfter(asked, record.applied)) ||
          (record.claimed !== undefined && record.claimed.eventId !== asked.eventId && !isAfter(asked, record.claimed));
        if (superseded) expect(['stale', 'duplicate']).toContain(decision.outcome);
        if (decision.outcome === 'stale') expect(isAfter(change(version, sequence), decision.applied)).toBe(false);
      }),
    );
  });

  test('another owner’s live lease is never claimed over, and busy always waits for its end', () => {
    fc.assert(
      fc.property(records, positions, (record, { version, sequence }) => {
        const decision = decideClaim(record, change(version, sequence), 'a', NOW);
        const blocking = record.lease && record.lease.owner !== 'a' && record.lease.expiresAtMs > NOW;
        if (blocking) expect(decision.outcome).not.toBe('claimed');
        if (decision.outcome === 'busy') expect(decision.retryAfterMs).toBe(record.lease!.expiresAtMs - NOW);
      }),
    );
  });
});
