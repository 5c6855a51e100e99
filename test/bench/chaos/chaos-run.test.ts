import { runChaos } from '../../../bench/chaos/chaos-run';

describe('chaos run', () => {
  test('under rotating 5xx, timeouts, outages, 429s and vendor retries, nothing is lost, written twice or sent backwards', async () => {
    const report = await runChaos({ events: 160, seed: 11 });

    expect(report.accepted).toBe(report.webhooks + report.vendorRetries);
    expect(report.faultChanges).toBeGreaterThan(0);
    for (const [name, outcome] of Object.entries(report.destinations)) {
      expect({
        name,
        lost: outcome.lost,
        duplicateWrites: outcome.duplicateWrites,
        regressions: outcome.regressions,
      }).toEqual({ name, lost: 0, duplicateWrites: 0, regressions: 0 });
      expect(outcome.writes).toBeGreaterThan(0);
    }
  }, 600_000);
});
