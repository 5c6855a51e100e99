import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  BASELINE_RESOLVE_DIR,
  baselineHandlerSource,
  sdkClientPackages,
} from '../../../bench/cold-start/baseline-handler';
import { bundleFunction, packageBytes } from '../../../bench/cold-start/function-bundle';

let outDir: string;
beforeAll(() => {
  outDir = mkdtempSync(path.join(tmpdir(), 'bench-bundle-'));
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('function bundles', () => {
  it('measure a baseline handler, and find the SDK clients in it', async () => {
    const source = baselineHandlerSource(['@aws-sdk/client-sqs']);
    const bundle = await bundleFunction({ source, resolveDir: BASELINE_RESOLVE_DIR }, outDir);
    expect(bundle.bytes).toBeGreaterThan(50_000);
    expect(sdkClientPackages(bundle)).toEqual(['@aws-sdk/client-sqs']);
    expect(packageBytes(bundle).get('@aws-sdk/client-sqs')).toBeGreaterThan(0);
  });
});
