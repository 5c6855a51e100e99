import type { CompletionHint, MapResult, VendorRecord } from './mappers';
import { completeVendorRecord, mapVendorRecord } from './mappers';

/** What the source's API said about a record asked for: found, gone, or not reachable right now. */
export type FetchOutcome =
  | { readonly kind: 'found'; readonly body: string }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'unavailable'; readonly detail: string };

/** Fetches the full record a partial payload points at; absent when the source has no API configured. */
export type FetchFullRecord = (hint: CompletionHint, correlationId: string) => Promise<FetchOutcome>;

/**
 * Maps a record and, when it is partial and the source's API can return the full record, fetches it once and
 * maps the completed record instead. A record is never delivered half-filled: if the API cannot help now, the
 * partial result stands and the record waits (held back) for another attempt.
 */
export async function mapCompletingPartials(
  record: VendorRecord,
  fetchFullRecord?: FetchFullRecord,
): Promise<MapResult> {
  const result = mapVendorRecord(record);
  if (result.ok || result.reason !== 'partial' || !result.completion || !fetchFullRecord) return result;
  const fetched = await fetchFullRecord(result.completion, record.correlationId);
  const entity = `${result.completion.entity} ${result.completion.id}`;
  if (fetched.kind === 'not-found') {
    return { ...result, issues: [...result.issues, { path: '', message: `the source's API has no ${entity}` }] };
  }
  if (fetched.kind === 'unavailable') {
    return {
      ...result,
      issues: [...result.issues, { path: '', message: `fetching ${entity} failed: ${fetched.detail}` }],
    };
  }
  const completed = completeVendorRecord(record, fetched.body);
  if (!completed.ok) {
    return {
      ok: false,
      reason: 'drift',
      issues: [{ path: '', message: `fetched ${entity} does not fit: ${completed.error}` }],
    };
  }
  return mapVendorRecord(completed.record);
}
