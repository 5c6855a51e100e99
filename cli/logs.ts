import {
  GetQueryResultsCommand,
  StartQueryCommand,
  type CloudWatchLogsClient,
  type ResultField,
} from '@aws-sdk/client-cloudwatch-logs';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { InterchangeConfig } from '../config/schema';
import { functionLogGroupName } from '../lib/naming';

/** One JSON log line a function printed (Powertools' `timestamp`, `level`, `service`, `message` and its keys). */
export type LogEntry = Readonly<Record<string, unknown>> & { readonly timestamp: string; readonly service: string };

/** The time span searched, in epoch ms. */
export interface TimeWindow {
  readonly sinceMs: number;
  readonly untilMs: number;
}

/** Where trace reads the functions' logs: local mode's files or CloudWatch Logs. */
export interface LogSearch {
  /** Lines that name any of the ids (see `namesId`), oldest first. */
  find(ids: readonly string[], window: TimeWindow): Promise<LogEntry[]>;
}

/** The log fields that hold an id of the event (lambdas/shared/log-fields.ts, docs/LOGGING.md). */
export const ID_FIELDS = ['correlationId', 'deliveryId', 'eventId', 'entity', 'entityName'] as const;

/** What a traced id may look like: ids, order numbers and SKUs, never quotes or query syntax. */
export const TRACEABLE_ID = /^[A-Za-z0-9#][A-Za-z0-9._:#/@+-]{0,199}$/;

/**
 * Whether a log line names the id: as any id field, as the entity's own id after its source (`storefront:1001`
 * for `1001`) or location (`storefront:all-locations/SKU-1` for `SKU-1`), or as an order number with or
 * without its `#`.
 */
export function namesId(entry: Readonly<Record<string, unknown>>, id: string): boolean {
  if (ID_FIELDS.some((field) => entry[field] === id)) return true;
  const entity = entry.entity;
  if (typeof entity === 'string' && (entity.endsWith(`:${id}`) || entity.endsWith(`/${id}`))) return true;
  if (entry.entityName === `#${id}`) return true;
  const events = entry.events;
  return (
    Array.isArray(events) && events.some((event) => typeof event === 'object' && event !== null && namesId(event, id))
  );
}

/** Parses a function's output line; EMF metric documents and plain text are not log entries. */
export function parseLogLine(line: string): LogEntry | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(line) as Record<string, unknown>;
    if ('_aws' in value || typeof value.timestamp !== 'string' || typeof value.service !== 'string') return undefined;
    return value as LogEntry;
  } catch {
    return undefined;
  }
}

const byTime = (a: LogEntry, b: LogEntry) => Date.parse(a.timestamp) - Date.parse(b.timestamp);

/** Local mode's function logs: one file per function under `.local/logs/`. */
export class LocalLogFiles implements LogSearch {
  constructor(private readonly dir: string) {}

  async find(ids: readonly string[], window: TimeWindow): Promise<LogEntry[]> {
    const found: LogEntry[] = [];
    for (const file of readdirSync(this.dir).filter((name) => name.endsWith('.log'))) {
      for (const line of readFileSync(path.join(this.dir, file), 'utf8').split('\n')) {
        const entry = parseLogLine(line);
        if (!entry) continue;
        const at = Date.parse(entry.timestamp);
        if (at < window.sinceMs || at > window.untilMs) continue;
        if (ids.some((id) => namesId(entry, id))) found.push(entry);
      }
    }
    return found.sort(byTime);
  }
}

/** The Logs Insights query that finds the lines naming any of the ids: the same rules as `namesId`. */
export function traceQueryString(ids: readonly string[]): string {
  const conditions = ids.flatMap((id) => {
    if (!TRACEABLE_ID.test(id)) throw new Error(`not a traceable id: ${id}`);
    const quoted = JSON.stringify(id);
    const suffix = id.replace(/[.*+?^${}()|[\]\\/#-]/g, '\\$&');
    return [
      ...ID_FIELDS.map((field) => `${field} = ${quoted}`),
      `entity like /[:\\/]${suffix}$/`,
      `entityName = ${JSON.stringify(`#${id}`)}`,
      `@message like ${quoted}`,
    ];
  });
  return [
    'fields @timestamp, @message',
    `| filter ${conditions.join(' or ')}`,
    '| sort @timestamp asc',
    '| limit 10000',
  ].join('\n');
}

/** How long a Logs Insights query may run before trace gives up, and how often it asks. */
const QUERY_TIMEOUT_MS = 120_000;
const POLL_MS = 1_000;

/**
 * A deployed stage's function logs, through CloudWatch Logs Insights over every function's log group. The
 * query's `@message like` clause also catches ids inside `events`; the results are checked with `namesId`.
 */
export class LogsInsights implements LogSearch {
  constructor(
    private readonly client: CloudWatchLogsClient,
    private readonly config: InterchangeConfig,
    private readonly explain: (error: unknown) => Error,
    private readonly wait: (ms: number) => Promise<unknown> = sleep,
  ) {}

  /** Every function's log group, named from the configuration as the stateless stack names them. */
  logGroupNames(): string[] {
    const stage = this.config.stage.name;
    return [
      ...this.config.sources.flatMap((source) => [`ingest-${source.name}`, `transform-${source.name}`]),
      ...this.config.destinations.map((destination) => `connector-${destination.name}`),
    ].map((service) => functionLogGroupName(stage, service));
  }

  async find(ids: readonly string[], window: TimeWindow): Promise<LogEntry[]> {
    let queryId: string | undefined;
    try {
      ({ queryId } = await this.client.send(
        new StartQueryCommand({
          logGroupNames: this.logGroupNames(),
          startTime: Math.floor(window.sinceMs / 1000),
          endTime: Math.ceil(window.untilMs / 1000),
          queryString: traceQueryString(ids),
          limit: 10_000,
        }),
      ));
    } catch (error) {
      throw this.explain(error);
    }
    const deadline = Date.now() + QUERY_TIMEOUT_MS;
    for (;;) {
      const { status, results } = await this.client.send(new GetQueryResultsCommand({ queryId }));
      if (status === 'Complete') return entriesOf(results ?? [], ids);
      if (status !== 'Running' && status !== 'Scheduled')
        throw new Error(`Logs Insights query ${queryId} ended ${status}`);
      if (Date.now() > deadline) throw new Error(`Logs Insights query ${queryId} still running after 120 s`);
      await this.wait(POLL_MS);
    }
  }
}

function entriesOf(results: readonly (readonly ResultField[])[], ids: readonly string[]): LogEntry[] {
  const entries: LogEntry[] = [];
  for (const row of results) {
    const message = row.find((field) => field.field === '@message')?.value;
    const entry = message === undefined ? undefined : parseLogLine(message);
    if (entry && ids.some((id) => namesId(entry, id))) entries.push(entry);
  }
  return entries.sort(byTime);
}
