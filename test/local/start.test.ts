import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** Runs `npm start`'s entry as a person would, with the given port, until it exits or the test stops it. */
function start(port: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe('npm start', () => {
  let blocker: Server;
  afterEach(() => new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve())));

  test('a port in use gets a clear message and exit code 1', async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;

    const run = start(port);

    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(`port ${port} is already in use`);
    expect(run.output()).toContain('PORT=3001 npm start');
  }, 60_000);

  test('it prints the webhook URLs and stops cleanly on Ctrl-C', async () => {
    const run = start(0);
    const deadline = Date.now() + 45_000;
    while (!run.output().includes('Function logs:') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    run.child.kill('SIGINT');

    expect(run.output()).toMatch(/http:\/\/127\.0\.0\.1:\d+\/webhooks\/storefront/);
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('Stopping');
  }, 60_000);
});
