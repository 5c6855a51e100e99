import { createHash } from 'node:crypto';
import type { z } from 'zod';
import {
  canonicalEventSchema,
  dataSchemaUri,
  type CanonicalDataOf,
  type CanonicalEvent,
  type CanonicalEventOf,
  type CanonicalEventType,
} from '../../../schemas';
import { mapFailure, type MapResult, type PayloadIssue } from './map-result';
import { MappingIssues } from './mapping-issues';
import { joinPath, parseVendorPayload } from './vendor-schema';

/** What every mapper needs to know about the record besides its payload. */
export interface MappingContext {
  readonly source: string;
  readonly correlationId: string;
  /** The vendor's own id of the change (event or delivery of one event), when it sends one. */
  readonly vendorEventId?: string;
  /** Orders changes that share an entity version: epoch microseconds (see `entitysequence`). */
  readonly sequence?: number;
}

/** The parts of a canonical event a mapper decides; the envelope around them is the same for all. */
export interface EventDraft<T extends CanonicalEventType> {
  readonly type: T;
  /** The vendor's id of the entity, unique within the source and event type. */
  readonly vendorEntityId: string;
  readonly subject: string;
  readonly entityVersion: number;
  readonly time: string;
  readonly data: CanonicalDataOf<T>;
}

/** A mapper for one vendor event type: the fields it relies on and how they become canonical events. */
export interface VendorEventMapper<T> {
  readonly schema: z.ZodType<T>;
  map(payload: T, context: MappingContext, issues: MappingIssues): readonly CanonicalEvent[];
}

const KIND_BY_TYPE: Readonly<Record<CanonicalEventType, string>> = {
  'interchange.customer.v1': 'customer',
  'interchange.order.v1': 'order',
  'interchange.inventory-level.v1': 'inventory-level',
  'interchange.payment.v1': 'payment',
  'interchange.shipment.v1': 'shipment',
};

/** Interchange's id for a vendor entity: `<source>:<vendor id>`. */
export function entityId(source: string, vendorId: string): string {
  return `${source}:${vendorId}`;
}

/**
 * Wraps a draft in the CloudEvents envelope. The id is `<source>:<kind>:<vendor entity id>:<change>`, where the
 * change is the vendor's event id when it sends one, and otherwise the entity version with a digest of the mapped
 * data: a vendor's retry of one change always gets the same id, and two changes within the same second (which
 * share a version) never do.
 */
export function canonicalEvent<T extends CanonicalEventType>(
  context: MappingContext,
  draft: EventDraft<T>,
): CanonicalEventOf<T> {
  const data = withoutUndefined(draft.data);
  const change = context.vendorEventId ?? `${draft.entityVersion}-${contentDigest(data)}`;
  const event = {
    specversion: '1.0',
    id: `${context.source}:${KIND_BY_TYPE[draft.type]}:${draft.vendorEntityId}:${change}`,
    source: `interchange/${context.source}`,
    type: draft.type,
    time: draft.time,
    subject: draft.subject,
    dataschema: dataSchemaUri(draft.type),
    datacontenttype: 'application/json',
    correlationid: context.correlationId,
    entityversion: draft.entityVersion,
    ...(context.sequence !== undefined ? { entitysequence: context.sequence } : {}),
    data,
  };
  // TypeScript cannot match a generic T to its union member; runEventMapper checks every event against the schema.
  return event as unknown as CanonicalEventOf<T>;
}

/** A short digest of mapped data; JSON.stringify keeps the mapper's key order, which is fixed per mapper. */
function contentDigest(data: unknown): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('base64url').slice(0, 16);
}

/** Drops keys whose value is undefined, so optional fields are absent rather than present-and-empty. */
function withoutUndefined<V>(value: V): V {
  if (Array.isArray(value)) return value.map(withoutUndefined) as V;
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).filter(([, field]) => field !== undefined);
  return Object.fromEntries(entries.map(([key, field]) => [key, withoutUndefined(field)])) as V;
}

/**
 * Runs one vendor event mapper: vendor schema (drift), conversion (drift or partial), then the canonical schema
 * for every event. An output the contract refuses is drift too: the vendor sent a value outside the contract.
 */
export function runEventMapper<T>(mapper: VendorEventMapper<T>, payload: unknown, context: MappingContext): MapResult {
  const parsed = parseVendorPayload(mapper.schema, payload);
  if (!parsed.ok) return mapFailure('drift', parsed.issues);
  const issues = new MappingIssues();
  const drafts = mapper.map(parsed.data, context, issues);
  const failure = issues.failure();
  if (failure !== undefined) return failure;

  const events: CanonicalEvent[] = [];
  const contractIssues: PayloadIssue[] = [];
  drafts.forEach((draft, index) => {
    const checked = canonicalEventSchema.safeParse(draft);
    if (checked.success) {
      events.push(checked.data);
      return;
    }
    for (const issue of checked.error.issues) {
      const path = joinPath('canonical', index, ...issue.path.map(String));
      contractIssues.push({ path, message: `${draft.type} refuses the mapped value: ${issue.message}` });
    }
  });
  if (contractIssues.length > 0) return mapFailure('drift', contractIssues);
  return { ok: true, events, unknownFields: parsed.unknownFields };
}
