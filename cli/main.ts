import { Command, CommanderError } from 'commander';
import { TRACEABLE_ID } from './logs';
import { age, outcomeColour, paint, parseTime, table, type Output } from './output';
import {
  matchesFilter,
  moveParked,
  release,
  scanParked,
  type ParkedFilter,
  type ParkedMessage,
} from './parked-messages';
import { replayArchived, selectArchived, type ArchiveSelection } from './replay';
import { pipelineStatus, type PipelineStatus } from './status';
import { CommandError, resolveTarget, type AwsClients, type Target, type TargetOptions } from './target';
import { traceEvent, type Trace } from './trace';

/** What the command line needs from its surroundings; tests hand in their own. */
export interface CliEnvironment {
  readonly output: Output;
  readonly nowMs?: () => number;
  readonly endpointsFile?: string;
  readonly awsClients?: () => AwsClients;
}

interface GlobalOptions {
  readonly stage?: string;
  readonly json?: boolean;
}

interface FilterOptions {
  readonly type?: string;
  readonly reason?: string;
  readonly since?: string;
  readonly until?: string;
}

/** Default span of a trace: vendors retry for up to three days; older events need `--since`. */
const DEFAULT_TRACE_SPAN = '3d';

/** Runs one command line; returns the exit code (0 done, 1 failed, 2 usage). */
export async function run(argv: readonly string[], env: CliEnvironment): Promise<number> {
  const { output } = env;
  const nowMs = env.nowMs ?? Date.now;
  const program = new Command('interchange')
    .description(
      'On call for Interchange: trace an event, read and redrive dead letters and quarantines, replay archived webhooks, see status.',
    )
    .option(
      '--stage <stage>',
      'a deployed stage (dev, prod), reached with the AWS credentials and region the SDK finds; without it, the local mode `npm start` runs',
    )
    .option('--json', 'print JSON for scripts instead of tables')
    .exitOverride()
    .configureOutput({ writeOut: (text) => output.out(text.trimEnd()), writeErr: (text) => output.err(text.trimEnd()) })
    .showHelpAfterError();

  const withTarget = async (command: Command, work: (target: Target, options: GlobalOptions) => Promise<void>) => {
    const options = command.optsWithGlobals<GlobalOptions>();
    const targetOptions: TargetOptions = {
      ...(options.stage !== undefined ? { stage: options.stage } : {}),
      ...(env.endpointsFile ? { endpointsFile: env.endpointsFile } : {}),
      ...(env.awsClients ? { awsClients: env.awsClients } : {}),
    };
    const target = resolveTarget(targetOptions);
    try {
      await work(target, options);
    } finally {
      target.close();
    }
  };
  const print = (options: GlobalOptions, data: unknown, human: () => string) =>
    output.out(options.json ? JSON.stringify(data, null, 2) : human());

  program
    .command('status')
    .description(
      'per source and destination: queue depth, oldest message age, circuit, send rate, DLQ and quarantine counts',
    )
    .action(async (_options, command: Command) =>
      withTarget(command, async (target, options) => {
        const status = await pipelineStatus(target, nowMs());
        print(options, status, () => renderStatus(status, output));
      }),
    );

  program
    .command('trace')
    .description(
      'the life of one event: by correlation id, vendor delivery id, canonical event id, or entity (order number, SKU)',
    )
    .argument('<id>', 'correlation id, delivery id, event id, entity id, order number or SKU')
    .option('--since <time>', 'search from (ISO 8601, or back from now: 30m, 2h, 7d)', DEFAULT_TRACE_SPAN)
    .option('--until <time>', 'search until (ISO 8601, or back from now)')
    .action(async (id: string, _options, command: Command) =>
      withTarget(command, async (target, options) => {
        if (!TRACEABLE_ID.test(id)) throw new CommandError(`"${id}" is not an id trace can search for`);
        const own = command.opts<{ since: string; until?: string }>();
        const window = {
          sinceMs: parseTime(own.since, nowMs()),
          untilMs: own.until ? parseTime(own.until, nowMs()) : nowMs(),
        };
        const trace = await traceEvent(target.logs, id, window);
        if (trace.steps.length === 0) {
          throw new CommandError(
            `no log line names "${id}" between ${new Date(window.sinceMs).toISOString()} and ${new Date(window.untilMs).toISOString()}` +
              (target.kind === 'aws' ? ' (widen with --since)' : ''),
          );
        }
        print(options, trace, () => renderTrace(trace, output));
      }),
    );

  const parkedCommands = (
    name: 'dlq' | 'quarantine',
    kind: 'destination' | 'source',
    moveVerb: 'redrive' | 'replay',
    description: string,
    moveDescription: string,
  ) => {
    const group = program.command(name).description(description);
    const queuesOf = (target: Target, owner: string) =>
      kind === 'destination' ? target.destinationQueues(owner) : target.sourceQueues(owner);
    const withFilters = (command: Command) =>
      command
        .option('--type <type>', 'only messages of this event type')
        .option('--reason <reason>', 'only messages parked for this reason (e.g. drift, refused-422, max-receives)')
        .option('--since <time>', 'only messages first sent from (ISO 8601, or back from now: 30m, 2h, 7d)')
        .option('--until <time>', 'only messages first sent until');
    const filterOf = (options: FilterOptions, ids?: readonly string[]): ParkedFilter => ({
      ...(options.type ? { type: options.type } : {}),
      ...(options.reason ? { reason: options.reason } : {}),
      ...(options.since ? { sinceMs: parseTime(options.since, nowMs()) } : {}),
      ...(options.until ? { untilMs: parseTime(options.until, nowMs()) } : {}),
      ...(ids ? { ids } : {}),
    });
    /** Scans the parked queue, hands the matching messages to `work`, and releases whatever `work` left. */
    const withParked = async (
      command: Command,
      owner: string,
      filter: (options: FilterOptions) => ParkedFilter,
      work: (
        target: Target,
        options: GlobalOptions,
        matching: ParkedMessage[],
        url: { from: string; to: string },
      ) => Promise<readonly ParkedMessage[]>,
    ) =>
      withTarget(command, async (target, options) => {
        const queues = await queuesOf(target, owner);
        const all = await scanParked(target.sqs, queues.parkedUrl);
        const wanted = filter(command.opts<FilterOptions>());
        const matching = all.filter((message) => matchesFilter(message, wanted));
        let done: readonly ParkedMessage[] = [];
        try {
          done = await work(target, options, matching, { from: queues.parkedUrl, to: queues.url });
        } finally {
          const taken = new Set(done.map((message) => message.messageId));
          await release(
            target.sqs,
            queues.parkedUrl,
            all.filter((message) => !taken.has(message.messageId)),
          );
        }
      });

    withFilters(group.command('list').description(`the messages parked for a ${kind}`).argument(`<${kind}>`)).action(
      async (owner: string, _options, command: Command) =>
        withParked(
          command,
          owner,
          (options) => filterOf(options),
          async (_target, options, matching) => {
            print(options, matching.map(summaryOf), () => renderParkedList(matching, output));
            return [];
          },
        ),
    );

    group
      .command('show')
      .description('one parked message whole: attributes, reason, body')
      .argument(`<${kind}>`)
      .argument('<id>', 'message id or correlation id')
      .action(async (owner: string, id: string, _options, command: Command) =>
        withParked(
          command,
          owner,
          () => filterOf({}, [id]),
          async (target, options, matching) => {
            if (matching.length === 0)
              throw new CommandError(`no message ${id} parked for ${kind} ${owner} (${target.stage})`);
            print(options, matching.map(detailOf), () =>
              matching.map((message) => renderParkedMessage(message, output)).join('\n\n'),
            );
            return [];
          },
        ),
      );

    withFilters(
      group
        .command(moveVerb)
        .description(moveDescription)
        .argument(`<${kind}>`)
        .option('--id <id...>', 'only these messages (message ids or correlation ids)')
        .option('--dry-run', 'say how many and which would move, and move nothing'),
    ).action(async (owner: string, _options, command: Command) => {
      const own = command.opts<FilterOptions & { id?: string[]; dryRun?: boolean }>();
      await withParked(
        command,
        owner,
        (options) => filterOf(options, own.id),
        async (target, options, matching, url) => {
          if (own.dryRun) {
            print(options, { dryRun: true, count: matching.length, messages: matching.map(summaryOf) }, () =>
              [
                `Would ${moveVerb} ${matching.length} message(s) of ${kind} ${owner} (${target.stage}); nothing moved.`,
                ...(matching.length ? [renderParkedList(matching, output)] : []),
              ].join('\n'),
            );
            return [];
          }
          const result = await moveParked(target.sqs, url.from, url.to, matching);
          print(
            options,
            {
              moved: result.moved.length,
              failed: result.failed.length,
              messages: result.moved.map(summaryOf),
              failures: result.failed.map(({ message, error }) => ({ messageId: message.messageId, error })),
            },
            () =>
              [
                `${moveVerb === 'redrive' ? 'Redrove' : 'Replayed'} ${result.moved.length} message(s) of ${kind} ${owner} (${target.stage}) to ${url.to.slice(url.to.lastIndexOf('/') + 1)}.`,
                ...result.failed.map(({ message, error }) =>
                  paint(output, 'red', `  not moved ${message.messageId}: ${error}`),
                ),
              ].join('\n'),
          );
          if (result.failed.length > 0)
            throw new CommandError(`${result.failed.length} message(s) could not be sent and stay parked`);
          return result.moved;
        },
      );
    });
  };
  parkedCommands(
    'dlq',
    'destination',
    'redrive',
    "a destination's dead-letter queue: list, show, redrive",
    "send dead letters back to the destination's delivery queue (idempotency makes a repeat safe)",
  );
  parkedCommands(
    'quarantine',
    'source',
    'replay',
    "a source's quarantine: list, show, replay",
    "send quarantined records back through the source's transform (after fixing the mapper)",
  );

  program
    .command('replay')
    .description(
      'send archived webhooks of a source through the pipeline again, as they were accepted (idempotency and ordering make a repeat safe)',
    )
    .requiredOption('--source <source>', 'the source whose webhooks to replay')
    .requiredOption('--since <time>', 'accepted from (ISO 8601, or back from now: 30m, 2h, 7d)')
    .option('--until <time>', 'accepted until (default: now)')
    .option('--type <type>', 'only this vendor event type (as the vendor names it, e.g. charge.succeeded)')
    .option('--dry-run', 'say how many and which would be sent, and send nothing')
    .action(async (_options, command: Command) =>
      withTarget(command, async (target, options) => {
        const own = command.opts<{ source: string; since: string; until?: string; type?: string; dryRun?: boolean }>();
        const filter = {
          source: own.source,
          sinceMs: parseTime(own.since, nowMs()),
          untilMs: own.until ? parseTime(own.until, nowMs()) : nowMs(),
          ...(own.type ? { type: own.type } : {}),
        };
        if (filter.sinceMs > filter.untilMs) throw new CommandError('--since is after --until');
        const queues = await target.sourceQueues(own.source);
        const selection = await selectArchived(await target.archive(), filter);
        const window = `${new Date(filter.sinceMs).toISOString()} .. ${new Date(filter.untilMs).toISOString()}`;
        const what = `archived webhook(s) of ${own.source}${own.type ? ` (${own.type})` : ''} accepted ${window}`;
        if (own.dryRun) {
          print(options, { dryRun: true, ...replaySummary(selection) }, () =>
            [
              `Would replay ${selection.webhooks.length} ${what} (${target.stage}); nothing sent.`,
              ...unreadableWarning(selection, output),
              ...(selection.webhooks.length ? [renderArchived(selection, output)] : []),
            ].join('\n'),
          );
          return;
        }
        const result = await replayArchived(target.sqs, queues.url, selection.webhooks);
        print(
          options,
          {
            ...replaySummary({ ...selection, webhooks: result.sent }),
            sent: result.sent.length,
            failed: result.failed.length,
            notSent: result.failed.map((webhook) => webhook.correlationId),
          },
          () =>
            [
              `Replayed ${result.sent.length} ${what} (${target.stage}) to ${queues.name}.`,
              ...unreadableWarning(selection, output),
              ...result.failed.map((webhook) => paint(output, 'red', `  not sent: ${webhook.correlationId}`)),
            ].join('\n'),
        );
        if (result.failed.length > 0) {
          throw new CommandError(`${result.failed.length} webhook(s) could not be sent; run the same replay again`);
        }
      }),
    );

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    output.err(paint(output, 'red', `interchange: ${explain(error)}`));
    return 1;
  }
}

/** What went wrong, without a stack trace: the command's own errors already say what to do. */
function explain(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function summaryOf(message: ParkedMessage) {
  return {
    messageId: message.messageId,
    sentAt: message.sentAt,
    correlationId: message.correlationId,
    ...(message.deliveryId ? { deliveryId: message.deliveryId } : {}),
    eventType: message.eventType,
    reason: message.reason,
    ...(message.detail ? { detail: message.detail } : {}),
  };
}

function detailOf(message: ParkedMessage) {
  return {
    ...summaryOf(message),
    ...(message.movedFrom ? { movedFrom: message.movedFrom } : {}),
    attributes: Object.fromEntries(
      Object.entries(message.attributes).map(([name, value]) => [name, value.StringValue]),
    ),
    body: message.body,
  };
}

function replaySummary(selection: ArchiveSelection) {
  return {
    count: selection.webhooks.length,
    archiveObjects: selection.objects,
    unreadableLines: selection.unreadable,
    webhooks: selection.webhooks.map((webhook) => ({
      receivedAt: webhook.receivedAt,
      correlationId: webhook.correlationId,
      eventType: webhook.eventType,
      ...(webhook.attributes.deliveryId ? { deliveryId: webhook.attributes.deliveryId } : {}),
    })),
  };
}

function unreadableWarning(selection: ArchiveSelection, output: Output): string[] {
  return selection.unreadable > 0
    ? [paint(output, 'yellow', `${selection.unreadable} archived line(s) could not be read and are not included.`)]
    : [];
}

function renderArchived(selection: ArchiveSelection, output: Output): string {
  return table(
    ['ACCEPTED', 'CORRELATION ID', 'TYPE', 'DELIVERY ID'],
    selection.webhooks.map((webhook) => [
      webhook.receivedAt,
      webhook.correlationId,
      webhook.eventType,
      webhook.attributes.deliveryId ?? '',
    ]),
    output,
  );
}

function renderStatus(status: PipelineStatus, output: Output): string {
  const count = (n: number) => (n > 0 ? paint(output, 'red', String(n)) : '0');
  const circuit = (state: string) =>
    paint(output, state === 'closed' ? 'green' : state === 'open' ? 'red' : 'yellow', state);
  return [
    `Interchange ${status.stage} (${status.target === 'local' ? 'local mode' : 'AWS'})`,
    '',
    table(
      ['SOURCE', 'QUEUED', 'OLDEST', 'QUARANTINED'],
      status.sources.map((s) => [
        s.source,
        String(s.depth),
        age(s.depth ? s.oldestSeconds : undefined),
        count(s.parked),
      ]),
      output,
    ),
    '',
    table(
      ['DESTINATION', 'QUEUED', 'OLDEST', 'CIRCUIT', 'RATE/S', 'DEAD LETTERS'],
      status.destinations.map((d) => [
        d.destination,
        String(d.depth),
        age(d.depth ? d.oldestSeconds : undefined),
        circuit(d.circuit),
        `${Number(d.sendRate.toFixed(2))} of ${d.ceiling}${d.pausedUntil ? ` (paused until ${d.pausedUntil})` : ''}`,
        count(d.parked),
      ]),
      output,
    ),
    '',
    table(
      ['RECONCILED', 'READ UP TO', 'MISSED WEBHOOKS'],
      status.reconciliation.map((r) => [
        `${r.source} ${r.stream}`,
        r.since ? `${r.since}${r.openUntil ? ` (resuming, window to ${r.openUntil})` : ''}` : 'not polled yet',
        count(r.missedWebhooks),
      ]),
      output,
    ),
  ].join('\n');
}

function renderTrace(trace: Trace, output: Output): string {
  const retries = trace.deliveries.filter((delivery) => delivery.retryOf);
  const lines = [
    `Trace of ${trace.query}: ${trace.deliveries.length} webhook deliver${trace.deliveries.length === 1 ? 'y' : 'ies'}` +
      (retries.length ? `, ${retries.length} of them vendor retr${retries.length === 1 ? 'y' : 'ies'}` : ''),
  ];
  for (const delivery of trace.deliveries) {
    lines.push(
      `  ${delivery.receivedAt}  correlationId ${delivery.correlationId}` +
        (delivery.deliveryId ? `  deliveryId ${delivery.deliveryId}` : '') +
        (delivery.retryOf ? paint(output, 'yellow', `  vendor retry of ${delivery.retryOf}`) : ''),
    );
  }
  lines.push('');
  lines.push(
    table(
      ['TIME', 'HOP', 'WHAT', 'STATUS', 'LATENCY', 'OUTCOME', 'DETAIL'],
      trace.steps.map((step) => {
        const what = step.message;
        const outcome = step.outcome ?? step.reason ?? '';
        const detail = [
          step.retryOf ? `vendor retry of ${step.retryOf}` : '',
          step.events?.length
            ? step.events.map((event) => `${event.eventId} -> ${event.destinations.join(', ')}`).join('; ')
            : (step.eventId ?? ''),
        ]
          .filter(Boolean)
          .join('  ');
        const colour = outcomeColour(outcome || what);
        return [
          step.time,
          step.service,
          colour ? paint(output, colour, what) : what,
          step.status === undefined ? '' : String(step.status),
          step.latencyMs === undefined ? '' : `${step.latencyMs}ms`,
          outcome,
          detail,
        ];
      }),
      output,
    ),
  );
  if (trace.destinations.length > 0) {
    lines.push('');
    lines.push(
      table(
        ['DESTINATION', 'ATTEMPTS', 'ANSWERS', 'LAST', 'DUPLICATES'],
        trace.destinations.map((d) => [
          d.destination,
          String(d.attempts.length),
          d.attempts.map((attempt) => attempt.status ?? attempt.outcome).join(' ') || '-',
          d.last,
          String(d.duplicates),
        ]),
        output,
      ),
    );
  }
  return lines.join('\n');
}

function renderParkedList(messages: readonly ParkedMessage[], output: Output): string {
  if (messages.length === 0) return 'No messages.';
  return table(
    ['SENT', 'MESSAGE ID', 'CORRELATION ID', 'TYPE', 'REASON'],
    messages.map((message) => [
      message.sentAt,
      message.messageId,
      message.correlationId,
      message.eventType,
      paint(output, 'red', message.reason),
    ]),
    output,
  );
}

function renderParkedMessage(message: ParkedMessage, output: Output): string {
  const detail = detailOf(message);
  const rows = Object.entries(detail)
    .filter(([name]) => name !== 'attributes' && name !== 'body')
    .map(([name, value]) => [name, String(value)]);
  let body = message.body;
  try {
    body = JSON.stringify(JSON.parse(message.body), null, 2);
  } catch {
    // Not JSON: shown as stored.
  }
  return [
    table(['FIELD', 'VALUE'], rows, output),
    '',
    'attributes:',
    JSON.stringify(detail.attributes, null, 2),
    '',
    'body:',
    body,
  ].join('\n');
}
