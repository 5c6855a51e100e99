import * as z from 'zod';
import { utcTimestampSchema } from './value-types';

/**
 * Every canonical event type. The `.v1` suffix is part of the contract: fields are only ever added to a type;
 * a change that would break a consumer becomes a new type (`.v2`) published beside the old one.
 */
export const CANONICAL_EVENT_TYPES = [
  'interchange.customer.v1',
  'interchange.order.v1',
  'interchange.inventory-level.v1',
  'interchange.payment.v1',
  'interchange.shipment.v1',
] as const;

export type CanonicalEventType = (typeof CANONICAL_EVENT_TYPES)[number];

/** Where the JSON Schema generated for an event type's `data` lives, relative to the repository root. */
export function dataSchemaUri(type: CanonicalEventType): string {
  return `schemas/json/${type}.json`;
}

/**
 * The CloudEvents 1.0 envelope (attribute names as the spec spells them) around one canonical entity.
 *
 * - `id` names one change: it is built from the vendor's own event identity where the vendor has one (Shopify's
 *   `X-Shopify-Event-Id`, Stripe's `evt_…`, Standard Webhooks' `webhook-id`), otherwise from the entity version and
 *   the content, so vendor retries and replays collapse in idempotency and two changes never share an id.
 * - `time` is when the change happened at the source, not when Interchange saw it.
 * - `subject` is the entity's id; `entityversion` grows with every change of that entity at its source (usually
 *   the vendor's last-modified time in epoch milliseconds), so destinations can refuse to go backwards.
 * - `entitysequence` orders two changes that share an `entityversion` (two updates within one second): the
 *   vendor's more precise trigger time where it sends one (Shopify's `X-Shopify-Triggered-At`), otherwise when
 *   Interchange accepted the webhook, in epoch microseconds. Absent on events queued before it existed (read as 0).
 * - `correlationid` follows the event from the webhook to the downstream request.
 */
export function cloudEventSchema<T extends CanonicalEventType, D extends z.ZodType>(type: T, data: D) {
  return z.object({
    specversion: z.literal('1.0'),
    id: z.string().min(1),
    source: z.string().regex(/^interchange\/[a-z][a-z0-9-]*$/, 'must be "interchange/<source name>"'),
    type: z.literal(type),
    time: utcTimestampSchema,
    subject: z.string().min(1),
    dataschema: z.literal(dataSchemaUri(type)),
    datacontenttype: z.literal('application/json'),
    correlationid: z.string().min(1),
    entityversion: z.int().nonnegative(),
    entitysequence: z.int().nonnegative().optional(),
    data,
  });
}
