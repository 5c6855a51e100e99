import { parseVendorJson } from '../vendor-json/parse-vendor-json';
import { runEventMapper, type MappingContext, type VendorEventMapper } from './canonical-output';
import { mapFailure, type MapFailure, type MapResult, type VendorRecord } from './map-result';

/** Maps a parsed payload of one vendor event type. */
export type PayloadMapper = (payload: unknown, context: MappingContext) => MapResult;

/** A record rebuilt from a partial one and the full record the source's API returned, ready to map again. */
export type CompletedRecord =
  { readonly ok: true; readonly record: VendorRecord } | { readonly ok: false; readonly error: string };

/** Everything Interchange knows about one source's payloads. */
export interface SourceMapper {
  /** The vendor event types this source's mappers handle. */
  readonly eventTypes: readonly string[];
  map(record: VendorRecord, payload: unknown): MapResult;
  /**
   * Rebuilds a partial record once the transform has fetched the entity named by its `completion`:
   * `fetchedRecord` is that entity's JSON object as the source's API returns it (unwrapped from envelopes
   * such as Shopify's `{"order": {...}}`).
   */
  completeRecord(record: VendorRecord, fetchedRecord: string): CompletedRecord;
}

/** Adapts a typed vendor event mapper to the untyped payload the dispatcher holds. */
export function payloadMapper<T>(mapper: VendorEventMapper<T>): PayloadMapper {
  return (payload, context) => runEventMapper(mapper, payload, context);
}

/**
 * The mapping context every mapper of a record shares. The vendor's id of the change comes from the header ingest
 * read it from, or from the body for vendors that put it there (`eventIdInBody`: Stripe's and EasyPost's `id`).
 */
export function mappingContext(record: VendorRecord, eventIdInBody?: unknown): MappingContext {
  const bodyId = typeof eventIdInBody === 'string' && eventIdInBody !== '' ? eventIdInBody : undefined;
  const vendorEventId = record.vendorEventId ?? bodyId;
  return {
    source: record.source,
    correlationId: record.correlationId,
    ...(vendorEventId !== undefined ? { vendorEventId } : {}),
    ...(record.sequence !== undefined ? { sequence: record.sequence } : {}),
  };
}

/** A top-level field of a JSON object payload, or undefined. */
export function topLevelField(payload: unknown, field: string): unknown {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined;
  return (payload as Record<string, unknown>)[field];
}

/** Parses a fetched record as a JSON object, the only shape an API returns for one entity. */
export function parseFetchedObject(
  fetchedRecord: string,
): { readonly ok: true; readonly value: Record<string, unknown> } | { readonly ok: false; readonly error: string } {
  const parsed = parseVendorJson(fetchedRecord);
  if (!parsed.ok) return { ok: false, error: `fetched record: ${parsed.error}` };
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: 'fetched record is not a JSON object' };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/**
 * Sets a top-level field of a JSON object's text without re-serialising it: re-serialising a parsed body would
 * turn ids above 2^53, which the parser keeps as strings, into strings in the payload too. The field is appended,
 * so it wins over an existing one of the same name (the last duplicate key wins in JSON parsers).
 */
export function withTopLevelField(objectText: string, key: string, value: unknown): string | undefined {
  const opening = objectText.indexOf('{');
  const closing = objectText.lastIndexOf('}');
  if (opening < 0 || closing < opening) return undefined;
  if (objectText.slice(0, opening).trim() !== '' || objectText.slice(closing + 1).trim() !== '') return undefined;
  const members = objectText.slice(opening + 1, closing);
  const separator = members.trim() === '' ? '' : ',';
  return `{${members}${separator}${JSON.stringify(key)}:${JSON.stringify(value)}}`;
}

/**
 * The event type a vendor writes into the body (Stripe's `type`, Standard Webhooks' `type`, EasyPost's
 * `description`). The body decides; a record's own event type, when ingest set one, is only a copy of it.
 */
export function eventTypeInBody(
  payload: unknown,
  field: string,
): { readonly ok: true; readonly eventType: string } | { readonly ok: false; readonly failure: MapFailure } {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return { ok: false, failure: mapFailure('drift', [{ path: '', message: 'expected a JSON object' }]) };
  }
  const eventType: unknown = (payload as Record<string, unknown>)[field];
  if (typeof eventType === 'string') return { ok: true, eventType };
  const message = eventType === undefined ? 'missing (expected string)' : 'expected string';
  return { ok: false, failure: mapFailure('drift', [{ path: field, message }]) };
}

/** The completion every source without a completion API gives. */
export function noCompletion(record: VendorRecord): CompletedRecord {
  return { ok: false, error: `source "${record.source}" has no completion for event type "${record.eventType}"` };
}
