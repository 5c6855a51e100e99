import type { FunctionColdStart } from './cold-start/cold-start-bench';
import type { CostResult } from './cost/cost-bench';
import type { E2eResult } from './e2e/e2e-bench';
import type { IngestResult } from './ingest/ingest-bench';
import type { ReadResult } from './read/read-bench';
import type { BenchResults } from './results';
import { checkTargets, MAX_RATIO } from './targets';
import type { TransformResult } from './transform/transform-bench';

/** Lays rows out in columns: text left-aligned, columns of numbers right-aligned, a rule under the header. */
export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column]?.length ?? 0)));
  const numeric = header.map((_, column) => rows.length > 0 && rows.every((row) => typeof row[column] === 'number'));
  const line = (row: readonly (string | number)[]) =>
    row
      .map((cell, column) =>
        numeric[column] ? String(cell).padStart(widths[column]!) : String(cell).padEnd(widths[column]!),
      )
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

const mark = (met: boolean) => (met ? 'ok' : 'MISSED');
const kb = (bytes: number) => Math.round(bytes / 1024);

/** Ingest ratios by scheme (rows) and body size (columns). */
export function ingestTable(results: readonly IngestResult[]): string {
  const sizes = [...new Set(results.map((result) => result.bodyBytes))];
  const schemes = [...new Set(results.map((result) => result.scheme))];
  const rows = schemes.map((scheme) => [
    scheme,
    ...sizes.map((size) => {
      const found = results.find((result) => result.scheme === scheme && result.bodyBytes === size);
      return found ? `${found.ratio} (${found.handlerMicros} µs)` : '-';
    }),
  ]);
  return table(['scheme', ...sizes.map((size) => `${kb(size)} KB`)], rows);
}

/** Bundle and init figures per function beside their baselines and what-ifs. */
export function functionsTable(results: readonly FunctionColdStart[]): string {
  const rows = results.map((result) => [
    result.name,
    kb(result.bundleBytes),
    kb(result.baseline.bundleBytes),
    `${result.bundleRatio} ${mark(result.bundleRatio <= MAX_RATIO)}`,
    result.initMs,
    result.baseline.initMs,
    `${result.initRatio} ${mark(result.initRatio <= MAX_RATIO)}`,
    `${result.withoutSourceMaps.initMs}/${result.withoutSourceMaps.baselineInitMs}`,
    `${kb(result.withoutTracer.bundleBytes)} KB ${result.withoutTracer.initMs} ms`,
  ]);
  const header = ['function', 'KB', 'base KB', 'ratio', 'init ms', 'base ms', 'ratio', 'no-srcmap ms', 'no tracer'];
  return table(header, rows);
}

export function transformTable(results: readonly TransformResult[]): string {
  return table(
    ['source', 'records/s', 'fixtures'],
    results.map((result) => [result.source, result.recordsPerSecond, result.fixtures]),
  );
}

export function localTable(result: E2eResult): string {
  return table(
    ['figure', 'value'],
    [
      ['webhooks posted', `${result.events}, ${result.concurrency} in flight, functions at ${result.logLevel}`],
      ['accepted events/s', result.eventsPerSecond],
      ['webhook answer p50 / p99', `${result.ackP50Ms} / ${result.ackP99Ms} ms`],
      ['delivery p50 / p99', `${result.deliveryP50Ms} / ${result.deliveryP99Ms} ms`],
      ['delivered events/s', result.deliveredEventsPerSecond],
      ['peak RSS', `${result.peakRssMb} MB`],
      [
        'accepted = delivered',
        `${result.accepted} = ${result.delivered} ${mark(result.accepted === result.delivered)}`,
      ],
      ['events at downstreams', `${result.downstreamEventsArrived} of ${result.downstreamEventsExpected} expected`],
      ['answers by status', JSON.stringify(result.answeredByStatus)],
      [
        'AWS calls per delivered event',
        `DynamoDB ${result.awsCalls.dynamodbWritesPerEvent} writes, ${result.awsCalls.dynamodbReadsPerEvent} reads; ` +
          `SQS ${result.awsCalls.sqsRequestsPerEvent} requests`,
      ],
      [
        "functions' own count",
        `quarantined ${result.metrics.recordsQuarantined}, dead-lettered ${result.metrics.deliveryDeadLettered}, ` +
          `not yet settled ${result.metrics.unsettled}`,
      ],
      ...Object.entries(result.functionWarningsByMessage)
        .slice(0, 3)
        .map(([message, count]) => [
          'logged',
          `${count} x ${message.length > 80 ? `${message.slice(0, 79)}…` : message}`,
        ]),
    ],
  );
}

/** Dollars per million webhooks per route mix, by service, beside DESIGN.md's floor for that many destinations. */
export function costTable(result: CostResult): string {
  const usd = (value: number) => value.toFixed(2);
  const rows = result.mixes.map((mix) => [
    mix.mix,
    mix.destinationsPerWebhook,
    usd(mix.costPerMillion.httpApi),
    usd(mix.costPerMillion.sqs),
    usd(mix.costPerMillion.dynamodb),
    usd(mix.costPerMillion.lambda),
    usd(mix.costPerMillion.logs),
    usd(mix.costPerMillion.xray),
    usd(mix.costPerMillion.s3),
    `${usd(mix.costPerMillion.total)} ${mark(mix.costPerMillion.total <= mix.floorPerMillion)}`,
    usd(mix.floorPerMillion),
    `${mix.dynamodbWritesPerEvent} / ${mix.sqsRequestsPerEvent}`,
    Math.round(mix.usagePerWebhook.logBytes),
  ]);
  const header = [
    'mix',
    'dest.',
    'HTTP API',
    'SQS',
    'DynamoDB',
    'Lambda',
    'logs',
    'X-Ray',
    'S3',
    'total $',
    'floor $',
    'writes/SQS per event',
    'log B',
  ];
  const outage = result.outage
    ? `\nOutage: ${result.outage.deferralsPerEventHour} deferrals per waiting event an hour; ` +
      `$${result.outage.costPerThousandEventsHour} per hour per thousand waiting events`
    : '';
  return (
    `${table(header, rows)}\n(prod stage's tracing: ${result.tracing}; prices of ${result.pricesChecked}, ` +
    `bench/cost/prices.ts)${outage}`
  );
}

export function readTable(result: ReadResult): string {
  return table(
    ['reads', 'p50', 'p99', 'not 200'],
    [[result.reads, `${result.p50Ms} ms`, `${result.p99Ms} ms`, result.notOk]],
  );
}

/** The whole run as a person reads it: one table per benchmark, then the targets. */
export function renderReport(results: BenchResults): string {
  const targets = checkTargets(results);
  return [
    `Interchange benchmarks, ${results.startedAt}, ${results.durationSeconds} s`,
    `${results.machine.cpus} x ${results.machine.cpuModel}, ${results.machine.memoryGb} GB, Node ${results.machine.node}`,
    '',
    'Ingest: handler work / bare HMAC-SHA256 + JSON.parse + JSON.stringify (median per request)',
    ingestTable(results.ingest),
    '',
    'Cold start: function / bare handler with the same AWS SDK clients (init: median of fresh processes)',
    functionsTable(results.functions),
    '',
    'Transform: mapping + validation',
    transformTable(results.transform),
    '',
    'Local end to end',
    localTable(results.local),
    '',
    'Cost per million webhooks (functions at INFO, as deployed)',
    costTable(results.cost),
    '',
    'Read API: GET /v1/inventory-levels/<id> through the authorizer and the reader (paced under the caller rate)',
    readTable(results.read),
    '',
    'Targets',
    table(
      ['target', 'measured', ''],
      targets.map((check) => [check.target, check.measured, mark(check.met)]),
    ),
  ].join('\n');
}
