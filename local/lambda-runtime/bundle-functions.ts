import { build } from 'esbuild';
import * as path from 'node:path';
import { functionBuildOptions } from '../../lib/bundling';

/** The function entries local mode runs, each bundled the way `cdk deploy` bundles it. */
export const FUNCTION_KINDS = [
  'ingest',
  'transform',
  'connector',
  'state-writer',
  'read-api',
  'read-authorizer',
  'reconcile',
] as const;
export type FunctionKind = (typeof FUNCTION_KINDS)[number];

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/**
 * Bundles each function with the CDK app's esbuild options into `outDir/<kind>/index.mjs`, so local mode
 * runs the very bundle Lambda would run (module resolution, tree-shaking and the ESM banner included).
 */
export async function bundleFunctions(outDir: string): Promise<Record<FunctionKind, string>> {
  const entries = await Promise.all(
    FUNCTION_KINDS.map(async (kind) => {
      const outfile = path.join(outDir, kind, 'index.mjs');
      await build({
        ...functionBuildOptions(),
        entryPoints: [path.join(PROJECT_ROOT, 'lambdas', kind, 'handler.ts')],
        outfile,
        logLevel: 'silent',
      });
      return [kind, outfile] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<FunctionKind, string>;
}
