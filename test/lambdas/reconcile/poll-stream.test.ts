import type { IngestMessage } from '../../../lambdas/shared/claim-check-store';
import type { OutgoingMessage } from '../../../lambdas/shared/queue-writer';
import type { CursorStore } from '../../../lambdas/reconcile/cursor-store';
import { LIST_API_PROTOCOLS, type ListRequest } from '../../../lambdas/reconcile/list-apis';
import { ListApiError } from '../../../lambdas/reconcile/list-client';
import type { StreamCursor } from '../../../lambdas/reconcile/poll-cursor';
import { EnqueueError, ListPageError, pollStream, type PollPorts } from '../../../lambdas/reconcile/poll-stream';
import { listAnswer, type ListedEntry } from '../../../local/source-api/list-answers';
import { inWindow, listStream, WINDOW } from './helpers/listed';

const NOW = Date.parse(WINDOW.until) + 300_000;
const TIMING = { settleSeconds: 300, firstLookbackHours: 2 };
const SILENT = { info: () => undefined, warn: () => undefined };
/** Bodies longer than this are claim-checked by the harness's stand-in. */
const LARGE = 1_000;

const entry = (n: number): ListedEntry => ({
  id: String(n),
  changedAtMs: inWindow(n),
  json: `{"id":${n},"updated_at":"${new Date(inWindow(n)).toISOString()}"}`,
});

/** A Shopify orders list, a cursor in memory, a canonical state that knows `known`, and a queue that records. */
function harness(entries: ListedEntry[], known: ReadonlyMap<string, number> = new Map()) {
  const stamps = new Map([...known].map(([key, entityVersion]) => [key, { entityVersion, entitySequence: 0 }]));
  const cursors = new Map<string, StreamCursor>();
  const missedCounts: number[] = [];
  const counted: number[] = [];
  const queued: OutgoingMessage[] = [];
  const pagesRead: ListRequest[] = [];
  let failReadsAfter = Number.POSITIVE_INFINITY;
  let failEnqueue = false;
  let ids = 0;
  const revisions = new Map<string, number>();
  /** As the table's conditional write: the cursor moves only from the revision its poll read. */
  const store: CursorStore = {
    read: async (stream) => {
      const cursor = cursors.get(stream);
      return { ...(cursor ? { cursor } : {}), revision: revisions.get(stream) ?? 0 };
    },
    write: async (stream, cursor, missed, revision) => {
      if ((revisions.get(stream) ?? 0) !== revision) return false;
      revisions.set(stream, revision + 1);
      cursors.set(stream, cursor);
      missedCounts.push(missed);
      return true;
    },
  };
  const ports: PollPorts = {
    readPage: async (request) => {
      if (pagesRead.length >= failReadsAfter) throw new ListApiError('list API answered HTTP 503', 503);
      pagesRead.push(request);
      const answer = listAnswer('shopify', entries, {
        method: request.method,
        url: new URL(request.url),
        headers: request.headers,
        body: '',
      });
      if (answer.status !== 200) throw new ListApiError(`list API answered HTTP ${answer.status}`, answer.status);
      return answer;
    },
    cursors: store,
    reconcile: async (record) => ({
      record,
      entities: [
        { type: 'interchange.order.v1', key: `order#storefront:${record.id}`, version: Date.parse(record.changedAt) },
      ],
    }),
    knownVersions: async (keys) => new Map([...stamps].filter(([key]) => keys.includes(key))),
    // Stands for claimCheckWriter, which test/lambdas/shared/claim-check-store.test.ts runs against local S3.
    checkIn: async (body, attributes): Promise<IngestMessage> =>
      body.length > LARGE
        ? {
            body: `{"claimCheck":"${attributes.correlationId}"}`,
            attribute: { claimCheck: { DataType: 'String', StringValue: attributes.correlationId } },
          }
        : { body, attribute: {} },
    enqueue: async (messages) => {
      if (failEnqueue) return new Set(messages.map((message) => message.key));
      queued.push(...messages);
      return new Set();
    },
    now: () => NOW,
    newId: () => `id-${(ids += 1)}`,
    hasTimeForPage: () => true,
    countMissed: (missedByType) => counted.push(missedByType.get('interchange.order.v1') ?? 0),
  };
  return {
    ports,
    counted,
    cursors,
    missedCounts,
    queued,
    pagesRead,
    failReadsAfter: (pages: number) => (failReadsAfter = pagesRead.length + pages),
    heal: () => (failReadsAfter = Number.POSITIVE_INFINITY),
    failEnqueue: (fail: boolean) => (failEnqueue = fail),
  };
}

const poll = (ports: PollPorts, pageSize = 10) =>
  pollStream('storefront', listStream({ pageSize }), LIST_API_PROTOCOLS.shopify, TIMING, ports, SILENT);

describe('pollStream', () => {
  test('sends only the records the canonical state does not know, and moves the cursor to the window end', async () => {
    const entries = Array.from({ length: 25 }, (_, n) => entry(n));
    const known = new Map(entries.slice(0, 20).map((listed) => [`order#storefront:${listed.id}`, listed.changedAtMs]));
    const run = harness(entries, known);

    const result = await poll(run.ports);

    expect(result).toMatchObject({ pages: 3, listed: 25, sent: 5, finished: true });
    expect(result.missedByType.get('interchange.order.v1')).toBe(5);
    expect(run.queued.map((message) => JSON.parse(message.body).id)).toEqual([20, 21, 22, 23, 24]);
    expect(run.queued[0]!.attributes.deliveryId!.StringValue).toMatch(/^reconciliation:orders:/);
    expect(run.cursors.get('orders')).toEqual({ since: new Date(NOW - 300_000).toISOString() });
    expect(run.missedCounts).toEqual([0, 0, 5]);
  });

  test('a list API that fails mid-window leaves the cursor at the failed page, and the next poll resumes there', async () => {
    const entries = Array.from({ length: 30 }, (_, n) => entry(n));
    const run = harness(entries);
    run.failReadsAfter(2);

    await expect(poll(run.ports)).rejects.toThrow(ListApiError);
    expect(run.queued).toHaveLength(20);
    expect(run.counted).toEqual([10, 10]);
    expect(run.cursors.get('orders')).toMatchObject({ until: expect.any(String), next: expect.any(String) });

    run.heal();
    const resumed = await poll(run.ports);

    expect(resumed).toMatchObject({ pages: 1, sent: 10, finished: true });
    expect(run.pagesRead).toHaveLength(3);
    expect(run.queued.map((message) => JSON.parse(message.body).id)).toEqual(
      entries.map((listed) => Number(listed.id)),
    );
  });

  test('a record too large for a queue message is queued as a claim check with the event attributes', async () => {
    const large = { ...entry(7), json: entry(7).json.replace('}', `,"note":"${'n'.repeat(LARGE)}"}`) };
    const run = harness([entry(6), large]);

    await poll(run.ports);

    expect(run.queued.map((message) => message.body)).toEqual([
      entry(6).json,
      `{"claimCheck":"${run.queued[1]!.attributes.correlationId!.StringValue}"}`,
    ]);
    expect(run.queued[1]!.attributes.claimCheck!.StringValue).toBe(
      run.queued[1]!.attributes.correlationId!.StringValue,
    );
    expect(run.queued[1]!.attributes.deliveryId!.StringValue).toMatch(/^reconciliation:orders:/);
    expect(run.queued[0]!.attributes.claimCheck).toBeUndefined();
  });

  test('two polls of one stream that overlap: the second to move the cursor stops, and each change counts once', async () => {
    const entries = Array.from({ length: 25 }, (_, n) => entry(n));
    const run = harness(entries);

    const [first, second] = await Promise.all([poll(run.ports), poll(run.ports)]);

    expect([first.overtaken, second.overtaken].filter(Boolean)).toHaveLength(1);
    const finished = first.overtaken ? second : first;
    expect(finished).toMatchObject({ pages: 3, sent: 25, finished: true });
    expect(run.counted.reduce((sum, count) => sum + count, 0)).toBe(25);
    expect(run.missedCounts.reduce((sum, count) => sum + count, 0)).toBe(25);
    expect(run.cursors.get('orders')).toEqual({ since: new Date(NOW - 300_000).toISOString() });
  });

  test('records that could not be queued keep the cursor before their page', async () => {
    const run = harness([entry(1), entry(2)]);
    run.failEnqueue(true);

    await expect(poll(run.ports)).rejects.toThrow(EnqueueError);

    expect(run.cursors.get('orders')).toBeUndefined();
  });

  test('a stored page token the API no longer takes restarts the window, and known records are not re-sent', async () => {
    const entries = Array.from({ length: 15 }, (_, n) => entry(n));
    const run = harness(entries, new Map(entries.slice(0, 10).map((e) => [`order#storefront:${e.id}`, e.changedAtMs])));
    run.cursors.set('orders', { ...WINDOW, next: 'expired-token' });

    const result = await poll(run.ports);

    expect(result).toMatchObject({ pages: 2, sent: 5, finished: true });
  });

  test('a page that is not the vendor shape stops the poll before anything is sent', async () => {
    const run = harness([]);
    run.ports = { ...run.ports, readPage: async () => ({ headers: {}, body: '{"orders": "none"}' }) } as PollPorts;

    await expect(poll(run.ports)).rejects.toThrow(ListPageError);
    expect(run.queued).toHaveLength(0);
  });

  test('stops between pages when the invocation runs out of time, with the cursor at the next page', async () => {
    const run = harness(Array.from({ length: 25 }, (_, n) => entry(n)));

    const result = await poll({ ...run.ports, hasTimeForPage: () => false });

    expect(result).toMatchObject({ pages: 1, finished: false });
    expect(run.cursors.get('orders')?.next).toBeDefined();
  });
});
