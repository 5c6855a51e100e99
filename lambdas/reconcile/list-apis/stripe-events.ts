import { isObject, listUrl, pageObject, textField, type ListApiProtocol, type ListedRecord } from './list-page';

/**
 * Stripe's `GET /v1/events`: events created in the window (`created[gte]`, `created[lte]`, epoch seconds) of the
 * types the mappers handle (`types[]`), newest first, paged by `starting_after=<last id>` while `has_more`. Each
 * event is the very object a webhook of it carries, its id included, so it maps to the same canonical event.
 */
export const stripeEventsListApi: ListApiProtocol = {
  firstRequest(stream, window) {
    return get(listUrl(stream, parameters(stream, window)));
  },
  nextRequest(stream, window, next) {
    return get(listUrl(stream, [...parameters(stream, window), ['starting_after', next]]));
  },
  parsePage(_stream, answer) {
    const page = pageObject(answer.body);
    if (!page.ok) return page;
    const { data, has_more: hasMore } = page.value;
    if (!Array.isArray(data)) return { ok: false, error: 'page has no "data" array' };
    if (typeof hasMore !== 'boolean') return { ok: false, error: 'page has no boolean "has_more"' };
    const records: ListedRecord[] = [];
    for (const [index, event] of data.entries()) {
      if (!isObject(event)) return { ok: false, error: `data.${index} is not an object` };
      const id = textField(event, 'id');
      const type = textField(event, 'type');
      const created = event.created;
      if (id === undefined || type === undefined) return { ok: false, error: `data.${index} has no id or type` };
      if (typeof created !== 'number' || !Number.isSafeInteger(created) || created < 0) {
        return { ok: false, error: `data.${index} has no created time` };
      }
      const changedAt = new Date(created * 1000).toISOString();
      records.push({ id, changedAt, eventType: type, body: JSON.stringify(event) });
    }
    const last = records.at(-1);
    return hasMore && last !== undefined ? { ok: true, records, next: last.id } : { ok: true, records };
  },
};

function parameters(
  stream: Parameters<ListApiProtocol['firstRequest']>[0],
  window: Parameters<ListApiProtocol['firstRequest']>[1],
): [string, string][] {
  return [
    ['created[gte]', String(Math.floor(Date.parse(window.since) / 1000))],
    ['created[lte]', String(Math.floor(Date.parse(window.until) / 1000))],
    ['limit', String(Math.min(stream.pageSize, 100))],
    ...stream.eventTypes.slice(0, 20).map((type): [string, string] => ['types[]', type]),
  ];
}

function get(url: string) {
  return { method: 'GET', url, headers: { accept: 'application/json' } } as const;
}
