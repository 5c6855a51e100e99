import { performance } from 'node:perf_hooks';
import { median } from './stats';

/** How long to measure one piece of code: a warm-up first, then many timed samples of many calls each. */
export interface TimingOptions {
  /** Calls before timing starts, so V8 has optimised the code being measured. */
  readonly warmupMs: number;
  /** Timed samples per function; the median of them is reported. */
  readonly samples: number;
  /** Roughly how long one sample lasts; enough calls are batched into it for the clock to resolve them. */
  readonly sampleMs: number;
}

/** Enough for a stable median on a busy 2-core machine, at about half a second per function. */
export const DEFAULT_TIMING: TimingOptions = { warmupMs: 250, samples: 41, sampleMs: 6 };

/** Whatever a measured call returns is kept here, so V8 cannot drop the call as dead code. */
let sink: unknown;

function timeCalls(fn: () => unknown, calls: number): number {
  const started = performance.now();
  for (let call = 0; call < calls; call++) sink = fn();
  return performance.now() - started;
}

/** Calls per sample: doubled until a batch lasts the sample time, after warming the function up. */
function callsPerSample(fn: () => unknown, options: TimingOptions): number {
  const warmUntil = performance.now() + options.warmupMs;
  while (performance.now() < warmUntil) sink = fn();
  let calls = 1;
  while (timeCalls(fn, calls) < options.sampleMs && calls < 1 << 24) calls *= 2;
  return calls;
}

/**
 * Median time of one call of each function, in milliseconds. The functions' samples are interleaved (A, B, A, B,
 * ...) so a neighbour's burst of load or a frequency change hits every function alike and cancels in a ratio.
 */
export function medianCallTimes(fns: readonly (() => unknown)[], options: TimingOptions = DEFAULT_TIMING): number[] {
  const calls = fns.map((fn) => callsPerSample(fn, options));
  const samples = fns.map(() => [] as number[]);
  for (let sample = 0; sample < options.samples; sample++) {
    fns.forEach((fn, index) => samples[index]!.push(timeCalls(fn, calls[index]!) / calls[index]!));
  }
  if (sink === Symbol.for('never')) throw new Error('unreachable');
  return samples.map((times) => median(times));
}
