import { CANONICAL_STATE_SKU_INDEX, CANONICAL_STATE_TABLE, CANONICAL_STATE_UPDATED_INDEX } from '../../config/tables';
import { CANONICAL_EVENT_TYPES, type CanonicalEventType } from '../../schemas/envelope';

/**
 * The canonical state table's item: the latest version of one entity, keyed `<entity>#<subject>`. Pure: the state
 * writer, the read API and the reconciliation pollers all build keys and compare versions with these, so they
 * cannot disagree on what "newer" means or where an entity lives.
 */

/** The entity of each canonical type: the middle part of the type (`interchange.inventory-level.v1`). */
export type CanonicalEntity = 'customer' | 'order' | 'inventory-level' | 'payment' | 'shipment';

/** The attribute names of a canonical state item; the one place they are spelled. */
export const CANONICAL_STATE_ATTRIBUTES = {
  /** `<entity>#<subject>`: the table's partition key. */
  key: CANONICAL_STATE_TABLE.partitionKey,
  /** The entity alone (`order`): the partition key of the index that lists an entity by `updatedAt`. */
  entity: CANONICAL_STATE_UPDATED_INDEX.partitionKey,
  subject: 'subject',
  type: 'type',
  entityVersion: 'entityVersion',
  entitySequence: 'entitySequence',
  eventId: 'eventId',
  /** `interchange/<source>`, as the envelope names it. */
  source: 'source',
  /** The envelope's `time`: when the change happened at the source. */
  time: 'time',
  /** When the item was written (ISO 8601): the list's sort key. */
  updatedAt: CANONICAL_STATE_UPDATED_INDEX.sortKey,
  /** The canonical `data` as JSON text, when it fits the item. */
  data: 'data',
  /** Where the canonical `data` is kept instead, when it does not fit: a claim check in the payload bucket. */
  dataPointer: 'dataPointer',
  /** An inventory level's SKU, without its location: the partition key of the index that finds levels by SKU. */
  sku: CANONICAL_STATE_SKU_INDEX.partitionKey,
} as const;

/** The index listing one entity's items by `updatedAt` (keys only; the items are read by key after). */
export const CANONICAL_STATE_INDEX = CANONICAL_STATE_UPDATED_INDEX.indexName;

/** The index finding an inventory level's items by SKU alone, at every location (keys only). */
export const CANONICAL_STATE_BY_SKU_INDEX = CANONICAL_STATE_SKU_INDEX.indexName;

/**
 * Data above this many UTF-8 bytes is kept in the payload bucket and the item holds a pointer: DynamoDB takes items
 * of at most 400 KB, attribute names and the other attributes included.
 */
export const MAX_INLINE_DATA_BYTES = 350_000;

/** The entity of a canonical type; undefined for a type that is not canonical. */
export function entityOfType(type: string): CanonicalEntity | undefined {
  if (!(CANONICAL_EVENT_TYPES as readonly string[]).includes(type)) return undefined;
  return type.split('.')[1] as CanonicalEntity;
}

/** Every entity, in the contracts' order. */
export const CANONICAL_ENTITIES: readonly CanonicalEntity[] = CANONICAL_EVENT_TYPES.map(
  (type) => type.split('.')[1] as CanonicalEntity,
);

/** The canonical type that carries an entity. */
export function typeOfEntity(entity: CanonicalEntity): CanonicalEventType {
  return CANONICAL_EVENT_TYPES.find((type) => type.split('.')[1] === entity)!;
}

/** The partition key of an entity's state: `<entity>#<subject>`. Throws on a type that is not canonical. */
export function canonicalStateKey(type: string, subject: string): string {
  const entity = entityOfType(type);
  if (entity === undefined) throw new RangeError(`not a canonical event type: ${type}`);
  if (subject.length === 0) throw new RangeError('a canonical subject is never empty');
  return `${entity}#${subject}`;
}

/** What orders two versions of one entity: the envelope's entity version, then its sequence (0 when absent). */
export interface VersionStamp {
  readonly entityVersion: number;
  readonly entitySequence: number;
}

/** Newer wins: a higher entity version, or the same version with a higher sequence. Equal is not newer. */
export function isNewer(stored: VersionStamp | undefined, incoming: VersionStamp): boolean {
  if (stored === undefined) return true;
  if (incoming.entityVersion !== stored.entityVersion) return incoming.entityVersion > stored.entityVersion;
  return incoming.entitySequence > stored.entitySequence;
}

/**
 * How a write that was refused relates to what is stored: the very same change again (a redelivery or a replay),
 * or an older one (stale).
 */
export function refusedWriteKind(
  stored: VersionStamp & { readonly eventId: string },
  incoming: VersionStamp & { readonly eventId: string },
): 'duplicate' | 'stale' {
  return stored.entityVersion === incoming.entityVersion &&
    stored.entitySequence === incoming.entitySequence &&
    stored.eventId === incoming.eventId
    ? 'duplicate'
    : 'stale';
}

/**
 * The condition of the one conditional write per event, in DynamoDB's expression language: the item is absent, or
 * what it holds is older by (entityVersion, entitySequence). `:v` and `:s` are the incoming version and sequence.
 */
export const NEWER_WINS_CONDITION =
  `attribute_not_exists(${CANONICAL_STATE_ATTRIBUTES.key}) OR ${CANONICAL_STATE_ATTRIBUTES.entityVersion} < :v` +
  ` OR (${CANONICAL_STATE_ATTRIBUTES.entityVersion} = :v AND ${CANONICAL_STATE_ATTRIBUTES.entitySequence} < :s)`;

/** One entity's stored state, as its item reads once unmarshalled. */
export interface CanonicalStateItem extends VersionStamp {
  readonly pk: string;
  readonly entity: CanonicalEntity;
  readonly subject: string;
  readonly type: CanonicalEventType;
  readonly eventId: string;
  readonly source: string;
  readonly time: string;
  readonly updatedAt: string;
  /** The canonical `data` as JSON text; absent when `dataPointer` holds it. */
  readonly data?: string;
  /** A claim check (JSON) of the payload bucket object holding the canonical `data`. */
  readonly dataPointer?: string;
  /** An inventory level's SKU. */
  readonly sku?: string;
}

/** The envelope fields a state item is made of. */
export interface CanonicalStateSource {
  readonly type: CanonicalEventType;
  readonly subject: string;
  readonly id: string;
  readonly source: string;
  readonly time: string;
  readonly entityversion: number;
  readonly entitysequence?: number | undefined;
  readonly data?: unknown;
}

/** An inventory level's SKU, read from its canonical data; undefined for every other entity. */
function skuOf(event: CanonicalStateSource): string | undefined {
  if (entityOfType(event.type) !== 'inventory-level') return undefined;
  const sku = (event.data as { readonly sku?: unknown } | undefined)?.sku;
  return typeof sku === 'string' && sku.length > 0 ? sku : undefined;
}

/** The item that records `event` as its entity's state, written at `updatedAt`, with its data inline or by pointer. */
export function canonicalStateItem(
  event: CanonicalStateSource,
  updatedAt: string,
  data: { readonly inline: string } | { readonly pointer: string },
): CanonicalStateItem {
  const sku = skuOf(event);
  return {
    pk: canonicalStateKey(event.type, event.subject),
    entity: entityOfType(event.type)!,
    subject: event.subject,
    type: event.type,
    entityVersion: event.entityversion,
    entitySequence: event.entitysequence ?? 0,
    eventId: event.id,
    source: event.source,
    time: event.time,
    updatedAt,
    ...('inline' in data ? { data: data.inline } : { dataPointer: data.pointer }),
    ...(sku !== undefined ? { sku } : {}),
  };
}

/** An item read back, checked field by field; undefined when it is not a canonical state item. */
export function canonicalStateItemOf(read: object | undefined): CanonicalStateItem | undefined {
  if (read === undefined) return undefined;
  const item = read as Readonly<Record<string, unknown>>;
  const text = (name: string) => (typeof item[name] === 'string' ? (item[name] as string) : undefined);
  const int = (name: string) => (Number.isSafeInteger(item[name]) ? (item[name] as number) : undefined);
  const [pk, subject, type, eventId, source, time, updatedAt] = [
    'pk',
    'subject',
    'type',
    'eventId',
    'source',
    'time',
    'updatedAt',
  ].map(text);
  const entityVersion = int('entityVersion');
  const entitySequence = int('entitySequence');
  const entity = type === undefined ? undefined : entityOfType(type);
  const data = text('data');
  const dataPointer = text('dataPointer');
  const sku = text('sku');
  if (!pk || !subject || !entity || !eventId || !source || !time || !updatedAt) return undefined;
  if (entityVersion === undefined || entitySequence === undefined) return undefined;
  if (text('entity') !== entity || (data === undefined) === (dataPointer === undefined)) return undefined;
  return {
    pk,
    entity,
    subject,
    type: type as CanonicalEventType,
    entityVersion,
    entitySequence,
    eventId,
    source,
    time,
    updatedAt,
    ...(data !== undefined ? { data } : { dataPointer: dataPointer! }),
    ...(sku !== undefined ? { sku } : {}),
  };
}
