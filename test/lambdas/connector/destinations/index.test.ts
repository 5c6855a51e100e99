import { STAGES } from '../../../../config/stages';
import { erpRequest } from '../../../../lambdas/connector/destinations/erp';
import { requestFor, versionKeyFor } from '../../../../lambdas/connector/destinations';
import type { CanonicalEvent, CanonicalEventType } from '../../../../schemas';
import {
  customerEvent,
  inventoryLevelEvent,
  orderEvent,
  paymentEvent,
  shipmentEvent,
} from '../../../helpers/canonical-event-factories';

const topology = STAGES.dev!;
const defaultEvents: Record<CanonicalEventType, CanonicalEvent> = {
  'interchange.customer.v1': customerEvent(),
  'interchange.order.v1': orderEvent(),
  'interchange.inventory-level.v1': inventoryLevelEvent(),
  'interchange.payment.v1': paymentEvent(),
  'interchange.shipment.v1': shipmentEvent(),
};
const routes = Object.entries(topology.routes).flatMap(([type, destinations]) =>
  (destinations ?? []).map((destination) => [destination, type as CanonicalEventType] as const),
);

describe('destination modules', () => {
  test.each(routes)('the %s module shapes the routed %s event into a JSON request', (destination, type) => {
    const request = requestFor(destination, defaultEvents[type]);

    expect(request).toBeDefined();
    expect(request?.path).toMatch(/^\//);
    expect(JSON.parse(JSON.stringify(request?.body))).toEqual(request?.body);
  });

  test.each(topology.destinations.map((destination) => destination.name))(
    '%s has a module of its own rather than the CloudEvents fallback',
    (destination) => {
      const requests = Object.values(defaultEvents).map((event) => requestFor(destination, event));

      expect(requests.some((request) => request?.path !== '/events')).toBe(true);
    },
  );

  test('a destination is handed to its own module', () => {
    const event = orderEvent();

    expect(requestFor('erp', event)).toEqual(erpRequest(event));
  });

  test.each(['events-bus', 'constructor', '__proto__'])(
    'a destination without a module (%s) receives the CloudEvent unchanged',
    (destination) => {
      const event = paymentEvent();

      expect(requestFor(destination, event)).toEqual({ method: 'POST', path: '/events', body: event });
      expect(versionKeyFor(destination, event)).toBeUndefined();
    },
  );

  test.each([
    ['storefront', inventoryLevelEvent({ source: 'storefront' })],
    ['erp', customerEvent({ source: 'erp' })],
    ['crm', customerEvent({ source: 'crm' })],
  ])('%s is never sent back what it reported', (destination, event) => {
    expect(requestFor(destination, event)).toBeUndefined();
    expect(versionKeyFor(destination, event)).toBeUndefined();
  });

  test('only the storefront versions stock levels; analytics keeps every level as history', () => {
    const level = inventoryLevelEvent({ version: 12 });

    expect(versionKeyFor('storefront', level)).toEqual({ key: 'IPOD2008BLACK@storefront:655441491', version: 12 });
    expect(versionKeyFor('analytics', level)).toBeUndefined();
    expect(versionKeyFor('storefront', orderEvent())).toBeUndefined();
  });
});
