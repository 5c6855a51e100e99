import { appendFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { loadStageConfig } from '../config/load';
import { sendDemoWebhooks } from './demo';
import { localEndpointsOf, removeEndpointsFile, writeEndpointsFile } from './endpoints-file';
import { PortInUseError } from './http';
import { pipelineSnapshot } from './observe/pipeline-snapshot';
import { renderSnapshot } from './observe/render-snapshot';
import { startLocalPipeline, type LocalPipeline } from './pipeline';

// Functions run on this machine's Node.js, which may be older than Lambda's; the SDK's upgrade notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const args = new Set(process.argv.slice(2));
const port = Number(process.env.PORT ?? 3000);
const logDir = path.resolve(__dirname, '..', '.local', 'logs');

/** `npm start`: the whole pipeline on 127.0.0.1, with a live view of what happens; `--demo` sends vendor webhooks. */
async function main(): Promise<void> {
  mkdirSync(logDir, { recursive: true });
  let pipeline: LocalPipeline;
  try {
    pipeline = await startLocalPipeline({
      config: loadStageConfig(process.env.STAGE ?? 'dev'),
      port,
      onFunctionOutput: (name, line) => appendFileSync(path.join(logDir, `${name}.log`), `${line}\n`),
    });
  } catch (error) {
    if (error instanceof PortInUseError) {
      console.error(`${error.message}. Stop what uses it, or start on another port: PORT=3001 npm start`);
      process.exit(1);
    }
    throw error;
  }
  writeEndpointsFile(localEndpointsOf(pipeline, logDir));
  printWelcome(pipeline);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    removeEndpointsFile();
    await pipeline.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  if (args.has('--demo')) {
    await sendDemoWebhooks(pipeline, (line) => console.log(`  demo: ${line}`));
  }
  const interactive = process.stdout.isTTY;
  let previous = '';
  setInterval(() => {
    void pipelineSnapshot(pipeline).then((snapshot) => {
      const view = renderSnapshot(snapshot, new Date());
      const body = view.slice(view.indexOf('\n'));
      if (body === previous) return;
      previous = body;
      console.log(interactive ? `\u001b[2J\u001b[H${view}\n\n(Ctrl-C to stop; function logs in ${logDir})` : view);
    });
  }, 1000).unref();
}

function printWelcome(pipeline: LocalPipeline): void {
  const storefront = pipeline.config.sources.find((source) => source.name === 'storefront');
  console.log(`Interchange is running locally (stage ${pipeline.config.stage.name}).\n`);
  console.log('Webhook URLs and their local signing secrets:');
  for (const source of pipeline.config.sources) {
    console.log(
      `  ${pipeline.webhookUrl(source.name).padEnd(45)} ${source.scheme.kind.padEnd(18)} ${pipeline.topology.signingSecrets.get(source.name)}`,
    );
  }
  console.log('\nFake downstream systems (GET <url>/__control shows what each received):');
  for (const [name, fake] of pipeline.downstreams) console.log(`  ${name.padEnd(12)} ${fake.url}`);
  if (storefront) {
    const secret = pipeline.topology.signingSecrets.get('storefront');
    console.log(`
Send a signed Shopify-style order:
  BODY='{"id":1001,"name":"#1001","currency":"USD","line_items":[]}'
  SIG=$(printf '%s' "$BODY" | openssl dgst -sha256 -hmac '${secret}' -binary | base64)
  curl -i ${pipeline.webhookUrl('storefront')} -H 'content-type: application/json' \\
    -H 'x-shopify-topic: orders/create' -H "x-shopify-hmac-sha256: $SIG" --data "$BODY"
`);
  }
  console.log(`Function logs: ${logDir}`);
  console.log('On call: npx interchange status | trace <id> | dlq list <destination> | quarantine list <source>\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
