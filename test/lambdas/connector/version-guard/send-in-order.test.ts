import { setTimeout as delay } from 'node:timers/promises';
import fc from 'fast-check';
import { requestFor, versionKeyFor } from '../../../../lambdas/connector/destinations';
import { sendHttp } from '../../../../lambdas/shared/http-client';
import {
  createVersionGuard,
  sendInOrder,
  type InOrderResult,
  type VersionGuard,
} from '../../../../lambdas/connector/version-guard';
import { startFakeDownstream, type FakeDownstream } from '../../../../local/downstream';
import { inventoryLevelEvent } from '../../../helpers/canonical-event-factories';
import { startLocalStateTable, type LocalStateTable } from '../helpers/local-state-table';

let table: LocalStateTable;
let shop: FakeDownstream;
let guard: VersionGuard;
let attempts = 0;
const newOwner = () => `attempt-${(attempts += 1)}`;

beforeAll(async () => {
  table = await startLocalStateTable();
  shop = await startFakeDownstream({
    name: 'storefront',
    keyOf: (body) => (body as { sku?: string } | undefined)?.sku,
  });
  guard = createVersionGuard({ ...table, destination: 'storefront', leaseMs: 5_000 });
});
afterEach(() => shop.reset());
afterAll(async () => {
  await shop.close();
  await table.close();
});

/** A stock level whose `available` is its version, so what the shop ends with shows which version landed last. */
const levelAt = (sku: string, version: number) => inventoryLevelEvent({ version, data: { sku, available: version } });

/** Delivers one level to the fake shop through the guard, as the connector does. */
async function deliver(sku: string, version: number, owner = newOwner()): Promise<InOrderResult<number>> {
  const event = levelAt(sku, version);
  const request = requestFor('storefront', event)!;
  return sendInOrder(
    guard,
    versionKeyFor('storefront', event)!,
    owner,
    async () => {
      const response = await sendHttp(
        { method: request.method, url: `${shop.url}${request.path}`, headers: {}, body: JSON.stringify(request.body) },
        2_000,
      );
      return response.status;
    },
    (status) => status >= 200 && status < 300,
  );
}

const landed = (sku: string) =>
  shop
    .accepted()
    .map((request) => request.json as { sku: string; available: number })
    .filter((body) => body.sku === sku)
    .map((body) => body.available);

describe('sending through the version guard', () => {
  test('shuffled and duplicated updates for one SKU leave the highest applied, and every older one is stale', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 12 }), async (versions) => {
        const sku = `SHUFFLED-${(run += 1)}`;
        const results: { version: number; result: InOrderResult<number> }[] = [];
        for (const version of versions) results.push({ version, result: await deliver(sku, version) });

        let highest = 0;
        for (const { version, result } of results) {
          if (version > highest) expect(result).toMatchObject({ outcome: 'applied', leaseLost: false });
          else expect(result).toEqual({ outcome: 'stale', appliedVersion: highest });
          highest = Math.max(highest, version);
        }
        const sent = landed(sku);
        expect(sent.at(-1)).toBe(Math.max(...versions));
        expect(sent).toEqual([...new Set(sent)].sort((a, b) => a - b));
      }),
      { numRuns: 15 },
    );
  });

  test('updates in flight at once never land out of order, and busy ones retried end on the highest', async () => {
    const sku = 'CONCURRENT-1';
    shop.setFaults({ latencyMs: 5 });
    const versions = [4, 9, 2, 7, 9, 5, 8, 1, 6, 3];
    const deliverUntilDone = async (version: number): Promise<InOrderResult<number>> => {
      const owner = newOwner();
      for (;;) {
        const result = await deliver(sku, version, owner);
        if (result.outcome !== 'busy') return result;
        await delay(2);
      }
    };

    const results = await Promise.all(versions.map(deliverUntilDone));

    const sent = landed(sku);
    expect(sent.at(-1)).toBe(9);
    expect(sent).toEqual([...new Set(sent)].sort((a, b) => a - b));
    expect(results.filter((result) => result.outcome === 'applied')).toHaveLength(sent.length);
  });

  test('a refused send releases the key, and the retry of the same version applies', async () => {
    const sku = 'REFUSED-1';
    shop.setFaults({ statuses: [503] });

    const first = await deliver(sku, 4);
    const retry = await deliver(sku, 4);

    expect(first).toEqual({ outcome: 'refused', result: 503 });
    expect(retry).toMatchObject({ outcome: 'applied', result: 201 });
    expect(landed(sku)).toEqual([4]);
  });

  test('a send that throws releases the key and rethrows, so its retry is not kept waiting', async () => {
    const key = { key: 'THROWN-1@erp:main', version: 2 };
    const failure = new Error('connection reset');

    await expect(
      sendInOrder(
        guard,
        key,
        newOwner(),
        () => Promise.reject(failure),
        () => true,
      ),
    ).rejects.toBe(failure);

    await expect(
      sendInOrder(
        guard,
        key,
        newOwner(),
        async () => 'ok',
        () => true,
      ),
    ).resolves.toEqual({
      outcome: 'applied',
      result: 'ok',
      leaseLost: false,
    });
  });

  test('a stale or busy update is never sent', async () => {
    const sku = 'NOT-SENT-1';
    await deliver(sku, 5);
    const holder = newOwner();
    await guard.claim(versionKeyFor('storefront', levelAt(sku, 8))!.key, 8, holder);

    const stale = await deliver(sku, 3);
    const busy = await deliver(sku, 7);

    expect(stale).toEqual({ outcome: 'stale', appliedVersion: 5 });
    expect(busy).toMatchObject({ outcome: 'busy' });
    expect(landed(sku)).toEqual([5]);
  });
});
