import * as path from 'node:path';
import type { InterchangeConfig } from '../../config/schema';
import { FUNCTION_KINDS, type FunctionKind } from '../../local/lambda-runtime';
import { median, ratio, round } from '../stats';
import { BASELINE_RESOLVE_DIR, baselineHandlerSource, sdkClientPackages } from './baseline-handler';
import { bundleFunction, packageBytes, type FunctionBundle } from './function-bundle';
import { functionEnvironment } from './function-environment';
import { measureModuleInit } from './module-init-time';
import { withoutTracer } from './tracer-stub';

/**
 * Node.js options every deployed function runs with: the stateless stack sets NODE_OPTIONS=--enable-source-maps
 * (lib/constructs/interchange-function.ts), which makes module init read and parse the bundle's source map.
 */
export const DEPLOYED_NODE_OPTIONS = ['--enable-source-maps'] as const;

/** One function's cold-start figures (results.json `functions`), with the what-ifs that explain them. */
export interface FunctionColdStart {
  readonly name: FunctionKind;
  readonly bundleBytes: number;
  /** Median module init over fresh processes, as deployed (source maps enabled). */
  readonly initMs: number;
  readonly bundleRatio: number;
  readonly initRatio: number;
  readonly baseline: { readonly sdkClients: readonly string[]; readonly bundleBytes: number; readonly initMs: number };
  /** The same bundles initialised without --enable-source-maps. */
  readonly withoutSourceMaps: { readonly initMs: number; readonly baselineInitMs: number };
  /** The function with Powertools Tracer replaced by a no-op: what tracing (aws-xray-sdk-core and its deps) costs. */
  readonly withoutTracer: { readonly bundleBytes: number; readonly initMs: number };
  readonly largestPackages: readonly { readonly name: string; readonly bytes: number }[];
}

interface Variant {
  readonly bundle: FunctionBundle;
  readonly nodeOptions: readonly string[];
  readonly initTimes: number[];
}

/**
 * Bundles every function as the CDK app does, beside a bare handler with the same AWS SDK clients, and times
 * each one's module init in `processes` fresh Node.js processes. Runs are interleaved round by round, so a
 * slow moment on the machine falls on every variant rather than on one.
 */
export async function runColdStartBench(
  config: InterchangeConfig,
  outDir: string,
  processes: number,
  progress: (line: string) => void,
): Promise<FunctionColdStart[]> {
  const plans = await Promise.all(
    FUNCTION_KINDS.map(async (kind) => {
      const entryPoint = path.join(BASELINE_RESOLVE_DIR, 'lambdas', kind, 'handler.ts');
      const dir = (variant: string) => path.join(outDir, `${kind}-${variant}`);
      const bundle = await bundleFunction({ entryPoint }, dir('function'));
      const sdkClients = sdkClientPackages(bundle);
      const source = baselineHandlerSource(sdkClients);
      const baseline = await bundleFunction({ source, resolveDir: BASELINE_RESOLVE_DIR }, dir('baseline'));
      const untraced = await bundleFunction({ entryPoint }, dir('without-tracer'), [withoutTracer]);
      const variant = (of: FunctionBundle, nodeOptions: readonly string[]): Variant => ({
        bundle: of,
        nodeOptions,
        initTimes: [],
      });
      return {
        kind,
        sdkClients,
        environment: functionEnvironment(kind, config),
        deployed: variant(bundle, DEPLOYED_NODE_OPTIONS),
        plain: variant(bundle, []),
        baseline: variant(baseline, DEPLOYED_NODE_OPTIONS),
        baselinePlain: variant(baseline, []),
        untraced: variant(untraced, DEPLOYED_NODE_OPTIONS),
      };
    }),
  );
  progress(
    `bundled ${plans.map((plan) => `${plan.kind} ${Math.round(plan.deployed.bundle.bytes / 1024)} KB`).join(', ')}`,
  );

  for (let round = 1; round <= processes; round++) {
    for (const plan of plans) {
      for (const variant of [plan.deployed, plan.plain, plan.baseline, plan.baselinePlain, plan.untraced]) {
        variant.initTimes.push(await measureModuleInit(variant.bundle.file, plan.environment, variant.nodeOptions));
      }
    }
    if (round % 5 === 0 || round === processes)
      progress(`module init: ${round}/${processes} rounds of fresh processes`);
  }

  return plans.map((plan) => {
    const initMs = median(plan.deployed.initTimes);
    const baselineInitMs = median(plan.baseline.initTimes);
    return {
      name: plan.kind,
      bundleBytes: plan.deployed.bundle.bytes,
      initMs: round(initMs, 1),
      bundleRatio: ratio(plan.deployed.bundle.bytes, plan.baseline.bundle.bytes),
      initRatio: ratio(initMs, baselineInitMs),
      baseline: {
        sdkClients: plan.sdkClients,
        bundleBytes: plan.baseline.bundle.bytes,
        initMs: round(baselineInitMs, 1),
      },
      withoutSourceMaps: {
        initMs: round(median(plan.plain.initTimes), 1),
        baselineInitMs: round(median(plan.baselinePlain.initTimes), 1),
      },
      withoutTracer: { bundleBytes: plan.untraced.bundle.bytes, initMs: round(median(plan.untraced.initTimes), 1) },
      largestPackages: [...packageBytes(plan.deployed.bundle)]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([name, bytes]) => ({ name, bytes })),
    };
  });
}
