import * as z from 'zod';
import type { Shipment, ShipmentStatus } from '../../../../schemas';
import { lookup } from '../../../shared/lookup';
import { canonicalEvent, entityId, type VendorEventMapper } from '../canonical-output';
import { presentText } from '../mapping-issues';
import { numericIdText, vendorNumericIdSchema, vendorTimestampSchema } from '../vendor-schema';

/**
 * ShipBob's shipment statuses as its webhooks spell them. ShipBob documents no closed list for this topic, so an
 * unlisted status maps to `unknown` rather than failing the record.
 */
const STATUS: Readonly<Record<string, ShipmentStatus>> = {
  LabelCreated: 'label-created',
  InTransit: 'in-transit',
  OutForDelivery: 'out-for-delivery',
  Delivered: 'delivered',
  DeliveryException: 'exception',
  DeliveryAttemptFailed: 'delivery-failed',
  Cancelled: 'cancelled',
  ReturnToSender: 'returned',
};

/** The fields of a ShipBob `order.shipment.tracking_received` webhook the mapper relies on. */
export const shipBobTrackingSchema = z.object({
  /** ISO 8601 with 7 fractional digits (`2025-10-23T15:55:09.3614767Z`). */
  event_time: vendorTimestampSchema,
  order_id: vendorNumericIdSchema,
  reference_id: z.string().nullish(),
  status: z.string().min(1),
  tracking: z.object({
    carrier: z.string().nullish(),
    carrier_service: z.string().nullish(),
    tracking_id: z.string().min(1),
    tracking_url: z.string().nullish(),
  }),
});

export type ShipBobTracking = z.infer<typeof shipBobTrackingSchema>;

/**
 * A ShipBob tracking notice becomes a canonical shipment identified by the ShipBob order and tracking number
 * (the payload carries no shipment id). `orderRef` is ShipBob's own order, `logistics:shipbob:<order_id>`; the
 * merchant's reference (`reference_id`) becomes `orderNumber`, which destinations correlate with their orders.
 */
export const shipBobTrackingMapper: VendorEventMapper<ShipBobTracking> = {
  schema: shipBobTrackingSchema,
  map(notice, context, issues) {
    const orderId = numericIdText(notice.order_id);
    const trackingId = notice.tracking.tracking_id;
    const vendorEntityId = `shipbob:${orderId}:${trackingId}`;
    const happened = issues.timestamp(notice.event_time, 'event_time');
    const status = lookup(STATUS, notice.status) ?? 'unknown';

    const data: Shipment = {
      id: entityId(context.source, vendorEntityId),
      orderRef: entityId(context.source, `shipbob:${orderId}`),
      orderNumber: presentText(notice.reference_id),
      carrier: presentText(notice.tracking.carrier) ?? null,
      service: presentText(notice.tracking.carrier_service),
      trackingNumber: trackingId,
      trackingUrl: presentText(notice.tracking.tracking_url),
      status,
      events: [{ at: happened.iso, status, message: notice.status }],
      updatedAt: happened.iso,
      sourceIds: { [context.source]: vendorEntityId },
    };
    const draft = { vendorEntityId, subject: data.id, entityVersion: happened.epochMs, time: happened.iso };
    return [canonicalEvent(context, { ...draft, type: 'interchange.shipment.v1', data })];
  },
};
