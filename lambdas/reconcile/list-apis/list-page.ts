import { parseVendorJson } from '../../transform/vendor-json/parse-vendor-json';

/** The stretch of vendor time one poll reads: changes after `since`, up to and including `until` (ISO 8601). */
export interface ListWindow {
  readonly since: string;
  readonly until: string;
}

/** One list of a source's records as the poller reads it. */
export interface ListStream {
  /** The stream's name in the configuration (`orders`), which keys its cursor. */
  readonly name: string;
  readonly baseUrl: string;
  readonly path: string;
  readonly eventType?: string;
  readonly query: Readonly<Record<string, string>>;
  /** Vendor event types to ask for where the API filters by type (Stripe's `types[]`). */
  readonly eventTypes: readonly string[];
  readonly pageSize: number;
}

/** A request for one page; headers beyond these (credentials, correlation id) are added by the client. */
export interface ListRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** One record of a page, ready to be fed to the pipeline as its webhook would have been. */
export interface ListedRecord {
  /** The vendor's id of the entity (or event, for Stripe), unique within the stream. */
  readonly id: string;
  /** When the vendor last changed it (ISO 8601), which with `id` names this change. */
  readonly changedAt: string;
  /** The vendor event type the record is fed in as (`orders/updated`, `payment_intent.succeeded`). */
  readonly eventType: string;
  /** The body a webhook of this change carries. */
  readonly body: string;
}

/** A page as read: its records and the token of the next page, or why the answer is not a page. */
export type ParsedPage =
  | { readonly ok: true; readonly records: readonly ListedRecord[]; readonly next?: string }
  | { readonly ok: false; readonly error: string };

/** How one vendor's list API is asked for changes in a window and how its pages read. Pure: no I/O. */
export interface ListApiProtocol {
  firstRequest(stream: ListStream, window: ListWindow): ListRequest;
  /** The request for the page after the one whose `next` token this is. */
  nextRequest(stream: ListStream, window: ListWindow, next: string): ListRequest;
  parsePage(stream: ListStream, answer: { headers: Readonly<Record<string, string>>; body: string }): ParsedPage;
}

/** The list endpoint's URL with the given parameters, each encoded; the stream's own parameters come first. */
export function listUrl(stream: ListStream, parameters: readonly [string, string][]): string {
  const search = new URLSearchParams([...Object.entries(stream.query), ...parameters]);
  return `${stream.baseUrl.replace(/\/+$/, '')}${stream.path}?${search.toString()}`;
}

/**
 * Parses a page body with the vendor JSON reader (Shopify ids above 2^53 stay exact, as digit strings) and
 * returns it as an object, or why not.
 */
export function pageObject(
  body: string,
): { readonly ok: true; readonly value: Record<string, unknown> } | { readonly ok: false; readonly error: string } {
  const parsed = parseVendorJson(body);
  if (!parsed.ok) return { ok: false, error: `page is not JSON: ${parsed.error}` };
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: 'page is not a JSON object' };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/** A field of a listed record that must be a non-empty string (or a whole number, for ids), as text. */
export function textField(record: Record<string, unknown>, field: string): string | undefined {
  const value = record[field];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
}

/** Whether a value is a JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
