import * as fc from 'fast-check';
import { connectorOutcome, FunctionLog, parseLogLine } from '../../../local/observe/function-log';

const line = (fields: Record<string, unknown>) =>
  JSON.stringify({ level: 'INFO', timestamp: '2026-12-01T10:00:00.000Z', service: 'x', cold_start: true, ...fields });

describe('FunctionLog', () => {
  test('groups lines by correlation id and tells what happened at each destination', () => {
    const log = new FunctionLog();
    log.accept(
      'ingest-storefront',
      line({ message: 'webhook accepted', correlationId: 'c1', eventType: 'orders/create', deliveryId: 'd1' }),
    );
    log.accept(
      'transform-storefront',
      line({ message: 'record mapped', correlationId: 'c1', eventType: 'orders/create' }),
    );
    log.accept(
      'connector-erp',
      line({ message: 'delivered', correlationId: 'c1', eventId: 'e1', eventType: 'interchange.order.v1' }),
    );
    log.accept(
      'connector-crm',
      line({ message: 'delivery deferred', level: 'WARN', correlationId: 'c1', reason: 'throttled' }),
    );

    const event = log.event('c1')!;

    expect(event).toMatchObject({
      source: 'storefront',
      vendorType: 'orders/create',
      deliveryId: 'd1',
      canonicalTypes: ['interchange.order.v1'],
      eventIds: ['e1'],
      status: 'retrying',
      destinations: { erp: 'delivered', crm: 'deferred' },
    });
    expect(log.timeline('c1').map((entry) => entry.message)).toEqual([
      'webhook accepted',
      'record mapped',
      'delivered',
      'delivery deferred',
    ]);
    expect(log.timeline('c1')[0]!.fields).toEqual({ eventType: 'orders/create', deliveryId: 'd1' });
  });

  test('counts deferrals by the reason logged, including reasons it has never heard of', () => {
    const log = new FunctionLog();
    for (const reason of ['throttled', 'throttled', 'circuit-open', 'in-progress-elsewhere']) {
      log.accept('connector-erp', line({ message: 'delivery deferred', correlationId: 'c', reason }));
    }
    log.accept('connector-erp', line({ message: 'delivery deferred', correlationId: 'c' }));
    log.accept('connector-crm', line({ message: 'delivered', correlationId: 'c' }));

    expect(log.deferralsBy('erp')).toEqual({ throttled: 2, 'circuit-open': 1, 'in-progress-elsewhere': 1, unknown: 1 });
    expect(log.deferralsBy('crm')).toEqual({});
  });

  test.each([
    ['record quarantined', 'transform-erp', 'quarantined'],
    ['webhook rejected', 'ingest-erp', 'rejected'],
    ['delivery refused; dead-lettered with the answer attached', 'connector-erp', 'dead-lettered'],
    ['partial record held back', 'transform-erp', 'held-back'],
  ])('a "%s" line makes the event %s', (message, functionName, status) => {
    const log = new FunctionLog();
    log.accept(functionName, line({ message, correlationId: 'c' }));
    expect(log.event('c')!.status).toBe(status);
  });

  test('EMF documents are metrics, not log lines; text lines are kept as they are', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    expect(parseLogLine('f', '{"_aws":{"CloudWatchMetrics":[]},"Delivered":1}', 0, now)).toBeUndefined();
    expect(parseLogLine('f', 'event source mapping: boom', 0, now)).toMatchObject({
      level: 'TEXT',
      message: 'event source mapping: boom',
      time: now.toISOString(),
    });
  });

  test('any printed line is taken without throwing, and one that names a correlation id joins its event', () => {
    fc.assert(
      fc.property(fc.string(), fc.jsonValue(), (text, json) => {
        const log = new FunctionLog();
        log.accept('connector-erp', text);
        log.accept('connector-erp', JSON.stringify(json));
        log.accept('connector-erp', JSON.stringify({ message: text, correlationId: 'c', reason: json }));
        expect(log.timeline('c')).toHaveLength(1);
        expect(log.events().length).toBeGreaterThanOrEqual(1);
      }),
    );
  });

  test('connector outcomes are read from the message', () => {
    expect(connectorOutcome('duplicate skipped')).toBe('duplicate-skipped');
    expect(connectorOutcome('not applicable to this destination')).toBe('not-applicable');
    expect(connectorOutcome('stale update dropped; a newer version is at the destination or on its way')).toBe(
      'stale-dropped',
    );
    expect(connectorOutcome('version lease ran out')).toBe('other');
  });
});
