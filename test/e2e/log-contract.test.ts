import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseLogLine, type LogEntry } from '../../cli/logs';
import { SAVED_QUERIES, type SavedQuery } from '../../lib/constructs/monitoring/saved-queries';
import type { LocalPipeline } from '../../local/pipeline';
import { startLocalPipeline } from '../../local/pipeline';
import { postWebhook, vendorWebhook } from '../../local/webhook-client';
import { e2eConfig, eventually, postOrder, queueCounts, storefrontOrder } from './helpers/harness';

/**
 * The log contract held against what the functions really print: docs/LOGGING.md names every message and the fields
 * each carries, the saved queries read only fields the lines they filter carry, and the runbook quotes only
 * messages the code writes. The pipeline runs an order through a 503 and a permanent refusal, a vendor retry, a
 * drifted payload and a bad signature, so most messages are printed for real.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const logging = readFileSync(path.join(ROOT, 'docs', 'LOGGING.md'), 'utf8');
const runbook = readFileSync(path.join(ROOT, 'docs', 'RUNBOOK.md'), 'utf8');

/** The rows of LOGGING.md's message table: message, function, fields. */
const documented = [
  ...logging.matchAll(
    /^\| `([^`]+)`\s*\| (ingest|transform|connector|canonical-state|reconcile)\s*\|[^|]*\|([^|]*)\|$/gm,
  ),
].map((match) => ({
  message: match[1]!,
  role: match[2]!,
  // Fields named before a parenthesis are always there; the parenthesis explains the exception.
  fields: ['correlationId', ...[...match[3]!.split('(')[0]!.matchAll(/`([^`]+)`/g)].map((field) => field[1]!)],
}));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(path.join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [path.join(dir, entry.name)]
        : [],
  );
}
const loggedInCode = new Set(
  sourceFiles(path.join(ROOT, 'lambdas')).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/logger\.(?:info|warn|error|debug)\(\s*'([^']+)'/g)].map(
      (match) => match[1]!,
    ),
  ),
);

let pipeline: LocalPipeline;
const printed: { fn: string; entry: LogEntry }[] = [];

beforeAll(async () => {
  // The stage's own visibility, and attempts to spare: an invocation slowed by a loaded machine must not see its
  // record received again and dead-lettered while it still runs.
  pipeline = await startLocalPipeline({
    config: e2eConfig(8),
    port: 0,
    logLevel: 'INFO',
    onFunctionOutput: (fn, line) => {
      const entry = parseLogLine(line);
      if (entry) printed.push({ fn, entry });
    },
  });
});

beforeAll(async () => {
  pipeline.downstreams.get('erp')!.setFaults({ statuses: [503, 503] });
  pipeline.downstreams.get('crm')!.setFaults({ permanentStatus: 422 });
  const { body } = storefrontOrder(8001);
  expect((await postOrder(pipeline, body, 'log-contract-delivery')).status).toBe(202);
  await eventually(
    'the erp took the order and the crm refused it',
    async () =>
      pipeline.downstreams.get('erp')!.accepted().length === 1 &&
      (await queueCounts(pipeline, 'crm')).deadLettered === 1,
  );
  expect((await postOrder(pipeline, body, 'log-contract-delivery')).status).toBe(202);
  const drifted = JSON.stringify({ ...JSON.parse(storefrontOrder(8002).body), line_items: 'not a list' });
  expect((await postOrder(pipeline, drifted, 'log-contract-drift')).status).toBe(202);
  const storefront = pipeline.config.sources.find((source) => source.name === 'storefront')!;
  const forged = vendorWebhook(storefront, pipeline.webhookUrl('storefront'), 'not-the-secret', body, {
    eventType: 'orders/create',
  });
  expect((await postWebhook(forged)).status).toBe(401);
  await eventually('the retry was absorbed and the drift quarantined', () =>
    ['duplicate skipped', 'record quarantined'].every((message) =>
      printed.some(({ entry }) => entry.message === message),
    ),
  );
});

afterAll(() => pipeline.close());

const linesOf = (message: string) => printed.filter(({ entry }) => entry.message === message);

describe('docs/LOGGING.md', () => {
  test('names every message the functions log, and only those', () => {
    expect(documented.length).toBeGreaterThan(10);
    expect(new Set(documented.map((row) => row.message))).toEqual(loggedInCode);
  });

  test('every line printed carries the fields its message documents, from the function it names', () => {
    const exercised = new Set<string>();
    for (const { fn, entry } of printed) {
      const row = documented.find((candidate) => candidate.message === entry.message);
      expect({ message: entry.message, documented: row !== undefined }).toEqual({
        message: entry.message,
        documented: true,
      });
      expect(fn.startsWith(`${row!.role}-`)).toBe(true);
      const batch = entry.message === 'delivery attempt' && 'idempotencyKey' in entry;
      const expected = row!.fields.filter(
        (field) =>
          !(batch && ['eventId', 'entity'].includes(field)) &&
          !(field === 'status' && entry.outcome === 'transport-error'),
      );
      for (const field of expected)
        expect({ message: entry.message, field, present: field in entry }).toEqual({
          message: entry.message,
          field,
          present: true,
        });
      exercised.add(entry.message as string);
    }
    for (const message of [
      'webhook accepted',
      'webhook rejected',
      'record mapped',
      'record quarantined',
      'delivery attempt',
      'delivered',
      'duplicate skipped',
      'delivery deferred',
      'delivery refused; dead-lettered with the answer attached',
    ]) {
      expect(exercised).toContain(message);
    }
  });

  test('the vendor delivery id reaches every hop, so a vendor retry is linked to the first delivery', () => {
    const hops = printed
      .filter(({ entry }) => entry.deliveryId === 'log-contract-delivery')
      .map(({ fn }) => (fn.startsWith('canonical-state-') ? 'canonical-state' : fn.split('-')[0]));
    expect(new Set(hops)).toEqual(new Set(['ingest', 'transform', 'connector', 'canonical-state']));
    const accepted = linesOf('webhook accepted').filter(({ entry }) => entry.deliveryId === 'log-contract-delivery');
    expect(new Set(accepted.map(({ entry }) => entry.correlationId)).size).toBe(2);
  });

  test('each HTTP attempt is a line with the destination, its answer and latency, retries in the invocation included', () => {
    const erp = linesOf('delivery attempt').filter(({ entry }) => entry.destination === 'erp');
    expect(erp.map(({ entry }) => [entry.status, entry.outcome])).toEqual([
      [503, 'transient'],
      [503, 'transient'],
      [200, 'delivered'],
    ]);
    for (const { entry } of erp) expect(entry.latencyMs).toEqual(expect.any(Number));
    expect(linesOf('delivery attempt').find(({ entry }) => entry.destination === 'crm')!.entry).toMatchObject({
      status: 422,
      outcome: 'permanent',
      entity: `storefront:${storefrontOrder(8001).orderId}`,
    });
  });
});

describe('saved queries', () => {
  test.each(Object.entries(SAVED_QUERIES) as [string, SavedQuery][])(
    '%s reads only fields the lines it searches carry',
    (_key, saved) => {
      const text = JSON.stringify(saved.query);
      for (const field of saved.fields) expect(text).toContain(field);
      const searched = printed.filter(
        ({ fn, entry }) =>
          (saved.role === undefined || fn.startsWith(`${saved.role}-`)) &&
          (saved.message === undefined || entry.message === saved.message),
      );
      expect(searched.length).toBeGreaterThan(0);
      for (const field of saved.fields) {
        expect({ field, printed: searched.some(({ entry }) => field in entry) }).toEqual({ field, printed: true });
      }
      if (saved.message) {
        for (const field of saved.fields.filter((name) => name !== 'deliveryId')) {
          expect({ field, onEveryLine: searched.every(({ entry }) => field in entry) }).toEqual({
            field,
            onEveryLine: true,
          });
        }
      }
    },
  );

  test('the failure query groups by a destination every connector warning and error carries', () => {
    const failures = printed.filter(
      ({ fn, entry }) => fn.startsWith('connector-') && ['WARN', 'ERROR'].includes(entry.level as string),
    );
    expect(failures.length).toBeGreaterThan(0);
    for (const { entry } of failures) expect(entry.destination).toEqual(expect.any(String));
  });
});

describe('docs/RUNBOOK.md', () => {
  test('quotes only messages the functions log', () => {
    const quoted = [...runbook.matchAll(/`([^`]+)` line/g)].map((match) => match[1]!);
    expect(quoted.length).toBeGreaterThan(5);
    for (const message of quoted) expect(loggedInCode).toContain(message);
  });

  test('names the saved queries by their names', () => {
    const cited = [...runbook.matchAll(/saved quer(?:y|ies) `([^`]+)`/g)].map((match) => match[1]!);
    const names = Object.values(SAVED_QUERIES).map((query) => query.name);
    for (const name of cited) expect(names).toContain(name);
  });
});
