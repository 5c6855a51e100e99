import { isObject, pageObject, textField, type ListApiProtocol, type ListedRecord } from './list-page';

/** The contact properties the CRM mappers read; the search API returns only the properties asked for. */
const CONTACT_PROPERTIES = ['firstname', 'lastname', 'email', 'phone', 'company', 'lastmodifieddate'];

/**
 * HubSpot CRM search (`POST /crm/v3/objects/contacts/search`): objects whose `lastmodifieddate` falls in the
 * window (epoch milliseconds, GTE and LTE), oldest first, paged by `paging.next.after`. Each result is the object
 * as the CRM v3 API returns it, which the CRM mappers read as a `contact` record.
 */
export const hubSpotSearchListApi: ListApiProtocol = {
  firstRequest(stream, window) {
    return search(stream, window);
  },
  nextRequest(stream, window, next) {
    return search(stream, window, next);
  },
  parsePage(stream, answer) {
    const page = pageObject(answer.body);
    if (!page.ok) return page;
    const { results, paging } = page.value;
    if (!Array.isArray(results)) return { ok: false, error: 'page has no "results" array' };
    const records: ListedRecord[] = [];
    for (const [index, result] of results.entries()) {
      if (!isObject(result)) return { ok: false, error: `results.${index} is not an object` };
      const id = textField(result, 'id');
      const changedAt = textField(result, 'updatedAt');
      if (id === undefined) return { ok: false, error: `results.${index} has no id` };
      if (changedAt === undefined) return { ok: false, error: `results.${index} has no updatedAt` };
      records.push({ id, changedAt, eventType: stream.eventType ?? '', body: JSON.stringify(result) });
    }
    if (paging === undefined) return { ok: true, records };
    const after = isObject(paging) && isObject(paging.next) ? textField(paging.next, 'after') : undefined;
    if (after === undefined) return { ok: false, error: 'paging has no next.after' };
    return { ok: true, records, next: after };
  },
};

function search(
  stream: Parameters<ListApiProtocol['firstRequest']>[0],
  window: Parameters<ListApiProtocol['firstRequest']>[1],
  after?: string,
) {
  const body = {
    filterGroups: [
      {
        filters: [
          { propertyName: 'lastmodifieddate', operator: 'GTE', value: String(Date.parse(window.since)) },
          { propertyName: 'lastmodifieddate', operator: 'LTE', value: String(Date.parse(window.until)) },
        ],
      },
    ],
    sorts: [{ propertyName: 'lastmodifieddate', direction: 'ASCENDING' }],
    properties: CONTACT_PROPERTIES,
    limit: Math.min(stream.pageSize, 200),
    ...(after !== undefined ? { after } : {}),
  };
  return {
    method: 'POST',
    url: `${stream.baseUrl.replace(/\/+$/, '')}${stream.path}`,
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  } as const;
}
