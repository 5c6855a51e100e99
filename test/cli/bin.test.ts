import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';

/** The `interchange` bin as npx runs it: a fresh Node.js process loading the TypeScript command line. */
const bin = path.resolve(__dirname, '../../cli/interchange.cjs');
const run = (...args: string[]) =>
  promisify(execFile)(process.execPath, [bin, ...args], {
    cwd: path.resolve(__dirname, '../..'),
    env: { ...process.env, NO_COLOR: '1' },
  }).then(
    (result) => ({ code: 0, ...result }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

test('lists its commands', async () => {
  const { code, stdout } = await run('--help');
  expect(code).toBe(0);
  for (const command of ['status', 'trace', 'dlq', 'quarantine'])
    expect(stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
});

test('a usage error exits 2 and says what was expected', async () => {
  const { code, stderr } = await run('dlq', 'list');
  expect(code).toBe(2);
  expect(stderr).toContain("missing required argument 'destination'");
});
