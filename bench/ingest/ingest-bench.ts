import type { InterchangeConfig } from '../../config/schema';
import { senderScheme } from '../../local/webhook-client';
import { ratio, round } from '../stats';
import { medianCallTimes, type TimingOptions } from '../timing';
import { ingestCase } from './ingest-case';

/**
 * Body sizes the ingest path is measured at: a typical webhook, a large order, a very large one that still fits a
 * queue message, and a 3 MB order, which takes the claim-check path (stored in the payload bucket, pointer queued).
 */
export const INGEST_BODY_SIZES = [1024, 16 * 1024, 256 * 1024, 3_000_000] as const;

/** The ingest figure of one scheme and size (results.json `ingest`). */
export interface IngestResult {
  readonly scheme: string;
  readonly bodyBytes: number;
  /** Handler work over the bare HMAC + JSON.parse + JSON.stringify of the same body. */
  readonly ratio: number;
  readonly handlerMicros: number;
  readonly baselineMicros: number;
}

/**
 * Times the ingest handler's own work against the floor for every signature scheme the configuration uses
 * (the first source of each scheme) at each body size.
 */
export function runIngestBench(
  config: InterchangeConfig,
  progress: (line: string) => void,
  timing?: TimingOptions,
): IngestResult[] {
  const sources = [...new Map(config.sources.map((source) => [senderScheme(source).kind, source])).values()];
  const results: IngestResult[] = [];
  for (const source of sources) {
    for (const bodyBytes of INGEST_BODY_SIZES) {
      const bench = ingestCase(config, source, bodyBytes);
      const [handler, baseline] = medianCallTimes([bench.handle, bench.baseline], timing);
      const result = {
        scheme: bench.scheme,
        bodyBytes,
        ratio: ratio(handler!, baseline!),
        handlerMicros: round(handler! * 1000, 1),
        baselineMicros: round(baseline! * 1000, 1),
      };
      results.push(result);
      progress(
        `${result.scheme} ${bodyBytes} B: ${result.handlerMicros} µs vs ${result.baselineMicros} µs = ${result.ratio}`,
      );
    }
  }
  return results;
}
