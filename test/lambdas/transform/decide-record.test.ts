import { decideRecord } from '../../../lambdas/transform/decide-record';
import type { MapResult } from '../../../lambdas/transform/mappers';
import { orderEvent } from '../../helpers/canonical-event-factories';

const attributes = {
  correlationId: 'corr-order-0001',
  source: 'storefront',
  eventType: 'orders/create',
  receivedAt: '2026-11-24T12:00:01.000Z',
  deliveryId: 'd-1',
};
const settings = {
  maxPartialAttempts: 3,
  routes: {
    'interchange.order.v1': [
      { destination: 'erp', queueUrl: 'q-erp' },
      { destination: 'crm', queueUrl: 'q-crm' },
    ],
  },
};
const mapped = (events = [orderEvent({ correlationId: 'corr-order-0001' })]): MapResult => ({
  ok: true,
  events,
  unknownFields: [],
});

describe('decideRecord', () => {
  test('an order fans out to every routed destination with the canonical type as event type', () => {
    const decision = decideRecord(mapped(), attributes, 1, settings);

    expect(decision.kind).toBe('deliver');
    if (decision.kind !== 'deliver') return;
    expect(decision.deliveries.map((delivery) => delivery.target.destination)).toEqual(['erp', 'crm']);
    expect(decision.deliveries[0]!.attributes).toEqual({ ...attributes, eventType: 'interchange.order.v1' });
    expect(decision.unrouted).toEqual([]);
  });

  test('a type no route names is counted as unrouted, not failed', () => {
    const decision = decideRecord(mapped(), attributes, 1, { ...settings, routes: {} });

    expect(decision).toEqual({ kind: 'deliver', deliveries: [], unrouted: ['interchange.order.v1'] });
  });

  test('drift is quarantined at once with its paths, never retried', () => {
    const issues = [{ path: 'line_items.0.price', message: 'expected string, received number' }];
    const decision = decideRecord({ ok: false, reason: 'drift', issues }, attributes, 1, settings);

    expect(decision).toEqual({ kind: 'quarantine', reason: 'drift', issues });
  });

  test('a partial record is held back until its attempts run out, then quarantined', () => {
    const result: MapResult = { ok: false, reason: 'partial', issues: [{ path: 'email', message: 'missing' }] };

    expect(decideRecord(result, attributes, 1, settings).kind).toBe('hold-back');
    expect(decideRecord(result, attributes, 2, settings).kind).toBe('hold-back');
    expect(decideRecord(result, attributes, 3, settings)).toMatchObject({ kind: 'quarantine', reason: 'partial' });
  });

  test.each(['unparsable', 'unsupported-event-type'] as const)('%s is quarantined', (reason) => {
    const decision = decideRecord({ ok: false, reason, issues: [] }, attributes, 1, settings);

    expect(decision).toEqual({ kind: 'quarantine', reason, issues: [] });
  });
});
