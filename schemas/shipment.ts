import * as z from 'zod';
import {
  calendarDateSchema,
  countryCodeSchema,
  entityIdSchema,
  sourceIdsSchema,
  utcTimestampSchema,
} from './value-types';

/** A parcel's progress, common to storefronts, 3PLs and carrier trackers. */
export const shipmentStatusSchema = z.enum([
  'pending',
  'label-created',
  'in-transit',
  'out-for-delivery',
  'available-for-pickup',
  'delivered',
  'delivery-failed',
  'returned',
  'cancelled',
  'exception',
  'unknown',
]);

/** One scan or status change reported by the carrier. */
export const shipmentTrackingEventSchema = z.object({
  at: utcTimestampSchema,
  status: shipmentStatusSchema,
  message: z.string().min(1).optional(),
  location: z
    .object({
      city: z.string().min(1).optional(),
      region: z.string().min(1).optional(),
      postalCode: z.string().min(1).optional(),
      countryCode: countryCodeSchema.optional(),
    })
    .optional(),
});

/** What went into the parcel, when the source lists it. */
export const shipmentItemSchema = z.object({
  sku: z.string().min(1).nullable(),
  quantity: z.int().positive(),
});

/**
 * A parcel on its way to a customer. `carrier` and `trackingNumber` are null until the label exists, which is a
 * normal state for a fulfilment, unlike a field that went missing. `orderRef` is null when the reporting system
 * (a carrier tracker) knows only the tracking number; destinations then correlate by `trackingNumber`.
 */
export const shipmentSchema = z
  .object({
    id: entityIdSchema,
    orderRef: entityIdSchema.nullable(),
    /** The order number people quote (a merchant's reference), when the reporting system has it. */
    orderNumber: z.string().min(1).optional(),
    carrier: z.string().min(1).nullable(),
    service: z.string().min(1).optional(),
    trackingNumber: z.string().min(1).nullable(),
    trackingUrl: z.string().min(1).optional(),
    status: shipmentStatusSchema,
    events: z.array(shipmentTrackingEventSchema),
    items: z.array(shipmentItemSchema).optional(),
    estimatedDelivery: calendarDateSchema.optional(),
    updatedAt: utcTimestampSchema,
    sourceIds: sourceIdsSchema,
  })
  .meta({ description: 'A parcel on its way to a customer, with its tracking history.' });

export type ShipmentStatus = z.infer<typeof shipmentStatusSchema>;
export type ShipmentTrackingEvent = z.infer<typeof shipmentTrackingEventSchema>;
export type Shipment = z.infer<typeof shipmentSchema>;
