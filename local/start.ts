import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import * as path from 'node:path';
import { loadStageConfig } from '../config/load';
import { startConsole, type LocalConsole } from './console/console-server';
import { sendDemoWebhooks } from './demo';
import { localEndpointsOf, removeEndpointsFile, writeEndpointsFile } from './endpoints-file';
import { firstOrderCommands } from './first-order';
import { PortInUseError } from './http';
import { keptSigningSecrets, readLocalSettings, writeLocalSettings, type LocalSettings } from './local-settings';
import { pipelineSnapshot } from './observe/pipeline-snapshot';
import { renderSnapshot } from './observe/render-snapshot';
import { startLocalPipeline, type LocalPipeline } from './pipeline';

// Functions run on this machine's Node.js, which may be older than Lambda's; the SDK's upgrade notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const args = new Set(process.argv.slice(2));
/** Where local mode keeps its settings and logs; tests point it elsewhere so they never touch a person's. */
const localDir = path.resolve(process.env.INTERCHANGE_LOCAL_DIR ?? path.join(__dirname, '..', '.local'));
const logDir = path.join(localDir, 'logs');
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** How often local mode polls the fake source APIs and checks subscriptions, as the schedules do in AWS. */
const RECONCILE_EVERY_SECONDS = 30;

/**
 * `npm start`: the whole pipeline on 127.0.0.1, a live view of what happens and the console in a browser;
 * `--demo` sends vendor webhooks, `--fresh` forgets the kept secrets and ports.
 *
 * Stopping is the one thing that must always work: Ctrl-C, SIGTERM and SIGHUP (a closed terminal) all stop
 * everything and remove the temporary folder, whether they come while starting, under load, or with output piped
 * to a reader that has gone; so does the loss of the process that started this one (npm does not pass SIGHUP on).
 */
async function main(): Promise<void> {
  // A reader that went away (`npm start | head`, a closed terminal) must not turn the next line into a crash.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);

  const { settings: kept, problem } = args.has('--fresh')
    ? { settings: { downstreamPorts: {}, signingSecrets: {} } satisfies LocalSettings, problem: undefined }
    : readLocalSettings(localDir);
  if (problem) console.error(problem);
  const portFromEnv = process.env.PORT !== undefined ? Number(process.env.PORT) : undefined;
  const consolePortFromEnv = process.env.CONSOLE_PORT !== undefined ? Number(process.env.CONSOLE_PORT) : undefined;
  const config = loadStageConfig(process.env.STAGE ?? 'dev');

  mkdirSync(logDir, { recursive: true });
  const logs = new Map<string, WriteStream>();
  const writeLog = (name: string, line: string) => {
    let stream = logs.get(name);
    if (!stream) {
      stream = createWriteStream(path.join(logDir, `${name}.log`), { flags: 'a' });
      stream.on('error', () => undefined);
      logs.set(name, stream);
    }
    stream.write(`${line}\n`);
  };

  let pipeline: LocalPipeline | undefined;
  let console_: LocalConsole | undefined;
  let view: NodeJS.Timeout | undefined;
  let stopping: Promise<never> | undefined;
  let starting: Promise<unknown> = Promise.resolve();
  const stop = (why: string): Promise<never> => {
    stopping ??= (async () => {
      clearInterval(view);
      console.log(`\nStopping (${why})…`);
      // Whatever is still starting finishes (or fails) first, so what it starts is stopped too.
      await starting.catch(() => undefined);
      removeEndpointsFile();
      await pipeline?.close().catch(() => undefined);
      await console_?.close().catch(() => undefined);
      await Promise.all([...logs.values()].map((stream) => new Promise((resolve) => stream.end(resolve))));
      console.log('Stopped.');
      process.exit(0);
    })();
    return stopping;
  };
  for (const signal of STOP_SIGNALS) process.on(signal, () => void stop(signal));
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stop('the process that started it has gone');
  }, 1000).unref();

  try {
    const consoleStarting = startConsole({ port: consolePortFromEnv ?? kept.consolePort ?? 0 });
    starting = consoleStarting;
    console_ = await consoleStarting;
    const pipelineStarting = startLocalPipeline({
      config,
      port: portFromEnv ?? kept.apiPort ?? 3000,
      signingSecrets: keptSigningSecrets(kept, config),
      downstreamPorts: new Map(Object.entries(kept.downstreamPorts)),
      ...(kept.readApiKey ? { readApiKey: kept.readApiKey } : {}),
      onFunctionOutput: writeLog,
      scheduleEverySeconds: RECONCILE_EVERY_SECONDS,
    });
    starting = pipelineStarting;
    pipeline = await pipelineStarting;
  } catch (error) {
    if (stopping) return void (await stopping);
    if (error instanceof PortInUseError) {
      const variable = error.server === 'console' ? 'CONSOLE_PORT' : 'PORT';
      console.error(
        `${error.message}. Stop what uses it, or start on another port: ${variable}=${error.port + 1} npm start`,
      );
      await console_?.close();
      process.exit(1);
    }
    throw error;
  }
  if (stopping) return void (await stopping);
  console_.attach(pipeline);
  writeLocalSettings(localDir, {
    ...(portFromEnv === undefined ? { apiPort: Number(new URL(pipeline.apiUrl).port) } : {}),
    ...(consolePortFromEnv === undefined ? { consolePort: Number(new URL(console_.url).port) } : {}),
    downstreamPorts: Object.fromEntries(
      [...pipeline.downstreams].map(([name, fake]) => [name, Number(new URL(fake.url).port)]),
    ),
    signingSecrets: Object.fromEntries(pipeline.topology.signingSecrets),
    readApiKey: pipeline.readApi.apiKey,
  });
  writeEndpointsFile(localEndpointsOf(pipeline, logDir));
  printWelcome(pipeline, console_.url);

  if (args.has('--demo')) {
    await sendDemoWebhooks(pipeline, (line) => console.log(`  demo: ${line}`)).catch((error: unknown) => {
      if (!stopping) console.error(`demo: ${String(error)}`);
    });
  }
  showLiveView(
    pipeline,
    (timer) => (view = timer),
    () => stopping !== undefined,
  );
}

/**
 * Redraws the counts every second when they change. On a terminal the view is redrawn in place below the welcome
 * block, which stays on screen; piped, each changed view is printed after the last.
 */
function showLiveView(pipeline: LocalPipeline, keep: (timer: NodeJS.Timeout) => void, stopped: () => boolean): void {
  const interactive = process.stdout.isTTY;
  let previous = '';
  let drawnLines = 0;
  let drawing = false;
  keep(
    setInterval(() => {
      if (drawing) return;
      drawing = true;
      pipelineSnapshot(pipeline)
        .then((snapshot) => {
          if (stopped()) return;
          const view = renderSnapshot(snapshot, new Date());
          const body = view.slice(view.indexOf('\n'));
          if (body === previous) return;
          previous = body;
          const text = interactive ? `${view}\n\n(Ctrl-C to stop)` : view;
          const rewind = interactive && drawnLines > 0 ? `\u001b[${drawnLines}F\u001b[J` : '';
          process.stdout.write(`${rewind}${text}\n`);
          // Lines wider than the terminal take several rows; rewinding by rows keeps the welcome block intact.
          const columns = process.stdout.columns || 80;
          drawnLines = text.split('\n').reduce((rows, line) => rows + Math.max(1, Math.ceil(line.length / columns)), 0);
        })
        // The stand-ins go away while stopping; a view that cannot be read then is simply not drawn.
        .catch(() => undefined)
        .finally(() => (drawing = false));
    }, 1000),
  );
}

function printWelcome(pipeline: LocalPipeline, consoleUrl: string): void {
  const storefront = pipeline.config.sources.find((source) => source.name === 'storefront');
  console.log(`Interchange is running locally (stage ${pipeline.config.stage.name}).\n`);
  console.log(`Console: ${consoleUrl}\n`);
  console.log('Webhook URLs and their local signing secrets:');
  for (const source of pipeline.config.sources) {
    console.log(
      `  ${pipeline.webhookUrl(source.name).padEnd(45)} ${source.scheme.kind.padEnd(18)} ${pipeline.topology.signingSecrets.get(source.name)}`,
    );
  }
  console.log('\nFake downstream systems (GET <url>/__control shows what each received):');
  for (const [name, fake] of pipeline.downstreams) console.log(`  ${name.padEnd(12)} ${fake.url}`);
  if (storefront) {
    const commands = firstOrderCommands(
      pipeline.topology.signingSecrets.get('storefront')!,
      pipeline.webhookUrl('storefront'),
    );
    console.log(`\nSend a signed Shopify order:\n${commands.replace(/^/gm, '  ')}\n`);
  }
  console.log('Read API (canonical state; the key is also in .local/endpoints.json):');
  console.log(
    `  curl -H 'authorization: Bearer ${pipeline.readApi.apiKey}' '${pipeline.readApi.url}/orders?updatedSince=2020-01-01T00:00:00Z'\n`,
  );
  console.log(
    `Secrets and ports are kept in ${path.join(localDir, 'settings.json')} (npm start -- --fresh for new ones).`,
  );
  console.log(`Function logs: ${logDir}`);
  console.log('On call: npx interchange status | trace <id> | dlq list <destination> | quarantine list <source>\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
