import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadStageConfig } from '../../config/load';
import { FIRST_ORDER_BODY, firstOrderCommands, README_SECRET_PLACEHOLDER } from '../../local/first-order';
import { vendorWebhook } from '../../local/webhook-client';

const ROOT = path.resolve(__dirname, '..', '..');
const STOREFRONT_SECRET = 'local_storefront_kept_by_the_test';
const config = loadStageConfig('dev');
const storefront = config.sources.find((source) => source.name === 'storefront')!;
const FIRST_ORDER = JSON.parse(FIRST_ORDER_BODY) as Record<string, unknown>;

/** A running `npm start` as a person starts it: in a terminal (through `script`, which gives it a pty) or piped. */
interface Run {
  readonly child: ChildProcess;
  /** How the spawned process ended: npm's exit, or `script`'s, which is the exit of what it ran. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once every process holding the output has ended, Interchange's included. */
  readonly outputClosed: Promise<void>;
  output(): string;
  waitFor(text: string, timeoutMs?: number): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Folders the tests made, removed at the end. */
const folders: string[] = [];
const folder = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  folders.push(dir);
  return dir;
};

/** Process groups of every run, so a failed test leaves nothing running behind it. */
const groups: number[] = [];

/**
 * Starts `npm start` in a process group of its own: piped, or in a terminal through `script`, which gives npm a
 * pty and a session (it prints npm's pid, which leads that session's process group).
 */
function startNpm(env: Record<string, string>, options: { tty?: boolean } = {}): Run {
  const childEnv = { ...process.env, ...env };
  delete childEnv.PORT;
  const child = options.tty
    ? spawn('script', ['-qfec', 'echo "npm-pid $$"; exec npm start', '/dev/null'], { cwd: ROOT, env: childEnv })
    : spawn('npm', ['start'], { cwd: ROOT, env: childEnv, detached: true });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString().replace(/\r\n/g, '\n');
    const npm = /npm-pid (\d+)/.exec(output);
    if (npm && !groups.includes(Number(npm[1]))) groups.push(Number(npm[1]));
  };
  if (!options.tty) groups.push(child.pid!);
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const outputClosed = new Promise<void>((resolve) => child.stdout!.on('close', () => resolve()));
  return {
    child,
    exited,
    outputClosed,
    output: () => output,
    waitFor: async (text, timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!output.includes(text)) {
        if (Date.now() > deadline) throw new Error(`no "${text}" in:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}

/** A folder for local mode's settings, seeded with a webhook port and the storefront secret the test signs with. */
function localDirWith(apiPort: number): string {
  const dir = folder('interchange-start-test-');
  writeFileSync(
    path.join(dir, 'settings.json'),
    JSON.stringify({ apiPort, signingSecrets: { storefront: STOREFRONT_SECRET } }),
  );
  return dir;
}

/** What the welcome block says, from the console URL to the function logs: URLs, secrets, ports. */
function welcomeOf(output: string): string {
  return output.slice(output.indexOf('Console:'), output.indexOf('Function logs:'));
}

const leftoverTempFolders = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('interchange-local-'));

/** The README's commands that send the first order. */
function readmeFirstOrder(): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)]
    .map((match) => match[1]!)
    .find((text) => text.includes('x-shopify-hmac-sha256'));
  if (!block) throw new Error('README.md has no shell block sending a signed order');
  return block.trimEnd();
}

function runShell(script: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const shell = spawn('bash', ['-e', '-c', script]);
    let stdout = '';
    shell.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    shell.stderr.resume();
    shell.on('exit', (code) => resolve({ code, stdout }));
  });
}

/** Fires `count` signed orders at once and resolves when the first `firstAnswers` of them are answered. */
function webhooksInFlight(webhookUrl: string, count: number, firstAnswers: number) {
  let answered = 0;
  let onFirst: () => void = () => undefined;
  const first = new Promise<void>((resolve) => (onFirst = resolve));
  const all = Promise.allSettled(
    Array.from({ length: count }, (_, n) => {
      const body = JSON.stringify({ ...FIRST_ORDER, id: 900_000 + n, name: `#${900_000 + n}` });
      const webhook = vendorWebhook(storefront, webhookUrl, STOREFRONT_SECRET, body, { eventType: 'orders/create' });
      return fetch(webhook.url, { method: 'POST', headers: webhook.headers, body: webhook.body }).finally(() => {
        answered += 1;
        if (answered === firstAnswers) onFirst();
      });
    }),
  );
  return { first, all };
}

afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe('npm start', () => {
  let blocker: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve())));
  afterEach(() => {
    for (const group of groups.splice(0)) {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // Already gone, as it should be.
      }
    }
  });

  test('a port in use gets a clear message and exit code 1 before anything is bundled', async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker!.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    const temp = folder('interchange-tmp-');

    const run = startNpm({ INTERCHANGE_LOCAL_DIR: localDirWith(port), TMPDIR: temp });

    expect(await run.exited).toEqual({ code: 1, signal: null });
    expect(run.output()).toContain(`port ${port} is already in use`);
    expect(run.output()).toContain(`PORT=${port + 1} npm start`);
    // The bundles' temporary folder is made after the port is taken: nothing was bundled.
    expect(leftoverTempFolders(temp)).toEqual([]);
  }, 60_000);

  test("the welcome screen's order is the README's, and it reaches every destination orders are routed to", async () => {
    const printed = firstOrderCommands(README_SECRET_PLACEHOLDER, 'http://127.0.0.1:3000/webhooks/storefront');
    expect(readmeFirstOrder()).toBe(printed);

    const apiPort = await freePort();
    const run = startNpm({ INTERCHANGE_LOCAL_DIR: localDirWith(apiPort) });
    await run.waitFor('Function logs:');
    const script = readmeFirstOrder()
      .replace(README_SECRET_PLACEHOLDER, STOREFRONT_SECRET)
      .replace('http://127.0.0.1:3000', `http://127.0.0.1:${apiPort}`);

    const sent = await runShell(script);

    expect(sent.code).toBe(0);
    // On any other answer, what local mode printed (the API stand-in's warnings) says why.
    expect({
      answer: sent.stdout.split('\n')[0]!.trim(),
      ...(sent.stdout.startsWith('HTTP/1.1 202') ? {} : { output: run.output() }),
    }).toEqual({
      answer: 'HTTP/1.1 202 Accepted',
    });
    const correlationId = /"correlationId":"([^"]+)"/.exec(sent.stdout)![1]!;
    const routed = config.routes['interchange.order.v1']!;
    expect(routed.length).toBeGreaterThan(0);
    for (const destination of routed) {
      const url = new RegExp(`^  ${destination}\\s+(http://\\S+)$`, 'm').exec(run.output())![1]!;
      await eventuallyReceived(url, correlationId, destination);
    }
    run.child.kill('SIGINT');
    expect(await run.exited).toEqual({ code: 0, signal: null });
  }, 120_000);

  describe('stops cleanly with exit 0 and no temporary folder, while 200 webhooks are in flight', () => {
    let localDir: string;
    let apiPort: number;
    let firstWelcome: string | undefined;

    beforeAll(async () => {
      apiPort = await freePort();
      localDir = localDirWith(apiPort);
    });

    /** Starts with output piped or in a terminal, puts 200 webhooks in flight, then stops it with `stop`. */
    /**
     * Starts piped or in a terminal, puts 200 webhooks in flight, stops it with `stop`, and checks that Interchange
     * stopped cleanly: no temporary folder, no console left, and when its output is still read, "Stopped." and
     * no error. (After a terminal hangs up, what it prints goes nowhere.)
     */
    async function underLoad(tty: boolean, stop: (run: Run) => void, options: { outputAfterStop?: boolean } = {}) {
      const temp = folder('interchange-tmp-');
      const run = startNpm({ INTERCHANGE_LOCAL_DIR: localDir, TMPDIR: temp }, { tty });
      await run.waitFor('Function logs:');
      await run.waitFor('Delivery');
      // Secrets and ports are the same at every start: the kept settings, not fresh ones.
      firstWelcome ??= welcomeOf(run.output());
      expect(welcomeOf(run.output())).toBe(firstWelcome);
      const consoleUrl = /Console: (\S+)/.exec(run.output())![1]!;

      const load = webhooksInFlight(`http://127.0.0.1:${apiPort}/webhooks/storefront`, 200, 20);
      await load.first;
      stop(run);
      const exit = await run.exited;
      await run.outputClosed;
      await load.all;

      if (options.outputAfterStop ?? true) {
        expect(run.output()).toContain('Stopped.');
        expect(run.output()).not.toMatch(/ECONNREFUSED|socket hang up|Unhandled|ERR_/);
      } else {
        // Interchange outlives npm by the moment it takes to notice the hangup; its console goes last.
        await eventually('Interchange to stop', async () => !(await answers(consoleUrl)));
      }
      expect(leftoverTempFolders(temp)).toEqual([]);
      return exit;
    }

    const npmPid = (run: Run) => Number(/npm-pid (\d+)/.exec(run.output())![1]);

    test('SIGINT (Ctrl-C), output piped', async () => {
      expect(await underLoad(false, (run) => run.child.kill('SIGINT'))).toEqual({ code: 0, signal: null });
    }, 120_000);

    test('Ctrl-C in a terminal', async () => {
      expect(await underLoad(true, (run) => run.child.stdin!.write('\u0003'))).toEqual({ code: 0, signal: null });
    }, 120_000);

    test('SIGTERM, output piped', async () => {
      expect(await underLoad(false, (run) => run.child.kill('SIGTERM'))).toEqual({ code: 0, signal: null });
    }, 120_000);

    test('SIGTERM in a terminal', async () => {
      expect(await underLoad(true, (run) => process.kill(npmPid(run), 'SIGTERM'))).toEqual({ code: 0, signal: null });
    }, 120_000);

    // npm neither handles nor passes on SIGHUP, so npm itself ends by it; Interchange, which gets it with its
    // process group (as from a closed terminal) or notices npm has gone, still stops cleanly.
    test('SIGHUP to the process group (a closed terminal), output piped', async () => {
      const exit = await underLoad(false, (run) => process.kill(-run.child.pid!, 'SIGHUP'));
      expect(exit).toEqual({ code: null, signal: 'SIGHUP' });
    }, 120_000);

    test('SIGHUP to npm alone, in a terminal', async () => {
      const exit = await underLoad(true, (run) => process.kill(npmPid(run), 'SIGHUP'), { outputAfterStop: false });
      // `script` reports its child's death by signal as 128 + the signal's number.
      expect(exit).toEqual({ code: 129, signal: null });
    }, 120_000);
  });
});

/** Whether anything answers at the URL. */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url);
    return true;
  } catch {
    return false;
  }
}

/** Polls until the condition holds, or fails naming what never happened. */
async function eventually(label: string, condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Polls a fake downstream's control API until it has answered 2xx to a request carrying the correlation id. */
async function eventuallyReceived(downstreamUrl: string, correlationId: string, label: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const summary = (await (await fetch(`${downstreamUrl}/__control`)).json()) as {
      requests: { status?: number; headers: Record<string, string> }[];
    };
    const delivered = summary.requests.some(
      (request) =>
        request.status !== undefined && request.status < 300 && request.headers['x-correlation-id'] === correlationId,
    );
    if (delivered) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${label} never received the order ${correlationId}`);
}
