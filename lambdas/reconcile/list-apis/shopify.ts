import { isObject, listUrl, pageObject, textField, type ListApiProtocol, type ListedRecord } from './list-page';

/**
 * Shopify Admin REST lists (`GET /orders.json`, `/inventory_levels.json`): changes by `updated_at_min` and
 * `updated_at_max`, pages linked by the `Link` header's `rel="next"` URL, whose `page_info` is the whole cursor
 * (a request with `page_info` may add only `limit`). The records come in the property named like the endpoint.
 */
export const shopifyListApi: ListApiProtocol = {
  firstRequest(stream, window) {
    return get(
      listUrl(stream, [
        ['updated_at_min', window.since],
        ['updated_at_max', window.until],
        ['limit', String(stream.pageSize)],
      ]),
    );
  },
  nextRequest(stream, _window, next) {
    const search = new URLSearchParams([
      ['limit', String(stream.pageSize)],
      ['page_info', next],
    ]);
    return get(`${stream.baseUrl.replace(/\/+$/, '')}${stream.path}?${search.toString()}`);
  },
  parsePage(stream, answer) {
    const page = pageObject(answer.body);
    if (!page.ok) return page;
    const collection = collectionOf(stream.path);
    const listed = page.value[collection];
    if (!Array.isArray(listed)) return { ok: false, error: `page has no "${collection}" array` };
    const records: ListedRecord[] = [];
    for (const [index, record] of listed.entries()) {
      if (!isObject(record)) return { ok: false, error: `${collection}.${index} is not an object` };
      const id = textField(record, 'id') ?? levelId(record);
      const changedAt = textField(record, 'updated_at');
      if (id === undefined) return { ok: false, error: `${collection}.${index} has no id` };
      if (changedAt === undefined) return { ok: false, error: `${collection}.${index} has no updated_at` };
      records.push({ id, changedAt, eventType: stream.eventType ?? '', body: JSON.stringify(record) });
    }
    const next = nextPageInfo(answer.headers.link);
    return next === undefined ? { ok: true, records } : { ok: true, records, next };
  },
};

/** `/orders.json` lists `orders`, `/inventory_levels.json` lists `inventory_levels`. */
function collectionOf(path: string): string {
  return (path.split('/').pop() ?? '').replace(/\.json$/, '');
}

/** An inventory level has no id of its own: it is the item at a location. */
function levelId(record: Record<string, unknown>): string | undefined {
  const item = textField(record, 'inventory_item_id');
  const location = textField(record, 'location_id');
  return item !== undefined && location !== undefined ? `${item}@${location}` : undefined;
}

/**
 * The `page_info` of the `rel="next"` link in a `Link` header
 * (`<https://shop/admin/api/2026-07/orders.json?limit=50&page_info=abc>; rel="next"`), or undefined on the last page.
 */
export function nextPageInfo(link: string | undefined): string | undefined {
  if (link === undefined) return undefined;
  for (const part of link.split(',')) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (match === null || !/\brel\s*=\s*"?next"?/.test(match[2] ?? '')) continue;
    try {
      const pageInfo = new URL(match[1] ?? '').searchParams.get('page_info');
      if (pageInfo) return pageInfo;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function get(url: string) {
  return { method: 'GET', url, headers: { accept: 'application/json' } } as const;
}
