import { lookup } from './lookup';

/**
 * The vendor event types each source's mappers handle: the one list both the ingest (which accepts these and
 * answers any other signed type 200 without enqueueing it) and the transform (whose mapper tables are typed
 * against it, so a type without a mapper, or a mapper without a type, does not compile) read. Adding a vendor event
 * type means adding it here and its mapper beside the others. Kept apart from the mappers so the ingest bundle
 * carries no mapping code.
 */
export const SOURCE_EVENT_TYPES = {
  /** Shopify topics, from `X-Shopify-Topic`. */
  storefront: [
    'orders/create',
    'orders/updated',
    'customers/create',
    'customers/update',
    'inventory_levels/update',
    'fulfillments/create',
    'refunds/create',
  ],
  /** Stripe event types, from the event's `type`. */
  payments: [
    'payment_intent.succeeded',
    'payment_intent.payment_failed',
    'payment_intent.canceled',
    'payment_intent.processing',
    'payment_intent.requires_action',
    'charge.refunded',
    'refund.created',
    'refund.updated',
    'refund.failed',
    'charge.refund.updated',
  ],
  /** Business Central entity changes as `<entity>.<changeType>`, read per notification from the batch. */
  erp: ['item.created', 'item.updated', 'customer.created', 'customer.updated'],
  /** EasyPost's `description` of an `Event` (in the body) and ShipBob's `x-webhook-topic`. */
  logistics: ['tracker.updated', 'order.shipment.tracking_received'],
  /** HubSpot `subscriptionType`s, read per event from the batch. */
  crm: ['contact.creation', 'contact.propertyChange'],
} as const satisfies Record<string, readonly string[]>;

export type StorefrontEventType = (typeof SOURCE_EVENT_TYPES.storefront)[number];
export type PaymentsEventType = (typeof SOURCE_EVENT_TYPES.payments)[number];
export type ErpEventType = (typeof SOURCE_EVENT_TYPES.erp)[number];
export type LogisticsEventType = (typeof SOURCE_EVENT_TYPES.logistics)[number];
export type CrmEventType = (typeof SOURCE_EVENT_TYPES.crm)[number];

/** The event types a source's mappers handle; empty for a source Interchange has no mappers for. */
export function sourceEventTypes(source: string): readonly string[] {
  return lookup(SOURCE_EVENT_TYPES, source) ?? [];
}
