import { runTransformBench, transformRecords } from '../../../bench/transform/transform-bench';
import { mapVendorRecord } from '../../../lambdas/transform/mappers';

describe('transform benchmark', () => {
  it('maps each source’s fixtures, leaving out event types ingest would refuse', () => {
    const records = transformRecords();
    expect([...records.keys()].sort()).toEqual(['crm', 'erp', 'logistics', 'payments', 'storefront']);
    const all = [...records.values()].flat();
    expect(all.some((record) => record.eventType === 'products/update')).toBe(false);
    for (const record of all) {
      const result = mapVendorRecord(record);
      expect(result.ok || result.reason !== 'unsupported-event-type').toBe(true);
    }
  });

  it('reports records per second for every source', () => {
    const lines: string[] = [];
    const results = runTransformBench((line) => lines.push(line), { warmupMs: 1, samples: 3, sampleMs: 1 });
    expect(results.map((result) => result.source).sort()).toEqual([
      'crm',
      'erp',
      'logistics',
      'payments',
      'storefront',
    ]);
    for (const result of results) expect(result.recordsPerSecond).toBeGreaterThan(0);
    expect(lines).toHaveLength(5);
  });
});
