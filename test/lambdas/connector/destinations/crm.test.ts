import { CRM_ID_PROPERTIES, crmRequest } from '../../../../lambdas/connector/destinations/crm';
import {
  customerEvent,
  inventoryLevelEvent,
  orderEvent,
  paymentEvent,
  shipmentEvent,
} from '../../../helpers/canonical-event-factories';

const inputOf = (body: unknown) =>
  (body as { inputs: { idProperty: string; id: string; properties: object }[] }).inputs;

describe('CRM requests', () => {
  test('a customer is a contact upsert by the Interchange id property, every property a string', () => {
    const event = customerEvent({ version: 5, data: { blocked: false } });

    const request = crmRequest(event);

    expect(request).toMatchObject({ method: 'POST', path: '/objects/contacts/batch/upsert' });
    expect(inputOf(request?.body)).toEqual([
      {
        idProperty: CRM_ID_PROPERTIES.contact,
        id: 'storefront:115310627314723954',
        properties: {
          interchange_id: 'storefront:115310627314723954',
          firstname: 'John',
          lastname: 'Smith',
          email: 'john@example.com',
          phone: '+16135551111',
          address: '123 Elm St.',
          city: 'Ottawa',
          state: 'ON',
          zip: 'K2H7A8',
          country: 'CA',
          interchange_blocked: 'false',
          interchange_version: '5',
        },
      },
    ]);
  });

  test('a customer without split names is addressed by the canonical name; a company also fills company', () => {
    const event = customerEvent({
      data: { name: 'Acme Ltd', givenName: undefined, familyName: undefined, kind: 'company', addresses: [] },
    });

    const [input] = inputOf(crmRequest(event)?.body);

    expect(input?.properties).toMatchObject({ firstname: 'Acme Ltd', company: 'Acme Ltd' });
    expect(input?.properties).not.toHaveProperty('lastname');
    expect(input?.properties).not.toHaveProperty('city');
  });

  test('an order is a deal upsert naming its contact, with the amount in major units', () => {
    const event = orderEvent({ version: 9 });

    const request = crmRequest(event);

    expect(request).toMatchObject({ method: 'POST', path: '/objects/deals/batch/upsert' });
    expect(inputOf(request?.body)).toEqual([
      {
        idProperty: CRM_ID_PROPERTIES.deal,
        id: 'storefront:820982911946154508',
        properties: expect.objectContaining({
          dealname: 'Order #9999',
          amount: '408.00',
          deal_currency_code: 'USD',
          closedate: '2026-11-24T11:59:00.000Z',
          interchange_contact_id: 'storefront:115310627314723954',
          interchange_contact_email: 'john@example.com',
          interchange_order_status: 'open',
          interchange_version: '9',
        }),
      },
    ]);
  });

  test('a yen order keeps its amount whole', () => {
    const yen = (amountMinor: number) => ({ amountMinor, currency: 'JPY' });
    const event = orderEvent({
      data: {
        currency: 'JPY',
        lines: [],
        totals: { subtotal: yen(5000), discount: yen(0), shipping: yen(0), tax: yen(0), total: yen(5000) },
      },
    });

    expect(inputOf(crmRequest(event)?.body)[0]?.properties).toMatchObject({ amount: '5000' });
  });

  test('a guest order with an email attaches by email; one with neither customer nor email is ignored', () => {
    const guest = orderEvent({ data: { customer: null, email: 'guest@example.com' } });
    const anonymous = orderEvent({ data: { customer: null, email: undefined } });

    const [input] = inputOf(crmRequest(guest)?.body);

    expect(input?.properties).toMatchObject({ interchange_contact_email: 'guest@example.com' });
    expect(input?.properties).not.toHaveProperty('interchange_contact_id');
    expect(crmRequest(anonymous)).toBeUndefined();
  });

  test('a shipment of a known order is a timeline note on its deal with the latest scan', () => {
    const event = shipmentEvent();

    const request = crmRequest(event);

    expect(request).toMatchObject({
      method: 'POST',
      path: '/objects/notes',
      body: {
        properties: {
          hs_timestamp: '2026-11-24T12:00:00.000Z',
          interchange_order_id: 'storefront:820982911946154508',
          interchange_shipment_id: 'logistics:shp_100',
          interchange_shipment_status: 'in-transit',
        },
      },
    });
    const note = (request?.body as { properties: { hs_note_body: string } }).properties.hs_note_body;
    expect(note.split('\n')).toEqual([
      'Shipment 9400100000000000000000 via USPS: in transit',
      '2026-11-24T12:00:00.000Z Departed USPS facility - Louisville, KY, US',
      'Estimated delivery 2026-11-27',
    ]);
  });

  test('a shipment before its label names the parcel by id and leaves out what is unknown', () => {
    const event = shipmentEvent({
      data: { carrier: null, trackingNumber: null, status: 'pending', events: [], estimatedDelivery: undefined },
    });

    const note = (crmRequest(event)?.body as { properties: { hs_note_body: string } }).properties.hs_note_body;

    expect(note).toBe('Shipment logistics:shp_100: pending');
  });

  test('a shipment known only by its tracking number has no record to hang a note on', () => {
    expect(crmRequest(shipmentEvent({ data: { orderRef: null } }))).toBeUndefined();
  });

  test.each([
    ['an inventory level', inventoryLevelEvent()],
    ['a payment', paymentEvent()],
  ])('%s is not CRM data', (_name, event) => {
    expect(crmRequest(event)).toBeUndefined();
  });
});
