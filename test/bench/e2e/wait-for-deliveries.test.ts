import type { DeliveryTally } from '../../../bench/e2e/delivery-tally';
import { waitForDeliveries } from '../../../bench/e2e/wait-for-deliveries';

const tally = (delivered: number, pending: number): DeliveryTally => ({
  delivered,
  pending,
  downstreamEventsExpected: (delivered + pending) * 2,
  downstreamEventsArrived: delivered * 2,
  latenciesMs: [],
  lastArrivalEpochMs: undefined,
});

describe('waitForDeliveries', () => {
  it('polls until nothing is pending', async () => {
    const seen = [tally(0, 3), tally(1, 2), tally(3, 0)];
    let calls = 0;
    const lines: string[] = [];
    const result = await waitForDeliveries(() => seen[Math.min(calls++, seen.length - 1)]!, {
      stallMs: 5_000,
      deadlineEpochMs: Date.now() + 5_000,
      pollMs: 1,
      progress: (line) => lines.push(line),
    });
    expect(result.delivered).toBe(3);
    expect(calls).toBe(3);
    expect(lines[0]).toBe('delivered 0/3 webhooks (0/6 events at downstreams)');
  });

  it('gives up when deliveries stop arriving, saying how many are left', async () => {
    const lines: string[] = [];
    const result = await waitForDeliveries(() => tally(1, 4), {
      stallMs: 20,
      deadlineEpochMs: Date.now() + 5_000,
      pollMs: 5,
      progress: (line) => lines.push(line),
    });
    expect(result.pending).toBe(4);
    expect(lines.at(-1)).toBe('no delivery for 0.02 s; 4 webhooks left undelivered');
  });

  it('gives up at the deadline even while deliveries still arrive', async () => {
    let delivered = 0;
    const lines: string[] = [];
    const result = await waitForDeliveries(() => tally(delivered++, 1_000), {
      stallMs: 5_000,
      deadlineEpochMs: Date.now() + 30,
      pollMs: 5,
      progress: (line) => lines.push(line),
    });
    expect(result.pending).toBeGreaterThan(0);
    expect(lines.at(-1)).toMatch(/^out of time; \d+ webhooks left undelivered$/);
  });
});
