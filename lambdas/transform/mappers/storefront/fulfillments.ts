import * as z from 'zod';
import type { Shipment, ShipmentStatus } from '../../../../schemas';
import { canonicalEvent, entityId, type VendorEventMapper } from '../canonical-output';
import { presentText } from '../mapping-issues';
import { numericIdText, vendorNumericIdSchema, vendorTimestampSchema } from '../vendor-schema';

const FULFILLMENT_STATUS = {
  pending: 'pending',
  open: 'pending',
  success: 'in-transit',
  cancelled: 'cancelled',
  error: 'exception',
  failure: 'exception',
} as const satisfies Record<string, ShipmentStatus>;

/** Shopify's carrier-reported `shipment_status`; when present it says more than the fulfilment status. */
const SHIPMENT_STATUS = {
  label_printed: 'label-created',
  label_purchased: 'label-created',
  confirmed: 'label-created',
  carrier_picked_up: 'in-transit',
  in_transit: 'in-transit',
  delayed: 'in-transit',
  out_for_delivery: 'out-for-delivery',
  ready_for_pickup: 'available-for-pickup',
  attempted_delivery: 'delivery-failed',
  picked_up: 'delivered',
  delivered: 'delivered',
  failure: 'exception',
} as const satisfies Record<string, ShipmentStatus>;

type FulfillmentStatus = keyof typeof FULFILLMENT_STATUS;
type CarrierStatus = keyof typeof SHIPMENT_STATUS;

/** The fields of a Shopify fulfillment (fulfillments/create) the mapper relies on. */
export const shopifyFulfillmentSchema = z.object({
  id: vendorNumericIdSchema,
  order_id: vendorNumericIdSchema,
  status: z.enum(Object.keys(FULFILLMENT_STATUS) as [FulfillmentStatus, ...FulfillmentStatus[]]),
  shipment_status: z.enum(Object.keys(SHIPMENT_STATUS) as [CarrierStatus, ...CarrierStatus[]]).nullish(),
  service: z.string().nullish(),
  tracking_company: z.string().nullish(),
  tracking_number: z.string().nullish(),
  tracking_numbers: z.array(z.string()).nullish(),
  tracking_url: z.string().nullish(),
  updated_at: vendorTimestampSchema,
  line_items: z.array(z.object({ sku: z.string().nullable(), quantity: z.int() })),
});

export type ShopifyFulfillment = z.infer<typeof shopifyFulfillmentSchema>;

/**
 * A Shopify fulfilment becomes a canonical shipment of its order. Shopify sends the tracking number both alone and
 * in a list; the single one wins, the list's first is the fallback, and none at all is a normal state (`null`).
 */
export const shopifyFulfillmentMapper: VendorEventMapper<ShopifyFulfillment> = {
  schema: shopifyFulfillmentSchema,
  map(fulfillment, context, issues) {
    const fulfillmentId = numericIdText(fulfillment.id);
    const updated = issues.timestamp(fulfillment.updated_at, 'updated_at');
    const trackingNumber = presentText(fulfillment.tracking_number) ?? presentText(fulfillment.tracking_numbers?.[0]);

    const data: Shipment = {
      id: entityId(context.source, fulfillmentId),
      orderRef: entityId(context.source, numericIdText(fulfillment.order_id)),
      carrier: presentText(fulfillment.tracking_company) ?? null,
      service: presentText(fulfillment.service),
      trackingNumber: trackingNumber ?? null,
      trackingUrl: presentText(fulfillment.tracking_url),
      status: fulfillment.shipment_status
        ? SHIPMENT_STATUS[fulfillment.shipment_status]
        : FULFILLMENT_STATUS[fulfillment.status],
      events: [],
      items: fulfillment.line_items.map((line) => ({ sku: presentText(line.sku) ?? null, quantity: line.quantity })),
      updatedAt: updated.iso,
      sourceIds: { [context.source]: fulfillmentId },
    };
    const draft = {
      vendorEntityId: fulfillmentId,
      subject: data.id,
      entityVersion: updated.epochMs,
      time: updated.iso,
    };
    return [canonicalEvent(context, { ...draft, type: 'interchange.shipment.v1', data })];
  },
};
