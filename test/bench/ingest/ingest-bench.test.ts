import { senderScheme } from '../../../local/webhook-client';
import { loadStageConfig } from '../../../config/load';
import { INGEST_BODY_SIZES, runIngestBench } from '../../../bench/ingest/ingest-bench';

const config = loadStageConfig('dev');

describe('runIngestBench', () => {
  it('reports every scheme at every size', () => {
    const lines: string[] = [];
    const results = runIngestBench(config, (line) => lines.push(line), { warmupMs: 1, samples: 3, sampleMs: 1 });
    const schemes = new Set(config.sources.map((source) => senderScheme(source).kind));
    expect(results).toHaveLength(schemes.size * INGEST_BODY_SIZES.length);
    expect(new Set(results.map((result) => result.scheme))).toEqual(schemes);
    for (const result of results) expect(result.ratio).toBeGreaterThan(0);
    expect(lines).toHaveLength(results.length);
  });
});
