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
 * Wraps a draft in the CloudEvents envelope. The id is `<source>:<kind>:<vendor id>:<entity version>`, so the
 * same entity at the same version always gets the same id and a vendor's retries collapse in idempotency.
 */
export function canonicalEvent<T extends CanonicalEventType>(
  context: MappingContext,
  draft: EventDraft<T>,
): CanonicalEventOf<T> {
  const event = {
    specversion: '1.0',
    id: `${context.source}:${KIND_BY_TYPE[draft.type]}:${draft.vendorEntityId}:${draft.entityVersion}`,
    source: `interchange/${context.source}`,
    type: draft.type,
    time: draft.time,
    subject: draft.subject,
    dataschema: dataSchemaUri(draft.type),
    datacontenttype: 'application/json',
    correlationid: context.correlationId,
    entityversion: draft.entityVersion,
    data: withoutUndefined(draft.data),
  };
  // TypeScript cannot match a generic T to its union member; runEventMapper checks every event against the schema.
  return event as unknown as CanonicalEventOf<T>;
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
