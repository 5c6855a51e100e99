import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Prefixes the probe's answer, so whatever the module itself prints during init is told apart from it. */
const MARKER = 'bench-module-init:';

/** Imports the bundle in a fresh process and prints how long the import took, from first byte read to handler ready. */
const PROBE = `
const started = performance.now();
await import(process.env.BENCH_MODULE_URL);
const initMs = performance.now() - started;
process.stdout.write('\\n${MARKER}' + JSON.stringify({ initMs }) + '\\n', () => process.exit(0));
`;

/** A bundle that failed to initialise: its module threw, so its settings or environment are wrong. */
export class ModuleInitError extends Error {
  override readonly name = 'ModuleInitError';
}

/**
 * Module init of a bundle in a new Node.js process, as a Lambda cold start runs it: read, parse, compile and
 * evaluate the module (settings parsed, clients built). Process start-up itself is excluded: it is the same
 * for every bundle and not the function's to change.
 */
export async function measureModuleInit(
  bundleFile: string,
  environment: Readonly<Record<string, string>>,
  nodeOptions: readonly string[],
): Promise<number> {
  try {
    const { stdout } = await run(process.execPath, [...nodeOptions, '--input-type=module', '-e', PROBE], {
      env: { ...environment, BENCH_MODULE_URL: pathToFileURL(bundleFile).href },
      timeout: 30_000,
    });
    const answer = stdout.split('\n').find((line) => line.startsWith(MARKER));
    if (answer === undefined) throw new Error(`no answer from the probe; it printed: ${stdout.slice(0, 200)}`);
    return (JSON.parse(answer.slice(MARKER.length)) as { initMs: number }).initMs;
  } catch (cause) {
    const stderr = (cause as { stderr?: string }).stderr ?? '';
    // Node prints the uncaught error as `<Name>Error: <message>` on a line of its own, after the source excerpt.
    const detail =
      stderr
        .split('\n')
        .find((line) => /^\w*Error\b/.test(line))
        ?.trim() ?? String(cause);
    throw new ModuleInitError(`${bundleFile} did not initialise: ${detail}`, { cause });
  }
}
