import { tallyDeliveries, type AcceptedWebhook, type ArrivedRequest } from '../../../bench/e2e/delivery-tally';

const webhook = (correlationId: string, expected: [string, number][], sentAtEpochMs = 1_000): AcceptedWebhook => ({
  correlationId,
  sentAtEpochMs,
  expected: new Map(expected),
});
const arrived = (correlationId: string | undefined, receivedAt: number): ArrivedRequest => ({
  correlationId,
  receivedAt,
});

describe('tallyDeliveries', () => {
  it('counts a webhook delivered once every routed destination has its requests', () => {
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
        ['erp', [arrived('a', 1_040), arrived('b', 1_050)]],
        ['analytics', [arrived('a', 1_020)]],
      ]),
    );
    expect(tally).toMatchObject({ delivered: 1, pending: 1, expectedRequests: 4, arrivedRequests: 3 });
    expect([...tally.latenciesMs].sort((x, y) => x - y)).toEqual([20, 40, 50]);
    expect(tally.lastArrivalEpochMs).toBe(1_050);
  });

  it('needs as many requests as the webhook has events for a destination', () => {
    const refund = webhook('r', [['erp', 2]]);
    expect(tallyDeliveries([refund], new Map([['erp', [arrived('r', 1_100)]]])).delivered).toBe(0);
    const both = tallyDeliveries([refund], new Map([['erp', [arrived('r', 1_300), arrived('r', 1_100)]]]));
    expect(both).toMatchObject({ delivered: 1, arrivedRequests: 2 });
  });

  it('never lets surplus requests at one destination make up for a missing one at another', () => {
    const tally = tallyDeliveries(
      [
        webhook('a', [
          ['erp', 1],
          ['crm', 1],
        ]),
      ],
      new Map([['erp', [arrived('a', 1_010), arrived('a', 1_020), arrived('a', 1_030)]]]),
    );
    expect(tally).toMatchObject({ delivered: 0, pending: 1, arrivedRequests: 1 });
    expect(tally.latenciesMs).toEqual([10]);
  });

  it('ignores requests without a correlation id or for webhooks not accepted', () => {
    const tally = tallyDeliveries(
      [webhook('a', [['erp', 1]])],
      new Map([['erp', [arrived(undefined, 1_010), arrived('stranger', 1_020)]]]),
    );
    expect(tally).toMatchObject({ delivered: 0, arrivedRequests: 0, lastArrivalEpochMs: undefined });
  });

  it('counts a webhook routed nowhere as delivered, and an empty run as nothing', () => {
    expect(tallyDeliveries([webhook('a', [])], new Map()).delivered).toBe(1);
    expect(tallyDeliveries([], new Map())).toEqual({
      delivered: 0,
      pending: 0,
      expectedRequests: 0,
      arrivedRequests: 0,
      latenciesMs: [],
      lastArrivalEpochMs: undefined,
    });
  });
});
