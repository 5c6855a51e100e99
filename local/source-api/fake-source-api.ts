import { createServer } from 'node:http';
import { closeServer, listenOnLoopback } from '../http';

/** A vendor's read API as local mode serves it: full records by path, 404 for anything else. */
export interface FakeSourceApi {
  readonly url: string;
  /** Serves `body` (JSON text) at `path`, e.g. `/inventory_items/271878346596884015.json`. */
  setRecord(path: string, body: string): void;
  /** Paths asked for, in order, so tests can tell a record was completed by a fetch. */
  requested(): readonly string[];
  /** Full records served (answers 200): partial records completed through this API. */
  served(): number;
  close(): Promise<void>;
}

/**
 * Stands in for the API a source offers to read full records (Shopify Admin, HubSpot CRM, Business Central),
 * so local mode can complete partial webhooks the way it would in production.
 */
export async function startFakeSourceApi(
  name: string,
  options: { requireHeader?: { name: string; value: string } } = {},
): Promise<FakeSourceApi> {
  const records = new Map<string, string>();
  const requested: string[] = [];
  let served = 0;
  const server = createServer((request, response) => {
    const path = decodeURIComponent((request.url ?? '/').split('?')[0]!);
    requested.push(path);
    request.resume();
    const required = options.requireHeader;
    if (required && request.headers[required.name] !== required.value) {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: 'unauthorized' }));
      return;
    }
    const body = request.method === 'GET' ? records.get(path) : undefined;
    if (body !== undefined) served += 1;
    response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
    response.end(body ?? JSON.stringify({ message: 'not found' }));
  });
  const url = await listenOnLoopback(server, `${name} source API`);
  return {
    url,
    setRecord: (path, body) => records.set(path, body),
    requested: () => [...requested],
    served: () => served,
    close: () => closeServer(server),
  };
}
