import * as z from 'zod';
import { customerSchema } from './customer';
import { cloudEventSchema, type CanonicalEventType } from './envelope';
import { inventoryLevelSchema } from './inventory-level';
import { orderSchema } from './order';
import { paymentSchema } from './payment';
import { shipmentSchema } from './shipment';

/** The `data` schema of each event type: what the JSON Schema files describe and what `dataschema` points at. */
export const CANONICAL_DATA_SCHEMAS = {
  'interchange.customer.v1': customerSchema,
  'interchange.order.v1': orderSchema,
  'interchange.inventory-level.v1': inventoryLevelSchema,
  'interchange.payment.v1': paymentSchema,
  'interchange.shipment.v1': shipmentSchema,
} as const satisfies Record<CanonicalEventType, z.ZodType>;

/** A customer created or changed at a source. */
export const customerEventSchema = cloudEventSchema('interchange.customer.v1', customerSchema);
/** An order placed or changed at a source. */
export const orderEventSchema = cloudEventSchema('interchange.order.v1', orderSchema);
/** A stock level reported by a source. */
export const inventoryLevelEventSchema = cloudEventSchema('interchange.inventory-level.v1', inventoryLevelSchema);
/** A payment or refund created or changed at a source. */
export const paymentEventSchema = cloudEventSchema('interchange.payment.v1', paymentSchema);
/** A shipment created or tracked at a source. */
export const shipmentEventSchema = cloudEventSchema('interchange.shipment.v1', shipmentSchema);

/** Parses any canonical event, choosing the data schema by `type`; every transform output passes through it. */
export const canonicalEventSchema = z.discriminatedUnion('type', [
  customerEventSchema,
  orderEventSchema,
  inventoryLevelEventSchema,
  paymentEventSchema,
  shipmentEventSchema,
]);

/** Any canonical event; narrow on `type` to reach its data. */
export type CanonicalEvent = z.infer<typeof canonicalEventSchema>;

/** The canonical event of one type, e.g. `CanonicalEventOf<'interchange.order.v1'>`. */
export type CanonicalEventOf<T extends CanonicalEventType> = Extract<CanonicalEvent, { type: T }>;

/** The `data` of one event type. */
export type CanonicalDataOf<T extends CanonicalEventType> = CanonicalEventOf<T>['data'];
