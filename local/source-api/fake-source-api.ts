import { createServer } from 'node:http';
import type { ListApi } from '../../config/schema';
import { closeServer, listenOnLoopback, readRequestBody } from '../http';
import { listAnswer, type ListedEntry } from './list-answers';
import { FakeSubscriptions } from './subscriptions';

/** A vendor's API as local mode serves it: full records by path, lists of changes, webhook subscriptions. */
export interface FakeSourceApi {
  readonly url: string;
  /** Serves `body` (JSON text) at `path`, e.g. `/inventory_items/271878346596884015.json`. */
  setRecord(path: string, body: string): void;
  /** Paths asked for, in order, so tests can tell a record was completed by a fetch. */
  requested(): readonly string[];
  /** Full records served (answers 200): partial records completed through this API. */
  served(): number;
  /**
   * Holds a record in the list at `path` (`/orders.json`), listed as the source's vendor lists it, whether or not
   * its webhook was ever sent. A record listed again under the same id replaces the earlier one.
   */
  list(path: string, entry: ListedEntry): void;
  /** List pages answered 200 so far, of one list endpoint (`/orders.json`) or of all. */
  listPagesServed(path?: string): number;
  /** After `pages` more list pages, every list request is answered `status` until `heal()`: an outage mid-poll. */
  failListsAfter(pages: number, status?: number): void;
  heal(): void;
  /** Business Central's webhook subscriptions, for a source whose vendor keeps them. */
  readonly subscriptions: FakeSubscriptions;
  close(): Promise<void>;
}

/**
 * Stands in for the API a source offers (Shopify Admin, Stripe, HubSpot CRM, Business Central), so local mode can
 * complete partial webhooks, reconcile changes whose webhooks never came, and keep subscriptions alive the way it
 * would in production. `listApi` chooses whose list format and paging it speaks.
 */
export async function startFakeSourceApi(
  name: string,
  options: {
    requireHeader?: { name: string; value: string };
    listApi?: ListApi;
    /** The list endpoints it serves from the start, empty until records are listed. */
    listPaths?: readonly string[];
  } = {},
): Promise<FakeSourceApi> {
  const records = new Map<string, string>();
  const lists = new Map<string, Map<string, ListedEntry>>(
    (options.listPaths ?? []).map((path) => [path, new Map<string, ListedEntry>()]),
  );
  const subscriptions = new FakeSubscriptions();
  const requested: string[] = [];
  let served = 0;
  const listPages = new Map<string, number>();
  let failure: { pagesLeft: number; status: number } | undefined;
  const server = createServer((request, response) => {
    const answer = (status: number, body: string, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(body);
    };
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const path = decodeURIComponent(url.pathname);
      requested.push(path);
      const read = await readRequestBody(request);
      const body = read.ok ? read.text : '';
      const required = options.requireHeader;
      if (required && request.headers[required.name] !== required.value) {
        return answer(401, JSON.stringify({ message: 'unauthorized' }));
      }
      const method = request.method ?? 'GET';
      const subscription = await subscriptions.answer(method, path, request.headers, body);
      if (subscription) return answer(subscription.status, subscription.body);
      const listed = lists.get(path);
      if (listed && options.listApi) {
        if (failure && failure.pagesLeft <= 0) return answer(failure.status, JSON.stringify({ errors: 'unavailable' }));
        const entries = [...listed.values()].sort((a, b) => a.changedAtMs - b.changedAtMs || a.id.localeCompare(b.id));
        const page = listAnswer(options.listApi, entries, { method, url, headers: request.headers, body });
        if (page.status === 200) {
          listPages.set(path, (listPages.get(path) ?? 0) + 1);
          if (failure) failure.pagesLeft -= 1;
        }
        return answer(page.status, page.body, page.headers);
      }
      const record = method === 'GET' ? records.get(path) : undefined;
      if (record !== undefined) served += 1;
      answer(record === undefined ? 404 : 200, record ?? JSON.stringify({ message: 'not found' }));
    })().catch((error: unknown) => answer(500, JSON.stringify({ message: String(error) })));
  });
  const url = await listenOnLoopback(server, `${name} source API`);
  return {
    url,
    setRecord: (path, body) => records.set(path, body),
    requested: () => [...requested],
    served: () => served,
    list(path, entry) {
      const listed = lists.get(path) ?? new Map<string, ListedEntry>();
      listed.set(entry.id, entry);
      lists.set(path, listed);
    },
    listPagesServed: (path) =>
      path === undefined ? [...listPages.values()].reduce((sum, pages) => sum + pages, 0) : (listPages.get(path) ?? 0),
    failListsAfter: (pages, status = 503) => (failure = { pagesLeft: pages, status }),
    heal: () => (failure = undefined),
    subscriptions,
    close: () => closeServer(server),
  };
}
