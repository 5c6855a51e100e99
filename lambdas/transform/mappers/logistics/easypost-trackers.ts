import * as z from 'zod';
import type { Shipment, ShipmentStatus } from '../../../../schemas';
import { canonicalEvent, entityId, type VendorEventMapper } from '../canonical-output';
import { presentText, type MappingIssues } from '../mapping-issues';
import { parseCalendarDate } from '../vendor-time';
import { vendorDateSchema, vendorTimestampSchema } from '../vendor-schema';

const STATUS = {
  unknown: 'unknown',
  pre_transit: 'label-created',
  in_transit: 'in-transit',
  out_for_delivery: 'out-for-delivery',
  available_for_pickup: 'available-for-pickup',
  delivered: 'delivered',
  return_to_sender: 'returned',
  failure: 'delivery-failed',
  cancelled: 'cancelled',
  error: 'exception',
} as const satisfies Record<string, ShipmentStatus>;

type EasyPostStatus = keyof typeof STATUS;
const easyPostStatusSchema = z.enum(Object.keys(STATUS) as [EasyPostStatus, ...EasyPostStatus[]]);

const trackingLocationSchema = z
  .object({
    city: z.string().nullish(),
    state: z.string().nullish(),
    country: z.string().nullish(),
    zip: z.string().nullish(),
  })
  .nullish();

/** The fields of an EasyPost `tracker.updated` Event (with its Tracker in `result`) the mapper relies on. */
export const easyPostTrackerEventSchema = z.object({
  object: z.literal('Event'),
  description: z.string(),
  result: z.object({
    id: z.string().min(1),
    object: z.literal('Tracker'),
    tracking_code: z.string().min(1),
    status: easyPostStatusSchema,
    carrier: z.string().nullable(),
    updated_at: vendorTimestampSchema,
    est_delivery_date: vendorDateSchema.nullish(),
    public_url: z.string().nullish(),
    tracking_details: z.array(
      z.object({
        message: z.string().nullish(),
        status: easyPostStatusSchema,
        datetime: vendorTimestampSchema,
        tracking_location: trackingLocationSchema,
      }),
    ),
    carrier_detail: z
      .object({ service: z.string().nullish(), est_delivery_date_local: vendorDateSchema.nullish() })
      .nullish(),
  }),
});

export type EasyPostTrackerEvent = z.infer<typeof easyPostTrackerEventSchema>;
type TrackingDetail = EasyPostTrackerEvent['result']['tracking_details'][number];

/**
 * An EasyPost tracker becomes a canonical shipment with its scan history. A tracker knows the parcel, not the
 * order, so `orderRef` is null. The promised day is the carrier's local date when given: the UTC timestamp EasyPost
 * also sends is that date at midnight UTC and would name the wrong day west of Greenwich.
 */
export const easyPostTrackerMapper: VendorEventMapper<EasyPostTrackerEvent> = {
  schema: easyPostTrackerEventSchema,
  map(event, context, issues) {
    const tracker = event.result;
    const vendorEntityId = `easypost:${tracker.id}`;
    const updated = issues.timestamp(tracker.updated_at, 'result.updated_at');
    const promised = tracker.carrier_detail?.est_delivery_date_local ?? tracker.est_delivery_date;

    const data: Shipment = {
      id: entityId(context.source, vendorEntityId),
      orderRef: null,
      carrier: presentText(tracker.carrier) ?? null,
      service: presentText(tracker.carrier_detail?.service),
      trackingNumber: tracker.tracking_code,
      trackingUrl: presentText(tracker.public_url),
      status: STATUS[tracker.status],
      events: tracker.tracking_details.map((detail, index) =>
        trackingEvent(detail, `result.tracking_details.${index}`, issues),
      ),
      estimatedDelivery: promised ? parseCalendarDate(promised) : undefined,
      updatedAt: updated.iso,
      sourceIds: { [context.source]: vendorEntityId },
    };
    const draft = { vendorEntityId, subject: data.id, entityVersion: updated.epochMs, time: updated.iso };
    return [canonicalEvent(context, { ...draft, type: 'interchange.shipment.v1', data })];
  },
};

function trackingEvent(detail: TrackingDetail, path: string, issues: MappingIssues): Shipment['events'][number] {
  const location = detail.tracking_location;
  const country = presentText(location?.country)?.toUpperCase();
  const place = {
    city: presentText(location?.city),
    region: presentText(location?.state),
    postalCode: presentText(location?.zip),
    countryCode: country !== undefined && /^[A-Z]{2}$/.test(country) ? country : undefined,
  };
  return {
    at: issues.timestamp(detail.datetime, `${path}.datetime`).iso,
    status: STATUS[detail.status],
    message: presentText(detail.message),
    location: Object.values(place).some((part) => part !== undefined) ? place : undefined,
  };
}
