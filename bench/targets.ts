import type { BenchResults } from './results';

/** One performance target from DESIGN.md and how this run fared against it. */
export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

/** The ceiling on every ingest, bundle and init ratio. */
export const MAX_RATIO = 1.5;
export const MIN_EVENTS_PER_SECOND = 1_000;
export const MAX_ACK_P99_MS = 20;
/** A storefront waits on the read API while a page renders. */
export const MAX_READ_P99_MS = 50;

/** The targets the benchmark reports on; they are read, never asserted, since timings vary by machine. */
export function checkTargets(
  results: Pick<BenchResults, 'ingest' | 'functions' | 'local'> & Partial<Pick<BenchResults, 'read'>>,
): TargetCheck[] {
  const worstIngest = Math.max(...results.ingest.map((result) => result.ratio));
  const worstBundle = Math.max(...results.functions.map((result) => result.bundleRatio));
  const worstInit = Math.max(...results.functions.map((result) => result.initRatio));
  const { local } = results;
  return [
    {
      target: `ingest ratio <= ${MAX_RATIO} (every scheme, size)`,
      measured: `worst ${worstIngest}`,
      met: worstIngest <= MAX_RATIO,
    },
    {
      target: `bundle ratio <= ${MAX_RATIO} (every function)`,
      measured: `worst ${worstBundle}`,
      met: worstBundle <= MAX_RATIO,
    },
    {
      target: `init ratio <= ${MAX_RATIO} (every function)`,
      measured: `worst ${worstInit}`,
      met: worstInit <= MAX_RATIO,
    },
    {
      target: `local >= ${MIN_EVENTS_PER_SECOND} events/s`,
      measured: `${local.eventsPerSecond} events/s`,
      met: local.eventsPerSecond >= MIN_EVENTS_PER_SECOND,
    },
    {
      target: `webhook answer p99 < ${MAX_ACK_P99_MS} ms`,
      measured: `${local.ackP99Ms} ms`,
      met: local.ackP99Ms < MAX_ACK_P99_MS,
    },
    ...(results.read
      ? [
          {
            target: `read API p99 < ${MAX_READ_P99_MS} ms`,
            measured: `${results.read.p99Ms} ms`,
            met: results.read.p99Ms < MAX_READ_P99_MS && results.read.notOk === 0,
          },
        ]
      : []),
    {
      target: 'every accepted event delivered',
      measured: `${local.delivered} of ${local.accepted}`,
      met: local.accepted > 0 && local.delivered === local.accepted,
    },
  ];
}
