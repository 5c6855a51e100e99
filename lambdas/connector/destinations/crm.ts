import type { CanonicalEvent, CanonicalEventOf, ShipmentTrackingEvent } from '../../../schemas';
import { fromMinorUnits } from '../../shared/minor-units';
import type { DirectRequest } from './destination-request';

/**
 * The CRM's custom unique properties holding Interchange's ids. HubSpot-style CRMs find and upsert records by such
 * a property, so Interchange never has to learn or store the CRM's own record ids.
 */
export const CRM_ID_PROPERTIES = {
  contact: 'interchange_id',
  deal: 'interchange_order_id',
} as const;

/** HubSpot property values are strings; absent values are left out so an upsert never blanks a field. */
type CrmProperties = Record<string, string>;

const properties = (values: Record<string, string | number | boolean | null | undefined>): CrmProperties =>
  Object.fromEntries(
    Object.entries(values)
      .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined && entry[1] !== null)
      .map(([name, value]) => [name, String(value)]),
  );

/** HubSpot CRM v3 batch upsert with one input: creates the record or updates the one whose id property matches. */
const upsert = (objectType: string, idProperty: string, id: string, values: CrmProperties): DirectRequest => ({
  method: 'POST',
  path: `/objects/${objectType}/batch/upsert`,
  body: { inputs: [{ idProperty, id, properties: values }] },
});

/**
 * Shapes an event for the CRM (modelled on HubSpot's CRM v3 API): customers become contact upserts, orders become
 * deal upserts that name their contact by its Interchange id (an order summary on the contact's record), and
 * shipments of a known order become timeline notes on that order's deal. Stock levels and payments are not CRM data.
 */
export function crmRequest(event: CanonicalEvent): DirectRequest | undefined {
  switch (event.type) {
    case 'interchange.customer.v1':
      return upsert('contacts', CRM_ID_PROPERTIES.contact, event.data.id, contactProperties(event));
    case 'interchange.order.v1':
      return orderSummary(event);
    case 'interchange.shipment.v1':
      return shipmentNote(event);
    default:
      return undefined;
  }
}

function contactProperties(event: CanonicalEventOf<'interchange.customer.v1'>): CrmProperties {
  const customer = event.data;
  const split = customer.givenName !== undefined || customer.familyName !== undefined;
  const address = customer.addresses[0];
  return properties({
    [CRM_ID_PROPERTIES.contact]: customer.id,
    firstname: split ? customer.givenName : customer.name,
    lastname: split ? customer.familyName : undefined,
    email: customer.email,
    phone: customer.phone,
    company: customer.company ?? (customer.kind === 'company' ? customer.name : undefined),
    address: address?.line2 && address.line1 ? `${address.line1}, ${address.line2}` : address?.line1,
    city: address?.city,
    state: address?.region,
    zip: address?.postalCode,
    country: address?.countryCode,
    interchange_blocked: customer.blocked,
    interchange_version: event.entityversion,
  });
}

/** An order the CRM cannot tie to anyone (a guest checkout without an email) has no contact to be shown on. */
function orderSummary(event: CanonicalEventOf<'interchange.order.v1'>): DirectRequest | undefined {
  const order = event.data;
  const contactEmail = order.customer?.email ?? order.email;
  if (!order.customer && contactEmail === undefined) return undefined;
  return upsert(
    'deals',
    CRM_ID_PROPERTIES.deal,
    order.id,
    properties({
      [CRM_ID_PROPERTIES.deal]: order.id,
      dealname: `Order ${order.orderNumber}`,
      amount: fromMinorUnits(order.totals.total.amountMinor, order.totals.total.currency),
      deal_currency_code: order.totals.total.currency,
      closedate: order.placedAt,
      interchange_contact_id: order.customer?.id,
      interchange_contact_email: contactEmail,
      interchange_order_number: order.orderNumber,
      interchange_order_status: order.status,
      interchange_payment_status: order.paymentStatus,
      interchange_fulfillment_status: order.fulfillmentStatus,
      interchange_version: event.entityversion,
    }),
  );
}

/** A note needs a record to hang on; a shipment known only by its tracking number has none in the CRM. */
function shipmentNote(event: CanonicalEventOf<'interchange.shipment.v1'>): DirectRequest | undefined {
  const shipment = event.data;
  if (shipment.orderRef === null) return undefined;
  return {
    method: 'POST',
    path: '/objects/notes',
    body: {
      properties: properties({
        hs_timestamp: shipment.updatedAt,
        hs_note_body: noteBody(event),
        [CRM_ID_PROPERTIES.deal]: shipment.orderRef,
        interchange_shipment_id: shipment.id,
        interchange_shipment_status: shipment.status,
      }),
    },
  };
}

function noteBody(event: CanonicalEventOf<'interchange.shipment.v1'>): string {
  const shipment = event.data;
  const parcel = shipment.trackingNumber ?? shipment.id;
  const carrier = shipment.carrier ? ` via ${shipment.carrier}` : '';
  const latest = shipment.events.at(-1);
  const lines = [`Shipment ${parcel}${carrier}: ${shipment.status.replace(/-/g, ' ')}`];
  if (latest) lines.push(`${latest.at} ${latestScan(latest)}`);
  if (shipment.estimatedDelivery) lines.push(`Estimated delivery ${shipment.estimatedDelivery}`);
  if (shipment.trackingUrl) lines.push(shipment.trackingUrl);
  return lines.join('\n');
}

function latestScan(scan: ShipmentTrackingEvent): string {
  const place = [scan.location?.city, scan.location?.region, scan.location?.countryCode].filter(Boolean).join(', ');
  return [scan.message ?? scan.status, place].filter(Boolean).join(' - ');
}
