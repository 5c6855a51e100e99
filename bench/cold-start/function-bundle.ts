import { build, type Metafile, type Plugin } from 'esbuild';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { functionBuildOptions } from '../../lib/bundling';

/** Where a bundle's code comes from: a file in the project, or source text resolved as if it sat in a folder. */
export type BundleInput = { readonly entryPoint: string } | { readonly source: string; readonly resolveDir: string };

/** A bundle as Lambda would receive it: the code file, its size (source map excluded) and what went into it. */
export interface FunctionBundle {
  readonly file: string;
  readonly bytes: number;
  readonly metafile: Metafile;
}

/** Bundles one input to `outDir/index.mjs` as a function is bundled; plugins only for what-if variants. */
export async function bundleFunction(
  input: BundleInput,
  outDir: string,
  plugins: readonly Plugin[] = [],
): Promise<FunctionBundle> {
  const file = path.join(outDir, 'index.mjs');
  const result = await build({
    ...functionBuildOptions(),
    ...('entryPoint' in input
      ? { entryPoints: [input.entryPoint] }
      : { stdin: { contents: input.source, resolveDir: input.resolveDir, loader: 'ts', sourcefile: 'baseline.ts' } }),
    outfile: file,
    metafile: true,
    plugins: [...plugins],
    logLevel: 'silent',
  });
  return { file, bytes: statSync(file).size, metafile: result.metafile };
}

/** The npm packages whose code ended up in a bundle, with the bytes each contributes to it. */
export function packageBytes(bundle: FunctionBundle): Map<string, number> {
  const bytes = new Map<string, number>();
  for (const output of Object.values(bundle.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      const name = match ? match[1]! : '(project)';
      bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
    }
  }
  return bytes;
}
