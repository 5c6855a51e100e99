import {
  ANALYTICS_EVENT_NAMES,
  analyticsBatchRequest,
  analyticsRequest,
} from '../../../../lambdas/connector/destinations/analytics';
import { CANONICAL_EVENT_TYPES } from '../../../../schemas';
import {
  customerEvent,
  inventoryLevelEvent,
  orderEvent,
  paymentEvent,
  shipmentEvent,
} from '../../../helpers/canonical-event-factories';

const everyType = () => [customerEvent(), orderEvent(), inventoryLevelEvent(), paymentEvent(), shipmentEvent()];

describe('analytics requests', () => {
  test('an order is one track call keyed by the event id, about its customer', () => {
    const event = orderEvent({ version: 3, correlationId: 'corr-1' });

    expect(analyticsRequest(event)).toEqual({
      method: 'POST',
      path: '/track',
      body: {
        event: 'Order Changed',
        userId: 'storefront:115310627314723954',
        properties: event.data,
        timestamp: event.time,
        messageId: event.id,
        context: {
          source: 'interchange/storefront',
          eventType: 'interchange.order.v1',
          entityVersion: 3,
          correlationId: 'corr-1',
        },
      },
    });
  });

  test('an event about no customer is tracked anonymously under its subject', () => {
    const event = inventoryLevelEvent();

    const body = analyticsRequest(event).body;

    expect(body).toMatchObject({ event: 'Inventory Level Reported', anonymousId: event.subject });
    expect(body).not.toHaveProperty('userId');
  });

  test('a customer event is about that customer', () => {
    expect(analyticsRequest(customerEvent()).body).toMatchObject({ userId: 'storefront:115310627314723954' });
  });

  test('every canonical type has a name and a request: analytics ignores nothing', () => {
    expect(Object.keys(ANALYTICS_EVENT_NAMES).sort()).toEqual([...CANONICAL_EVENT_TYPES].sort());
    for (const event of everyType()) {
      expect(analyticsRequest(event).body).toMatchObject({ event: ANALYTICS_EVENT_NAMES[event.type] });
    }
  });

  test('a batch carries each event’s track call in order, typed as track', () => {
    const events = everyType();

    const request = analyticsBatchRequest(events);

    expect(request).toMatchObject({ method: 'POST', path: '/batch' });
    expect((request?.body as { batch: unknown[] }).batch).toEqual(
      events.map((event) => ({ type: 'track', ...(analyticsRequest(event).body as object) })),
    );
  });

  test('an empty batch is no request', () => {
    expect(analyticsBatchRequest([])).toBeUndefined();
  });
});
