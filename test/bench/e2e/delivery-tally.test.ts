import {
  correlationIdsOf,
  tallyDeliveries,
  type AcceptedWebhook,
  type ArrivedRequest,
} from '../../../bench/e2e/delivery-tally';

const webhook = (correlationId: string, expected: [string, number][], sentAtEpochMs = 1_000): AcceptedWebhook => ({
  correlationId,
  sentAtEpochMs,
  expected: new Map(expected),
});
const arrived = (correlationIds: string[], receivedAt: number): ArrivedRequest => ({ correlationIds, receivedAt });

describe('correlationIdsOf', () => {
  it('names the header’s webhook for a request of one shaped record', () => {
    expect(correlationIdsOf('a', { sku: 'A-1', available: 3 })).toEqual(['a']);
  });

  it('counts the header once when the body names the same webhook', () => {
    expect(correlationIdsOf('a', { id: 'e1', correlationid: 'a', data: {} })).toEqual(['a']);
  });

  it('names every event of a batch, by CloudEvents or track-call spelling', () => {
    const batch = {
      batch: [
        { type: 'track', context: { correlationId: 'a' } },
        { type: 'track', context: { correlationId: 'b' } },
        { type: 'track', context: { correlationId: 'b' } },
      ],
    };
    expect(correlationIdsOf('a', batch)).toEqual(['a', 'b', 'b']);
    expect(correlationIdsOf(undefined, [{ correlationid: 'c' }, { correlation_id: 'd' }])).toEqual(['c', 'd']);
  });

  it('finds nothing in a request that names no webhook', () => {
    expect(correlationIdsOf(undefined, 'not json')).toEqual([]);
    expect(correlationIdsOf(undefined, { correlationId: 42 })).toEqual([]);
  });
});

describe('tallyDeliveries', () => {
  it('counts a webhook delivered once every routed destination has its events', () => {
    const tally = tallyDeliveries(
      [
        webhook('a', [
          ['erp', 1],
          ['analytics', 1],
        ]),
        webhook('b', [
          ['erp', 1],
          ['analytics', 1],
        ]),
      ],
      new Map([
        ['erp', [arrived(['a'], 1_040), arrived(['b'], 1_050)]],
        ['analytics', [arrived(['a'], 1_020)]],
      ]),
    );
    expect(tally).toMatchObject({
      delivered: 1,
      pending: 1,
      downstreamEventsExpected: 4,
      downstreamEventsArrived: 3,
    });
    expect([...tally.latenciesMs].sort((x, y) => x - y)).toEqual([20, 40, 50]);
    expect(tally.lastArrivalEpochMs).toBe(1_050);
  });

  it('needs as many events as the webhook has for a destination, one request each or batched', () => {
    const refund = webhook('r', [['erp', 2]]);
    expect(tallyDeliveries([refund], new Map([['erp', [arrived(['r'], 1_100)]]])).delivered).toBe(0);
    const apart = tallyDeliveries([refund], new Map([['erp', [arrived(['r'], 1_300), arrived(['r'], 1_100)]]]));
    expect(apart).toMatchObject({ delivered: 1, downstreamEventsArrived: 2 });
    const batched = tallyDeliveries([refund], new Map([['erp', [arrived(['r', 'x', 'r'], 1_100)]]]));
    expect(batched).toMatchObject({ delivered: 1, downstreamEventsArrived: 2 });
  });

  it('never lets surplus events at one destination make up for a missing one at another', () => {
    const tally = tallyDeliveries(
      [
        webhook('a', [
          ['erp', 1],
          ['crm', 1],
        ]),
      ],
      new Map([['erp', [arrived(['a'], 1_010), arrived(['a'], 1_020), arrived(['a'], 1_030)]]]),
    );
    expect(tally).toMatchObject({ delivered: 0, pending: 1, downstreamEventsArrived: 1 });
    expect(tally.latenciesMs).toEqual([10]);
  });

  it('ignores events of webhooks that were not accepted', () => {
    const tally = tallyDeliveries([webhook('a', [['erp', 1]])], new Map([['erp', [arrived(['stranger'], 1_020)]]]));
    expect(tally).toMatchObject({ delivered: 0, downstreamEventsArrived: 0, lastArrivalEpochMs: undefined });
  });

  it('counts a webhook routed nowhere as delivered, and an empty run as nothing', () => {
    expect(tallyDeliveries([webhook('a', [])], new Map()).delivered).toBe(1);
    expect(tallyDeliveries([], new Map())).toEqual({
      delivered: 0,
      pending: 0,
      downstreamEventsExpected: 0,
      downstreamEventsArrived: 0,
      latenciesMs: [],
      lastArrivalEpochMs: undefined,
    });
  });
});
