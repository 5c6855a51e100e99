import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import {
  createVersionGuard,
  VersionGuardError,
  versionPartition,
  versionRecordFrom,
  type VersionGuard,
} from '../../../../lambdas/connector/version-guard';
import { manualClock } from '../../../local/downstream/helpers/http-call';
import { startLocalStateTable, type LocalStateTable } from '../helpers/local-state-table';

const LEASE_MS = 10_000;
/** A change at `version` (and `sequence`), with an event id naming both. */
const c = (version: number, sequence = 0) => ({ version, sequence, eventId: `e${version}.${sequence}` });
let table: LocalStateTable;
let keyCount = 0;
/** A key no other test touches, so tests share one table without seeing each other's records. */
const freshKey = () => `SKU-${(keyCount += 1)}@erp:main`;

beforeAll(async () => {
  table = await startLocalStateTable();
});
afterAll(() => table.close());

function guardAt(clock = manualClock(), destination = 'storefront'): VersionGuard {
  return createVersionGuard({ ...table, destination, leaseMs: LEASE_MS, now: clock.now });
}

async function stored(key: string, destination = 'storefront') {
  const { Item } = await table.client.send(
    new GetItemCommand({
      TableName: table.tableName,
      Key: { pk: { S: versionPartition(destination) }, sk: { S: key } },
      ConsistentRead: true,
    }),
  );
  return versionRecordFrom(Item);
}

describe('DynamoDB version guard', () => {
  test('a claim then a confirm records the change as applied under version#<destination> and frees the key', async () => {
    const guard = guardAt();
    const key = freshKey();

    await expect(guard.claim(key, c(5), 'attempt-1')).resolves.toEqual({ outcome: 'claimed' });
    await expect(guard.confirm(key, c(5), 'attempt-1')).resolves.toEqual({ outcome: 'confirmed' });

    expect(await stored(key)).toEqual({ applied: c(5), claimed: c(5) });
  });

  test('the applied event again is a duplicate; another change at or before it is stale', async () => {
    const guard = guardAt();
    const key = freshKey();
    await guard.claim(key, c(5, 2), 'attempt-1');
    await guard.confirm(key, c(5, 2), 'attempt-1');

    await expect(guard.claim(key, c(5, 2), 'attempt-2')).resolves.toEqual({ outcome: 'duplicate' });
    await expect(guard.claim(key, c(5, 1), 'attempt-3')).resolves.toEqual({ outcome: 'stale', applied: c(5, 2) });
    await expect(guard.claim(key, c(4), 'attempt-4')).resolves.toEqual({ outcome: 'stale', applied: c(5, 2) });
    await expect(guard.claim(key, c(5, 3), 'attempt-5')).resolves.toEqual({ outcome: 'claimed' });
  });

  test('a copy of the applied event with a later sequence (a vendor retry stamped on arrival) is still a duplicate', async () => {
    const guard = guardAt();
    const key = freshKey();
    await guard.claim(key, c(5, 1), 'attempt-1');
    await guard.confirm(key, c(5, 1), 'attempt-1');

    await expect(guard.claim(key, { ...c(5, 9), eventId: 'e5.1' }, 'attempt-2')).resolves.toEqual({
      outcome: 'duplicate',
    });
  });

  test('an item applied before sequences existed: the same version with a sequence is claimable once', async () => {
    const guard = guardAt();
    const key = freshKey();
    await table.client.send(
      new PutItemCommand({
        TableName: table.tableName,
        Item: { pk: { S: versionPartition('storefront') }, sk: { S: key }, appliedVersion: { N: '5' } },
      }),
    );

    await expect(guard.claim(key, c(5, 0), 'attempt-1')).resolves.toMatchObject({ outcome: 'stale' });
    await expect(guard.claim(key, c(5, 1), 'attempt-2')).resolves.toEqual({ outcome: 'claimed' });
  });

  test('two concurrent claims on one key: one is claimed, the other busy until the lease ends', async () => {
    const guard = guardAt();
    const key = freshKey();

    const outcomes = await Promise.all([guard.claim(key, c(7), 'attempt-a'), guard.claim(key, c(8), 'attempt-b')]);

    expect(outcomes.map((outcome) => outcome.outcome).sort()).toEqual(['busy', 'claimed']);
    expect(outcomes).toContainEqual({ outcome: 'busy', retryAfterMs: LEASE_MS, sameEvent: false });
  });

  test('two copies of one event: the second is told the same event is in flight', async () => {
    const guard = guardAt();
    const key = freshKey();
    await guard.claim(key, c(7), 'copy-1');

    await expect(guard.claim(key, c(7), 'copy-2')).resolves.toEqual({
      outcome: 'busy',
      retryAfterMs: LEASE_MS,
      sameEvent: true,
    });
  });

  test('a failed delivery released can be retried with the same change by its next attempt', async () => {
    const guard = guardAt();
    const key = freshKey();
    await guard.claim(key, c(3), 'attempt-1');

    await guard.release(key, 'attempt-1');

    await expect(guard.claim(key, c(3), 'attempt-2')).resolves.toEqual({ outcome: 'claimed' });
    await expect(guard.confirm(key, c(3), 'attempt-2')).resolves.toEqual({ outcome: 'confirmed' });
    expect(await stored(key)).toEqual({ applied: c(3), claimed: c(3) });
  });

  test('a fenced subject holds back a newer change until the fence passes, then the newer one may claim', async () => {
    const clock = manualClock();
    const guard = guardAt(clock);
    const key = freshKey();
    await guard.claim(key, c(3), 'timed-out');

    await guard.fence(key, 'timed-out', clock.now() + 30_000);
    clock.advance(LEASE_MS + 1);

    await expect(guard.claim(key, c(4), 'newer')).resolves.toMatchObject({ outcome: 'busy' });
    clock.advance(30_000);
    await expect(guard.claim(key, c(2), 'older')).resolves.toMatchObject({ outcome: 'stale' });
    await expect(guard.claim(key, c(4), 'newer')).resolves.toEqual({ outcome: 'claimed' });
  });

  test('a change whose send got no answer stays ahead of older ones after its retry is released unsent', async () => {
    const clock = manualClock();
    const guard = guardAt(clock);
    const key = freshKey();
    await guard.claim(key, c(148), 'timed-out');
    await guard.fence(key, 'timed-out', clock.now() + 10_000);
    clock.advance(10_000);
    // Its retry claims again, then finds no rate token (or a 503) and releases: the first send may still have landed.
    await expect(guard.claim(key, c(148), 'retry')).resolves.toEqual({ outcome: 'claimed' });
    await guard.release(key, 'retry');

    await expect(guard.claim(key, c(44), 'older')).resolves.toEqual({ outcome: 'stale', applied: c(148) });
    await expect(guard.claim(key, c(148), 'next-retry')).resolves.toEqual({ outcome: 'claimed' });
  });

  test('a newer change claimed over a run-out lease and released keeps both older changes out', async () => {
    const clock = manualClock();
    const guard = guardAt(clock);
    const key = freshKey();
    await guard.claim(key, c(10), 'stopped-mid-send');
    clock.advance(LEASE_MS);
    await guard.claim(key, c(11), 'newer');
    await guard.release(key, 'newer');

    await expect(guard.claim(key, c(9), 'older')).resolves.toMatchObject({ outcome: 'stale' });
    await expect(guard.claim(key, c(10), 'retry-of-10')).resolves.toMatchObject({ outcome: 'stale' });
    await expect(guard.claim(key, c(11), 'retry-of-11')).resolves.toEqual({ outcome: 'claimed' });
  });

  test('any run of claims, sends and answers: a claim never goes back, nor overlaps another owner’s lease', async () => {
    const step = fc.record({
      op: fc.constantFrom('claim', 'confirm', 'release', 'fence'),
      version: fc.integer({ min: 1, max: 5 }),
      owner: fc.constantFrom('a', 'b', 'c'),
      advanceMs: fc.constantFrom(0, 0, 1_000, LEASE_MS),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const clock = manualClock();
        const guard = guardAt(clock);
        const key = freshKey();
        /** The newest change claimed so far, and each owner's lease end and change, as the model sees them. */
        let newest: ReturnType<typeof c> | undefined;
        const leases = new Map<string, { change: ReturnType<typeof c>; untilMs: number }>();
        for (const { op, version, owner, advanceMs } of steps) {
          clock.advance(advanceMs);
          const held = leases.get(owner);
          if (op === 'claim') {
            const outcome = await guard.claim(key, c(version), owner);
            if (outcome.outcome !== 'claimed') continue;
            if (newest !== undefined) expect(version).toBeGreaterThanOrEqual(newest.version);
            for (const [other, lease] of leases) {
              if (other !== owner) expect(lease.untilMs).toBeLessThanOrEqual(clock.now());
            }
            newest = c(version);
            leases.clear();
            leases.set(owner, { change: c(version), untilMs: clock.now() + LEASE_MS });
          } else if (held !== undefined && op === 'confirm') {
            await guard.confirm(key, held.change, owner);
            leases.delete(owner);
          } else if (held !== undefined && op === 'release') {
            await guard.release(key, owner);
            leases.delete(owner);
          } else if (held !== undefined && op === 'fence') {
            await guard.fence(key, owner, clock.now() + LEASE_MS);
            leases.set(owner, { ...held, untilMs: clock.now() + LEASE_MS });
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  test('a fence by someone else changes nothing', async () => {
    const clock = manualClock();
    const guard = guardAt(clock);
    const key = freshKey();
    await guard.claim(key, c(3), 'attempt-1');

    await guard.fence(key, 'attempt-2', clock.now() + 60_000);
    clock.advance(LEASE_MS);

    await expect(guard.claim(key, c(4), 'attempt-3')).resolves.toEqual({ outcome: 'claimed' });
  });

  test('a release by someone else leaves the lease in place', async () => {
    const guard = guardAt();
    const key = freshKey();
    await guard.claim(key, c(3), 'attempt-1');

    await guard.release(key, 'attempt-2');

    expect(await guard.claim(key, c(4), 'attempt-3')).toMatchObject({ outcome: 'busy' });
  });

  test('a release of a key nobody holds creates nothing', async () => {
    const key = freshKey();

    await guardAt().release(key, 'attempt-1');

    expect(await stored(key)).toBeUndefined();
  });

  test('a delivery that stopped between send and confirm: its change is retried, older ones are stale', async () => {
    const clock = manualClock();
    const guard = guardAt(clock);
    const key = freshKey();
    await guard.claim(key, c(10), 'crashed-attempt');
    clock.advance(LEASE_MS);

    await expect(guard.claim(key, c(9), 'older')).resolves.toMatchObject({ outcome: 'stale' });
    await expect(guard.claim(key, c(10), 'retry')).resolves.toEqual({ outcome: 'claimed' });
    await expect(guard.confirm(key, c(10), 'retry')).resolves.toEqual({ outcome: 'confirmed' });
  });

  test('a newer change may claim over a run-out lease', async () => {
    const clock = manualClock();
    const guard = guardAt(clock);
    const key = freshKey();
    await guard.claim(key, c(10), 'crashed-attempt');
    clock.advance(LEASE_MS);

    await expect(guard.claim(key, c(11), 'newer')).resolves.toEqual({ outcome: 'claimed' });
  });

  test('a confirm after the lease passed to a newer claim records nothing and says the lease was lost', async () => {
    const clock = manualClock();
    const guard = guardAt(clock);
    const key = freshKey();
    await guard.claim(key, c(10), 'slow-attempt');
    clock.advance(LEASE_MS + 1);
    await guard.claim(key, c(12), 'newer');

    await expect(guard.confirm(key, c(10), 'slow-attempt')).resolves.toEqual({ outcome: 'lease-lost' });
    expect(await stored(key)).toEqual({
      claimed: c(12),
      lease: { owner: 'newer', ...c(12), expiresAtMs: clock.now() + LEASE_MS },
    });
  });

  test('each destination and each key has its own record', async () => {
    const clock = manualClock();
    const key = freshKey();
    const other = freshKey();
    await guardAt(clock, 'storefront').claim(key, c(5), 'attempt-1');

    await expect(guardAt(clock, 'analytics').claim(key, c(5), 'attempt-2')).resolves.toEqual({ outcome: 'claimed' });
    await expect(guardAt(clock, 'storefront').claim(other, c(5), 'attempt-3')).resolves.toEqual({ outcome: 'claimed' });
  });

  test('a failure other than the condition is a VersionGuardError naming the key, with the cause kept', async () => {
    const guard = createVersionGuard({ ...table, tableName: 'NoSuchTable', destination: 'storefront', leaseMs: 1 });

    const error = await guard.claim('SKU-X@erp:main', c(1), 'attempt-1').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(VersionGuardError);
    expect((error as Error).message).toBe('could not claim SKU-X@erp:main at storefront');
    expect((error as Error).cause).toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
