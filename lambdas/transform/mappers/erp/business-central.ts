import * as z from 'zod';
import { lookup } from '../../../shared/lookup';
import { parseVendorJson } from '../../vendor-json/parse-vendor-json';
import type { VendorEventMapper } from '../canonical-output';
import type { VendorRecord } from '../map-result';
import { vendorTimestampSchema } from '../vendor-schema';

/** Business Central writes "no reference" as the all-zero GUID rather than null. */
export const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

/** A Business Central record id: a GUID, never the all-zero one. */
export const businessCentralIdSchema = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'expected a GUID')
  .refine((guid) => guid !== EMPTY_GUID, 'the all-zero GUID means "none" in Business Central, not a record');

/** The Standard Webhooks envelope the ERP's relay posts: `{type, timestamp, data}`. */
export function standardWebhookSchema<D extends z.ZodType>(data: D) {
  return z.object({ type: z.string(), timestamp: vendorTimestampSchema, data });
}

/** The API entity sets whose records the ERP mappers understand, by envelope type prefix (`item.updated`). */
export const ENTITY_SET_BY_KIND = { item: 'items', customer: 'customers' } as const;
export type BusinessCentralKind = keyof typeof ENTITY_SET_BY_KIND;

/**
 * A Business Central change notification as BC itself sends it: only the changed record's URL, never the record
 * (`api/v2.0/companies(…)/items(26814998-…)`). It fits the envelope but is always partial.
 */
export const businessCentralNotificationSchema = standardWebhookSchema(
  z.object({ resource: z.string(), changeType: z.enum(['created', 'updated']) }),
);

type BusinessCentralNotification = z.infer<typeof businessCentralNotificationSchema>;

const RESOURCE_RECORD = /\/([A-Za-z]+)\(([0-9a-fA-F-]{36})\)\/?$/;

/** Whether an envelope's data is a notification (a resource URL without the record) rather than a record. */
export function isNotification(data: unknown): boolean {
  return typeof data === 'object' && data !== null && Object.hasOwn(data, 'resource') && !Object.hasOwn(data, 'id');
}

/** Maps a notification to 'partial', naming the record the BC API returns at the resource URL as completion. */
export function businessCentralNotificationMapper(
  kind: BusinessCentralKind,
): VendorEventMapper<BusinessCentralNotification> {
  return {
    schema: businessCentralNotificationSchema,
    map(notification, _context, issues) {
      const match = RESOURCE_RECORD.exec(notification.data.resource);
      const entitySet = ENTITY_SET_BY_KIND[kind];
      if (match === null || match[1] !== entitySet || match[2] === undefined || match[2] === EMPTY_GUID) {
        issues.invalid(
          'data.resource',
          `expected the URL of one record of ${entitySet}, e.g. ".../${entitySet}(<guid>)"`,
        );
        return [];
      }
      issues.absent('data', `the notification carries only the resource URL; the ${kind} record comes from the API`);
      issues.completeFrom({ entity: entitySet, id: match[2] });
      return [];
    },
  };
}

/** The kind of record an API entity set holds (`items` -> `item`), for the type of a notification's envelope. */
const KIND_BY_ENTITY_SET: Readonly<Record<string, BusinessCentralKind>> = { items: 'item', customers: 'customer' };

/**
 * Splits Business Central's `{"value": [...]}` batch into one record per notification, each in the envelope the
 * ERP mappers read (`{type: "item.updated", timestamp, data: {resource, changeType}}`), so every changed record is
 * completed and delivered on its own. The subscription's `clientState` (the shared secret) is left behind. A body
 * that is not such a batch comes back as the record itself.
 */
export function splitBusinessCentralBatch(record: VendorRecord): readonly VendorRecord[] {
  const parsed = parseVendorJson(record.body);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return [record];
  const batch = (parsed.value as Record<string, unknown>).value;
  if (!Array.isArray(batch)) return [record];
  return batch.map((entry: unknown) => {
    const { resource, changeType, lastModifiedDateTime } = (
      typeof entry === 'object' && entry !== null ? entry : {}
    ) as Record<string, unknown>;
    const entitySet = typeof resource === 'string' ? RESOURCE_RECORD.exec(resource)?.[1] : undefined;
    const kind = (entitySet && lookup(KIND_BY_ENTITY_SET, entitySet)) || entitySet || 'unknown';
    const eventType = `${kind}.${typeof changeType === 'string' ? changeType : 'unknown'}`;
    const body = JSON.stringify({ type: eventType, timestamp: lastModifiedDateTime, data: { resource, changeType } });
    return { ...record, eventType, body };
  });
}
