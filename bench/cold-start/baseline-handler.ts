import { createRequire } from 'node:module';
import * as path from 'node:path';
import { packageBytes, type FunctionBundle } from './function-bundle';

/** A function bundle uses an AWS SDK package the baseline does not know how to construct. */
export class UnknownSdkClientError extends Error {
  override readonly name = 'UnknownSdkClientError';
}

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const requireFromProject = createRequire(path.join(PROJECT_ROOT, 'package.json'));

/** The AWS SDK client packages whose code is in a bundle, e.g. `@aws-sdk/client-sqs`. */
export function sdkClientPackages(bundle: FunctionBundle): string[] {
  return [...packageBytes(bundle).keys()].filter((name) => /^@aws-sdk\/client-/.test(name)).sort();
}

/** The client class a package exports (`SQSClient` for `@aws-sdk/client-sqs`). */
function clientClassOf(packageName: string): string {
  const exported = Object.keys(requireFromProject(packageName) as Record<string, unknown>);
  const classes = exported.filter((name) => /^[A-Z]\w*Client$/.test(name));
  if (classes.length !== 1) {
    throw new UnknownSdkClientError(`${packageName} exports ${classes.length} client classes: ${classes.join(', ')}`);
  }
  return classes[0]!;
}

/**
 * The source of the smallest handler that carries what a function cannot do without: the same AWS SDK clients,
 * constructed at module scope as a handler does, and nothing else. A function's bundle and init time are read
 * against this, so the ratio says what Interchange's own code and its other libraries add to the SDK's share.
 */
export function baselineHandlerSource(packages: readonly string[]): string {
  const lines = packages.map((name, index) => `import { ${clientClassOf(name)} as Client${index} } from '${name}';`);
  lines.push(`const clients = [${packages.map((_, index) => `new Client${index}({})`).join(', ')}];`);
  lines.push('export const handler = async () => ({ statusCode: 200, body: String(clients.length) });');
  return `${lines.join('\n')}\n`;
}

/** Where the baseline source is resolved from, so its imports find the project's node_modules. */
export const BASELINE_RESOLVE_DIR = PROJECT_ROOT;
