import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { mapVendorRecord, type VendorRecord } from '../../lambdas/transform/mappers';
import { round } from '../stats';
import { medianCallTimes, type TimingOptions } from '../timing';

const FIXTURES = path.resolve(__dirname, '..', '..', 'test', 'fixtures');

/** Mapping throughput of one source (results.json `transform`). */
export interface TransformResult {
  readonly source: string;
  readonly recordsPerSecond: number;
  /** The fixtures cycled through, each one record. */
  readonly fixtures: number;
}

interface ManifestCase {
  readonly source: string;
  readonly eventType: string;
  readonly payload: string;
  readonly expected: string;
}

/**
 * Each source's golden fixtures as transform records. Cases the ingest never lets through (an event type the
 * source does not accept maps to `unsupported-event-type` at once) are left out, so the figure is for records
 * that are really mapped: to canonical events, or to a drift or partial verdict after validation.
 */
export function transformRecords(): Map<string, VendorRecord[]> {
  const manifest = JSON.parse(readFileSync(path.join(FIXTURES, 'manifest.json'), 'utf8')) as ManifestCase[];
  const bySource = new Map<string, VendorRecord[]>();
  for (const entry of manifest) {
    const expected = JSON.parse(readFileSync(path.join(FIXTURES, entry.expected), 'utf8')) as { reason?: string };
    if (expected.reason === 'unsupported-event-type') continue;
    const records = bySource.get(entry.source) ?? [];
    records.push({
      source: entry.source,
      eventType: entry.eventType,
      body: readFileSync(path.join(FIXTURES, entry.payload), 'utf8'),
      correlationId: 'bench-transform',
      receivedAt: '2026-01-01T00:00:00.000Z',
    });
    bySource.set(entry.source, records);
  }
  return bySource;
}

/** Records per second through `mapVendorRecord` (JSON parse, vendor schema, mapping, canonical validation). */
export function runTransformBench(progress: (line: string) => void, timing?: TimingOptions): TransformResult[] {
  const results: TransformResult[] = [];
  for (const [source, records] of transformRecords()) {
    const mapAll = () => records.map((record) => mapVendorRecord(record));
    const [msPerRound] = medianCallTimes([mapAll], timing);
    const result = {
      source,
      recordsPerSecond: round((records.length * 1000) / msPerRound!, 0),
      fixtures: records.length,
    };
    results.push(result);
    progress(`${source}: ${result.recordsPerSecond} records/s over ${records.length} fixtures`);
  }
  return results;
}
