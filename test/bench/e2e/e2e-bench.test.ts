import { runE2eBench } from '../../../bench/e2e/e2e-bench';
import { WORKLOAD_TEMPLATES } from '../../../bench/e2e/workload';

describe('runE2eBench', () => {
  it('drives every payload kind through local mode in its own process and finds each one delivered', async () => {
    const events = WORKLOAD_TEMPLATES.length * 2;
    const lines: string[] = [];
    const result = await runE2eBench({
      events,
      concurrency: 4,
      logLevel: 'WARN',
      stallMs: 15_000,
      drainDeadlineMs: 30_000,
      progress: (line) => lines.push(line),
    });
    expect(result).toMatchObject({ events, accepted: events, delivered: events, answeredByStatus: { '202': events } });
    expect(result.downstreamEventsArrived).toBe(result.downstreamEventsExpected);
    expect(result.metrics.webhookAccepted).toBe(events);
    expect(result.peakRssMb).toBeGreaterThan(0);
    expect(result.ackP99Ms).toBeGreaterThanOrEqual(result.ackP50Ms);
    expect(lines[0]).toBe(`local mode up; posting ${events} webhooks, 4 at a time`);
  }, 60_000);
});
