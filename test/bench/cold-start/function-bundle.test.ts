import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  BASELINE_RESOLVE_DIR,
  baselineHandlerSource,
  sdkClientPackages,
} from '../../../bench/cold-start/baseline-handler';
import { bundleFunction, functionBuildOptions, packageBytes } from '../../../bench/cold-start/function-bundle';
import { FUNCTION_BUNDLE } from '../../../lib/bundling';

let outDir: string;
beforeAll(() => {
  outDir = mkdtempSync(path.join(tmpdir(), 'bench-bundle-'));
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('function bundles', () => {
  it('take every esbuild option from the definition the CDK app bundles with', () => {
    expect(functionBuildOptions()).toEqual({
      bundle: true,
      format: FUNCTION_BUNDLE.format,
      platform: FUNCTION_BUNDLE.platform,
      target: FUNCTION_BUNDLE.target,
      minify: FUNCTION_BUNDLE.minify,
      sourcemap: FUNCTION_BUNDLE.sourcemap,
      mainFields: FUNCTION_BUNDLE.mainFields,
      banner: { js: FUNCTION_BUNDLE.banner },
    });
  });

  it('measure a baseline handler, and find the SDK clients in it', async () => {
    const source = baselineHandlerSource(['@aws-sdk/client-sqs']);
    const bundle = await bundleFunction({ source, resolveDir: BASELINE_RESOLVE_DIR }, outDir);
    expect(bundle.bytes).toBeGreaterThan(50_000);
    expect(sdkClientPackages(bundle)).toEqual(['@aws-sdk/client-sqs']);
    expect(packageBytes(bundle).get('@aws-sdk/client-sqs')).toBeGreaterThan(0);
  });
});
