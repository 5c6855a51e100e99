import { STAGES } from '../../../../config/stages';
import { erpRequest } from '../../../../lambdas/connector/destinations/erp';
import { needsLookup, orderedChangeFor, requestFor } from '../../../../lambdas/connector/destinations';
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
    // A request that looks something up first is shaped by what the lookup finds; its lookup is a path too.
    const direct = request && !needsLookup(request) ? request : undefined;
    expect(direct?.path ?? (request && needsLookup(request) ? request.lookupPath : undefined)).toMatch(/^\//);
    expect(JSON.parse(JSON.stringify(direct?.body ?? null))).toEqual(direct?.body ?? null);
  });

  test.each(topology.destinations.map((destination) => destination.name))(
    '%s has a module of its own rather than the CloudEvents fallback',
    (destination) => {
      const requests = Object.values(defaultEvents).map((event) => requestFor(destination, event));

      expect(
        requests.some((request) => request === undefined || needsLookup(request) || request.path !== '/events'),
      ).toBe(true);
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
      expect(orderedChangeFor(destination, event)?.key).toBe(`interchange.payment.v1|${event.subject}`);
    },
  );

  test.each([
    ['storefront', inventoryLevelEvent({ source: 'storefront' })],
    ['erp', customerEvent({ source: 'erp' })],
    ['crm', customerEvent({ source: 'crm' })],
  ])('%s is never sent back what it reported', (destination, event) => {
    expect(requestFor(destination, event)).toBeUndefined();
    expect(orderedChangeFor(destination, event)).toBeUndefined();
  });

  test('destinations that keep state (3PL orders included) order every change; appends (analytics, notes) do not', () => {
    const level = inventoryLevelEvent({ version: 12 });
    const order = orderEvent();

    expect(orderedChangeFor('storefront', level)).toEqual({
      key: 'IPOD2008BLACK@storefront:655441491',
      change: { version: 12, sequence: 0, eventId: level.id },
    });
    expect(orderedChangeFor('erp', order)?.key).toBe(`interchange.order.v1|${order.subject}`);
    expect(orderedChangeFor('crm', order)?.change.eventId).toBe(order.id);
    expect(orderedChangeFor('erp', paymentEvent())).toBeDefined();
    expect(orderedChangeFor('crm', shipmentEvent())).toBeUndefined();
    expect(orderedChangeFor('analytics', level)).toBeUndefined();
    expect(orderedChangeFor('fulfillment', order)?.key).toBe(`interchange.order.v1|${order.subject}`);
  });

  test('two changes within one version are told apart by their sequence', () => {
    const earlier = orderEvent({ version: 5 });
    const later = { ...orderEvent({ version: 5 }), entitysequence: 7 };

    expect(orderedChangeFor('erp', earlier)?.change.sequence).toBe(0);
    expect(orderedChangeFor('erp', later)?.change.sequence).toBe(7);
  });
});
