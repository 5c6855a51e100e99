import type { AwsCallCounts, AwsCallUnits } from '../../local/aws-stand-ins';
import type { FunctionUsage } from '../../local/lambda-runtime';
import type { AwsCallsPerEvent } from './aws-calls';
import type { RouteMix } from './bench-config';
import type { MetricReconciliation } from './metric-reconciliation';

/**
 * The messages between the benchmark (the vendors' side, posting webhooks) and the process hosting local mode,
 * kept apart so the pipeline's CPU and memory figures are its own and the load costs the pipeline nothing.
 */

/** What the host is asked to run. */
export interface HostOptions {
  readonly events: number;
  readonly logLevel: 'INFO' | 'WARN' | 'SILENT';
  /** Where events go; the dev config's routes unless said otherwise. */
  readonly mix?: RouteMix;
  /** Give up waiting once no expected delivery has arrived for this long. */
  readonly stallMs: number;
  /** Give up waiting this long after the last webhook was answered, whatever the progress. */
  readonly drainDeadlineMs: number;
}

/** One accepted webhook as the load side saw it. */
export interface PostedSummary {
  readonly index: number;
  readonly correlationId: string;
  readonly sentAtEpochMs: number;
}

/** How delivery went, as the host measured it against the fake downstreams. */
export interface DrainReport {
  readonly delivered: number;
  readonly pending: number;
  readonly downstreamEventsExpected: number;
  readonly downstreamEventsArrived: number;
  readonly deliveryP50Ms: number;
  readonly deliveryP99Ms: number;
  readonly lastArrivalEpochMs: number | undefined;
  readonly peakRssMb: number;
  readonly functionWarnings: number;
  /** Those lines counted by function and message, the most frequent first. */
  readonly functionWarningsByMessage: Readonly<Record<string, number>>;
  readonly metrics: MetricReconciliation;
  readonly awsCalls: AwsCallsPerEvent;
  /** What the run used of everything AWS bills, as counted at the stand-ins and the functions' workers. */
  readonly usage: RunUsage;
}

/** A run's billed quantities, whole: requests by operation, their units, each function's work. */
export interface RunUsage {
  readonly calls: AwsCallCounts;
  readonly units: AwsCallUnits;
  readonly functions: Readonly<Record<string, FunctionUsage & { readonly kind: string; readonly memoryMb: number }>>;
}

export type ParentMessage =
  | { readonly kind: 'start'; readonly options: HostOptions }
  | { readonly kind: 'posted'; readonly accepted: readonly PostedSummary[] }
  | { readonly kind: 'stop' };

export type HostMessage =
  | {
      readonly kind: 'ready';
      /** Per source: where its webhooks go and the secret they are signed with. */
      readonly webhookUrls: Readonly<Record<string, string>>;
      readonly signingSecrets: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'progress'; readonly line: string }
  | { readonly kind: 'drained'; readonly report: DrainReport }
  | { readonly kind: 'failed'; readonly error: string };
