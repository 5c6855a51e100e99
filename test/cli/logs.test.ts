import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import fc from 'fast-check';
import { loadStageConfig } from '../../config/load';
import { LogsInsights, namesId, parseLogLine, TRACEABLE_ID, traceQueryString } from '../../cli/logs';

describe('namesId', () => {
  const line = {
    correlationId: 'corr-1',
    deliveryId: 'shopify-1',
    eventId: 'storefront:order:820982911946154508:1',
    entity: 'storefront:820982911946154508',
    entityName: '#1001',
  };

  test.each([
    ['corr-1'],
    ['shopify-1'],
    ['storefront:order:820982911946154508:1'],
    ['storefront:820982911946154508'],
    ['820982911946154508'],
    ['#1001'],
    ['1001'],
  ])('finds a line by %s', (id) => {
    expect(namesId(line, id)).toBe(true);
  });

  test('finds a stock level by its SKU after the location', () => {
    expect(namesId({ entity: 'erp:all-locations/SKU-1' }, 'SKU-1')).toBe(true);
  });

  test('finds a record that became several events by any of their ids', () => {
    expect(namesId({ events: [{ eventId: 'a' }, { eventId: 'b', entity: 'crm:7' }] }, '7')).toBe(true);
  });

  test.each([['1'], ['100'], ['storefront'], ['corr']])('does not take a part of an id for the id: %s', (id) => {
    expect(namesId(line, id)).toBe(false);
  });
});

describe('parseLogLine', () => {
  test('reads a Powertools line and skips metric documents and plain text', () => {
    expect(parseLogLine('{"timestamp":"2026-12-01T00:00:00.000Z","service":"ingest-crm","message":"x"}')).toMatchObject(
      { message: 'x' },
    );
    expect(parseLogLine('{"_aws":{},"timestamp":"t","service":"s"}')).toBeUndefined();
    expect(parseLogLine('event source mapping: Error')).toBeUndefined();
    expect(parseLogLine('{"timestamp":1}')).toBeUndefined();
    expect(parseLogLine('{not json')).toBeUndefined();
  });
});

describe('traceQueryString', () => {
  test('searches every id field for each id, and the entity by its suffix', () => {
    const query = traceQueryString(['#1001']);
    expect(query).toContain('correlationId = "#1001" or deliveryId = "#1001"');
    expect(query).toContain('entity like /[:\\/]\\#1001$/');
    expect(query).toContain('entityName = "##1001"');
    expect(query.split('\n')[0]).toBe('fields @timestamp, @message');
  });

  test('an id outside the traceable form is refused, so no query can be injected', () => {
    fc.assert(
      fc.property(fc.string(), (id) => {
        if (TRACEABLE_ID.test(id)) {
          const query = traceQueryString([id]);
          // Every quote is one the query put around a value, and the id adds no command of its own.
          expect(query.match(/"/g)!.length).toBe(2 * 7);
          expect(query.split('\n').map((part) => part.split(' ')[0])).toEqual(['fields', '|', '|', '|']);
          expect(query.split('\n').map((part) => part.split(' ')[1])).toEqual([
            '@timestamp,',
            'filter',
            'sort',
            'limit',
          ]);
        } else {
          expect(() => traceQueryString([id])).toThrow('not a traceable id');
        }
      }),
    );
  });
});

describe('LogsInsights', () => {
  /** No local stand-in speaks CloudWatch Logs: the client is stubbed at send, answering the documented shapes. */
  function stubbedClient(answers: unknown[]) {
    const client = new CloudWatchLogsClient({ region: 'us-east-1' });
    const requests: { name: string; input: unknown }[] = [];
    (client as unknown as { send: unknown }).send = async (command: {
      constructor: { name: string };
      input: unknown;
    }) => {
      requests.push({ name: command.constructor.name, input: command.input });
      return answers.shift();
    };
    return { client, requests };
  }
  const line = JSON.stringify({
    timestamp: '2026-12-01T00:00:01.000Z',
    service: 'ingest-crm',
    message: 'webhook accepted',
    correlationId: 'c-1',
  });
  const other = JSON.stringify({
    timestamp: '2026-12-01T00:00:00.000Z',
    service: 'ingest-crm',
    message: 'webhook accepted',
    correlationId: 'c-12',
    latencyMs: 'c-1',
  });

  test('polls until the query completes, and keeps only lines that name the id', async () => {
    const { client, requests } = stubbedClient([
      { queryId: 'q-1' },
      { status: 'Scheduled' },
      { status: 'Running' },
      { status: 'Complete', results: [[{ field: '@message', value: other }], [{ field: '@message', value: line }]] },
    ]);
    const waits: number[] = [];
    const logs = new LogsInsights(
      client,
      loadStageConfig('dev'),
      (error) => error as Error,
      async (ms) => waits.push(ms),
    );
    const found = await logs.find(['c-1'], { sinceMs: 0, untilMs: 10_000 });
    expect(found.map((entry) => entry.correlationId)).toEqual(['c-1']);
    expect(waits).toEqual([1000, 1000]);
    expect(requests.map((request) => request.name)).toEqual([
      'StartQueryCommand',
      'GetQueryResultsCommand',
      'GetQueryResultsCommand',
      'GetQueryResultsCommand',
    ]);
    expect(requests[1]!.input).toEqual({ queryId: 'q-1' });
  });

  test('a query that fails is an error naming it', async () => {
    const { client } = stubbedClient([{ queryId: 'q-2' }, { status: 'Failed' }]);
    const logs = new LogsInsights(
      client,
      loadStageConfig('dev'),
      (error) => error as Error,
      async () => undefined,
    );
    await expect(logs.find(['c-1'], { sinceMs: 0, untilMs: 1 })).rejects.toThrow(
      'Logs Insights query q-2 ended Failed',
    );
  });
});
