import type { LogEntry, LogSearch } from '../../cli/logs';
import { namesId } from '../../cli/logs';
import { buildTrace, traceEvent } from '../../cli/trace';

const at = (second: number) => `2026-12-01T10:00:${String(second).padStart(2, '0')}.000Z`;
const line = (second: number, service: string, message: string, fields: Record<string, unknown> = {}): LogEntry => ({
  timestamp: at(second),
  service,
  level: 'INFO',
  message,
  ...fields,
});

/** One order: accepted, mapped, a 503 then a 200 at the erp; then the vendor's retry of the same delivery. */
const lines: LogEntry[] = [
  line(0, 'ingest-storefront', 'webhook accepted', { correlationId: 'c-1', deliveryId: 'd-1', source: 'storefront' }),
  line(1, 'transform-storefront', 'record mapped', {
    correlationId: 'c-1',
    deliveryId: 'd-1',
    eventId: 'e-1',
    entity: 'storefront:1',
    entityName: '#1001',
    events: [{ eventId: 'e-1', entity: 'storefront:1', destinations: ['erp'] }],
  }),
  line(2, 'connector-erp', 'delivery attempt', {
    correlationId: 'c-1',
    eventId: 'e-1',
    destination: 'erp',
    status: 503,
    latencyMs: 12,
    outcome: 'transient',
  }),
  line(3, 'connector-erp', 'delivery deferred', {
    correlationId: 'c-1',
    eventId: 'e-1',
    destination: 'erp',
    reason: 'failed',
  }),
  line(4, 'connector-erp', 'delivery attempt', {
    correlationId: 'c-1',
    eventId: 'e-1',
    destination: 'erp',
    status: 200,
    latencyMs: 9,
    outcome: 'delivered',
  }),
  line(5, 'connector-erp', 'delivered', { correlationId: 'c-1', eventId: 'e-1', destination: 'erp', status: 200 }),
  line(6, 'ingest-storefront', 'webhook accepted', { correlationId: 'c-2', deliveryId: 'd-1', source: 'storefront' }),
  line(7, 'transform-storefront', 'record mapped', {
    correlationId: 'c-2',
    deliveryId: 'd-1',
    eventId: 'e-1',
    entity: 'storefront:1',
  }),
  line(8, 'connector-erp', 'duplicate skipped', {
    correlationId: 'c-2',
    eventId: 'e-1',
    destination: 'erp',
    status: 200,
  }),
  line(9, 'ingest-storefront', 'webhook accepted', { correlationId: 'c-9', deliveryId: 'd-9', source: 'storefront' }),
];

describe('buildTrace', () => {
  const trace = buildTrace('c-1', lines.slice(0, 9));

  test('lists each webhook delivery, a vendor retry linked to the first by its delivery id', () => {
    expect(trace.deliveries).toEqual([
      { correlationId: 'c-1', deliveryId: 'd-1', receivedAt: at(0), source: 'storefront' },
      { correlationId: 'c-2', deliveryId: 'd-1', receivedAt: at(6), source: 'storefront', retryOf: 'c-1' },
    ]);
    expect(trace.steps.filter((step) => step.retryOf === 'c-1').map((step) => step.time)).toEqual([
      at(6),
      at(7),
      at(8),
    ]);
  });

  test("gives each destination's attempts with its answers, how it ended, and the copies absorbed", () => {
    expect(trace.destinations).toEqual([
      {
        destination: 'erp',
        attempts: [
          { time: at(2), status: 503, latencyMs: 12, outcome: 'transient' },
          { time: at(4), status: 200, latencyMs: 9, outcome: 'delivered' },
        ],
        last: 'delivered',
        duplicates: 1,
      },
    ]);
  });

  test('keeps outcomes and reasons it does not know as the connector wrote them', () => {
    const novel = buildTrace('c-1', [
      line(0, 'connector-crm', 'delivery attempt', { correlationId: 'c-1', status: 425, outcome: 'too-early' }),
      line(1, 'connector-crm', 'deferred while in progress elsewhere', {
        correlationId: 'c-1',
        reason: 'in-progress-elsewhere',
      }),
    ]);
    expect(novel.destinations[0]).toMatchObject({
      destination: 'crm',
      attempts: [{ status: 425, outcome: 'too-early' }],
      last: 'deferred while in progress elsewhere (in-progress-elsewhere)',
    });
  });
});

describe('traceEvent', () => {
  const logs: LogSearch & { asked: string[][] } = {
    asked: [],
    async find(ids) {
      this.asked.push([...ids]);
      return lines.filter((entry) => ids.some((id) => namesId(entry, id)));
    },
  };

  test('from an order number widens by the correlation and delivery ids it finds, and not to other orders', async () => {
    const trace = await traceEvent(logs, '1001', { sinceMs: 0, untilMs: Date.parse(at(59)) });
    expect(logs.asked[0]).toEqual(['1001']);
    expect(logs.asked[1]).toEqual(['c-1', 'd-1']);
    expect(trace.steps).toHaveLength(9);
    expect(trace.steps.map((step) => step.correlationId)).not.toContain('c-9');
    expect(trace.deliveries.map((delivery) => delivery.correlationId)).toEqual(['c-1', 'c-2']);
  });
});
