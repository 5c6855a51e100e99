import { createHash } from 'node:crypto';
import * as z from 'zod';
import { lookup } from '../shared/lookup';
import type { CanonicalEntity, CanonicalStateItem } from '../shared/canonical-state-record';

/**
 * The read API's decisions, without I/O: which entity and id a path names, what a list asks for, the ETag of a
 * stored state and whether a caller's copy is current, and the JSON a caller gets.
 */

/** The path segment of each entity: its plural, as REST paths name collections. */
export const ENTITY_PATHS: Readonly<Record<string, CanonicalEntity>> = {
  customers: 'customer',
  orders: 'order',
  'inventory-levels': 'inventory-level',
  payments: 'payment',
  shipments: 'shipment',
};

/** The longest id accepted: DynamoDB keys take 2048 bytes, and no vendor id comes near this. */
export const MAX_ID_LENGTH = 512;
const MAX_CURSOR_LENGTH = 2048;

export type ReadRequest =
  | { readonly kind: 'get'; readonly entity: CanonicalEntity; readonly id: string }
  | {
      readonly kind: 'list';
      readonly entity: CanonicalEntity;
      readonly updatedSince?: string;
      readonly limit: number;
      readonly cursor?: ListCursor;
    };

/** Where a list stopped: the last item's key and index key, enough to start the next page after it. */
export interface ListCursor {
  readonly pk: string;
  readonly updatedAt: string;
}

export type ParsedReadRequest =
  { readonly ok: true; readonly request: ReadRequest } | { readonly ok: false; readonly message: string };

const listQuerySchema = (maxLimit: number, defaultLimit: number) =>
  z.strictObject({
    updatedSince: z.iso.datetime({ offset: true }).optional(),
    limit: z
      .string()
      .regex(/^[1-9]\d{0,5}$/, 'must be a whole number from 1')
      .transform(Number)
      .pipe(z.number().max(maxLimit))
      .default(defaultLimit),
    cursor: z.string().min(1).max(MAX_CURSOR_LENGTH).optional(),
  });

/**
 * Reads `/v1/<entity>` (a list) or `/v1/<entity>/<id>` (one entity) and its query. The id is everything after the
 * entity, percent-decoded: an inventory level's id is `<location>/<sku>`, so it spans two segments.
 */
export function parseReadRequest(
  rawPath: string,
  query: Readonly<Record<string, string | undefined>> | undefined,
  limits: { readonly default: number; readonly max: number },
): ParsedReadRequest {
  const match = /^\/v1\/([^/]+)(?:\/(.*))?$/.exec(rawPath);
  if (!match) return { ok: false, message: 'the path must be /v1/<entity> or /v1/<entity>/<id>' };
  const entity = lookup(ENTITY_PATHS, match[1]!);
  if (!entity) return { ok: false, message: `unknown entity; one of ${Object.keys(ENTITY_PATHS).join(', ')}` };
  const parameters = Object.fromEntries(Object.entries(query ?? {}).filter(([, value]) => value !== undefined));
  if (match[2] !== undefined) {
    if (Object.keys(parameters).length > 0) return { ok: false, message: 'reading one entity takes no query' };
    const id = decodeId(match[2]);
    if (id === undefined) {
      return {
        ok: false,
        message: `the id must be 1 to ${MAX_ID_LENGTH} characters, percent-encoded, without control characters`,
      };
    }
    return { ok: true, request: { kind: 'get', entity, id } };
  }
  const parsed = listQuerySchema(limits.max, limits.default).safeParse(parameters);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'query');
    return { ok: false, message: `${name}: ${issue.message}` };
  }
  const { updatedSince, limit, cursor: cursorText } = parsed.data;
  const cursor = cursorText === undefined ? undefined : decodeCursor(cursorText, entity);
  if (cursorText !== undefined && cursor === undefined) {
    return { ok: false, message: 'cursor: not a cursor this list gave out' };
  }
  return {
    ok: true,
    request: {
      kind: 'list',
      entity,
      limit,
      ...(updatedSince !== undefined ? { updatedSince: new Date(updatedSince).toISOString() } : {}),
      ...(cursor ? { cursor } : {}),
    },
  };
}

function decodeId(encoded: string): string | undefined {
  let id: string;
  try {
    id = decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (id.length === 0 || id.length > MAX_ID_LENGTH || /[\u0000-\u001f\u007f]/.test(id)) return undefined;
  return id;
}

/** A cursor as the caller holds it: opaque, URL-safe. */
export function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify([cursor.pk, cursor.updatedAt]), 'utf8').toString('base64url');
}

/** A cursor read back, only if it is one of this entity's (a cursor names a key; it never reaches another entity). */
export function decodeCursor(text: string, entity: CanonicalEntity): ListCursor | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [pk, updatedAt] = value as unknown[];
    if (typeof pk !== 'string' || typeof updatedAt !== 'string') return undefined;
    if (!pk.startsWith(`${entity}#`) || !z.iso.datetime().safeParse(updatedAt).success) return undefined;
    return { pk, updatedAt };
  } catch {
    return undefined;
  }
}

/**
 * The ETag of a stored state: its version, sequence and a digest of its event id, so a new change always gets a
 * new tag and the same state always the same one, on every instance.
 */
export function etagOf(item: Pick<CanonicalStateItem, 'entityVersion' | 'entitySequence' | 'eventId'>): string {
  const digest = createHash('sha256').update(item.eventId).digest('base64url').slice(0, 16);
  return `"${item.entityVersion}.${item.entitySequence}.${digest}"`;
}

/** The ETag of an answer made of several states (a SKU's levels at each location): changes when any of them does. */
export function combinedEtagOf(etags: readonly string[]): string {
  return `"${createHash('sha256').update(etags.join(',')).digest('base64url').slice(0, 24)}"`;
}

/** Whether an `If-None-Match` header names the current tag (weak comparison, as RFC 9110 asks for GET), or `*`. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const tags = header.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  return tags.includes('*') || tags.includes(etag);
}

/** What a caller reads of an entity: its canonical data and where it stands, never the vendor's payload. */
export interface CanonicalStateView {
  readonly entity: CanonicalEntity;
  readonly id: string;
  readonly type: string;
  readonly version: number;
  readonly sequence: number;
  readonly eventId: string;
  readonly source: string;
  /** When the change happened at the source. */
  readonly time: string;
  /** When Interchange stored it. */
  readonly updatedAt: string;
  readonly data: unknown;
}

export function canonicalStateView(item: CanonicalStateItem, data: unknown): CanonicalStateView {
  return {
    entity: item.entity,
    id: item.subject,
    type: item.type,
    version: item.entityVersion,
    sequence: item.entitySequence,
    eventId: item.eventId,
    source: item.source,
    time: item.time,
    updatedAt: item.updatedAt,
    data,
  };
}
