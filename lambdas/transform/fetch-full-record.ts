import type { CompletionConfig } from '../../config/schema';
import { CORRELATION_HEADER } from '../shared/correlation';
import type { HttpRequest, HttpResponse } from '../shared/http-client';
import { HttpTransportError } from '../shared/http-client';
import { parseVendorJson } from './vendor-json/parse-vendor-json';
import type { FetchFullRecord, FetchOutcome } from './complete-partial';

/**
 * Reads full records from a source's API as configured per entity. Only 2xx with the record, 404/410, or
 * "not now" come back; anything else is "not now" too, so a misbehaving API delays a record, never loses it.
 */
export function fullRecordFetcher(
  completion: CompletionConfig,
  send: (request: HttpRequest) => Promise<HttpResponse>,
): FetchFullRecord {
  return async (hint, correlationId): Promise<FetchOutcome> => {
    const entity = completion.entities[hint.entity];
    if (!entity) return { kind: 'unavailable', detail: `no path configured for entity "${hint.entity}"` };
    const url = `${completion.baseUrl.replace(/\/+$/, '')}${entity.path.replace('{id}', encodeURIComponent(hint.id))}`;
    let response: HttpResponse;
    try {
      response = await send({
        method: 'GET',
        url,
        headers: { accept: 'application/json', [CORRELATION_HEADER]: correlationId },
      });
    } catch (error) {
      if (error instanceof HttpTransportError) return { kind: 'unavailable', detail: error.message };
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
