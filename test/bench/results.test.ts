import { benchResultsSchema, checkResultsShape, machineInfo } from '../../bench/results';
import { checkTargets } from '../../bench/targets';
import { renderReport } from '../../bench/report';
import { sampleResults } from './helpers/sample-results';

describe('results.json shape', () => {
  it('accepts a full run, extra fields included', () => {
    expect(checkResultsShape(sampleResults())).toEqual({ ok: true });
  });

  it('names every missing or malformed field by its path', () => {
    const results = sampleResults();
    const broken = {
      ...results,
      ingest: [{ scheme: 'shopify', bodyBytes: 1024 }],
      local: { ...results.local, ackP99Ms: Number.NaN, delivered: undefined },
    };
    const checked = checkResultsShape(broken);
    expect(checked.ok).toBe(false);
    expect(checked.ok ? [] : checked.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ingest\.0\.ratio: /),
        expect.stringMatching(/^local\.ackP99Ms: /),
        expect.stringMatching(/^local\.delivered: /),
      ]),
    );
  });

  it('requires every benchmark to be present', () => {
    const { transform: _transform, ...withoutTransform } = sampleResults();
    const checked = checkResultsShape(withoutTransform);
    expect(checked.ok ? [] : checked.problems).toEqual([expect.stringMatching(/^transform: /)]);
  });

  it('lists the fields the issue asks for', () => {
    expect(Object.keys(benchResultsSchema.shape.local.shape)).toEqual([
      'events',
      'eventsPerSecond',
      'ackP50Ms',
      'ackP99Ms',
      'deliveryP99Ms',
      'peakRssMb',
      'accepted',
      'delivered',
    ]);
  });

  it('describes the machine it ran on', () => {
    const machine = machineInfo();
    expect(machine.cpus).toBeGreaterThan(0);
    expect(machine.node).toBe(process.version);
  });
});

describe('targets and report', () => {
  it('marks each target met or missed from the figures', () => {
    const results = sampleResults();
    const checks = checkTargets({ ...results, local: { ...results.local, delivered: results.local.accepted - 1 } });
    expect(checks.map((check) => check.met)).toEqual([true, false, true, false, false, true, false]);
    expect(checks[5]).toEqual({ target: 'read API p99 < 50 ms', measured: '21.4 ms', met: true });
    expect(checks[6]).toEqual({ target: 'every accepted event delivered', measured: '9999 of 10000', met: false });
    const slowReads = checkTargets({ ...results, read: { ...results.read, p99Ms: 75 } });
    expect(slowReads[5]).toMatchObject({ measured: '75 ms', met: false });
  });

  it('renders every benchmark and the targets', () => {
    const report = renderReport(sampleResults());
    for (const heading of ['Ingest', 'Cold start', 'Transform', 'Local end to end', 'Read API', 'Targets']) {
      expect(report).toContain(heading);
    }
    expect(report).toMatch(/connector\s+1071\s+360\s+2\.975 MISSED/);
  });
});
