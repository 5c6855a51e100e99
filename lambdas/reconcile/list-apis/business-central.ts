import { isObject, pageObject, textField, type ListApiProtocol, type ListedRecord } from './list-page';

/**
 * Business Central API v2.0 entity sets (`GET .../companies(…)/items`): changes by
 * `$filter=lastModifiedDateTime gt … and lastModifiedDateTime le …`, the page size asked for with
 * `Prefer: odata.maxpagesize`, further pages at `@odata.nextLink`. A record is fed to the pipeline in the
 * envelope the ERP's relay posts (`{type, timestamp, data}`), which the ERP mappers read.
 */
export const businessCentralListApi: ListApiProtocol = {
  firstRequest(stream, window) {
    const filter = `lastModifiedDateTime gt ${window.since} and lastModifiedDateTime le ${window.until}`;
    const search = new URLSearchParams([...Object.entries(stream.query), ['$filter', filter]]);
    return get(`${stream.baseUrl.replace(/\/+$/, '')}${stream.path}?${search.toString()}`, stream.pageSize);
  },
  nextRequest(stream, _window, next) {
    return get(next, stream.pageSize);
  },
  parsePage(stream, answer) {
    const page = pageObject(answer.body);
    if (!page.ok) return page;
    const { value } = page.value;
    const nextLink = page.value['@odata.nextLink'];
    if (!Array.isArray(value)) return { ok: false, error: 'page has no "value" array' };
    const records: ListedRecord[] = [];
    for (const [index, record] of value.entries()) {
      if (!isObject(record)) return { ok: false, error: `value.${index} is not an object` };
      const id = textField(record, 'id');
      const changedAt = textField(record, 'lastModifiedDateTime');
      if (id === undefined) return { ok: false, error: `value.${index} has no id` };
      if (changedAt === undefined) return { ok: false, error: `value.${index} has no lastModifiedDateTime` };
      const eventType = stream.eventType ?? '';
      const body = `{"type":${JSON.stringify(eventType)},"timestamp":${JSON.stringify(changedAt)},"data":${JSON.stringify(record)}}`;
      records.push({ id, changedAt, eventType, body });
    }
    if (nextLink === undefined) return { ok: true, records };
    if (typeof nextLink !== 'string' || !sameEndpoint(nextLink, stream.baseUrl, stream.path)) {
      // The next link gets the source's credentials: one pointing anywhere else is refused, not followed.
      return { ok: false, error: '"@odata.nextLink" does not point at the listed endpoint' };
    }
    return { ok: true, records, next: nextLink };
  },
};

/** Whether a next link is the same endpoint as the list's (same origin and path), whatever its query. */
function sameEndpoint(link: string, baseUrl: string, path: string): boolean {
  try {
    const next = new URL(link);
    const listed = new URL(`${baseUrl.replace(/\/+$/, '')}${path}`);
    return next.origin === listed.origin && decodeURI(next.pathname) === decodeURI(listed.pathname);
  } catch {
    return false;
  }
}

function get(url: string, pageSize: number) {
  return {
    method: 'GET',
    url,
    headers: { accept: 'application/json', prefer: `odata.maxpagesize=${pageSize}` },
  } as const;
}
