import type { CompletionConfig } from '../../config/schema';
import { ApiAuthError, type ApiAuth } from '../shared/auth';
import { CORRELATION_HEADER } from '../shared/correlation';
import type { HttpRequest, HttpResponse } from '../shared/http-client';
import { HttpTransportError } from '../shared/http-client';
import { parseVendorJson } from './vendor-json/parse-vendor-json';
import type { FetchFullRecord, FetchOutcome } from './complete-partial';

/** For source APIs that need no credentials. */
const NO_AUTH: ApiAuth = { headers: async () => ({}), onUnauthorized: () => undefined };

/**
 * Reads full records from a source's API as configured per entity. Only 2xx with the record, 404/410, or
 * "not now" come back; anything else is "not now" too, so a misbehaving API delays a record, never loses it.
 */
export function fullRecordFetcher(
  completion: CompletionConfig,
  send: (request: HttpRequest) => Promise<HttpResponse>,
  auth: ApiAuth = NO_AUTH,
): FetchFullRecord {
  return async (hint, correlationId): Promise<FetchOutcome> => {
    const entity = completion.entities[hint.entity];
    if (!entity) return { kind: 'unavailable', detail: `no path configured for entity "${hint.entity}"` };
    const url = `${completion.baseUrl.replace(/\/+$/, '')}${entity.path.replace('{id}', encodeURIComponent(hint.id))}`;
    let response: HttpResponse;
    try {
      const read = async () => {
        const headers = { accept: 'application/json', [CORRELATION_HEADER]: correlationId, ...(await auth.headers()) };
        return { headers, response: await send({ method: 'GET', url, headers }) };
      };
      let attempt = await read();
      // A token can expire between two reads: refresh it once, as the connectors do.
      if (attempt.response.status === 401) {
        auth.onUnauthorized(attempt.headers);
        attempt = await read();
      }
      response = attempt.response;
    } catch (error) {
      if (error instanceof HttpTransportError || error instanceof ApiAuthError) {
        return { kind: 'unavailable', detail: error.message };
      }
      throw error;
    }
    if (response.status === 404 || response.status === 410) return { kind: 'not-found' };
    if (response.status < 200 || response.status >= 300)
      return { kind: 'unavailable', detail: `HTTP ${response.status}` };
    if (!entity.unwrap) return { kind: 'found', body: response.body };
    const parsed = parseVendorJson(response.body);
    const wrapper = parsed.ok && typeof parsed.value === 'object' && parsed.value !== null ? parsed.value : undefined;
    const record = wrapper ? (wrapper as Record<string, unknown>)[entity.unwrap] : undefined;
    if (typeof record !== 'object' || record === null) {
      return { kind: 'unavailable', detail: `answer has no "${entity.unwrap}" object` };
    }
    return { kind: 'found', body: JSON.stringify(record) };
  };
}
