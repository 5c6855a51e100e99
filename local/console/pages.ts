/**
 * The console's pages as HTML text, rendered on the server from plain data: no build step, no framework, nothing
 * fetched from elsewhere, so it works offline. Every value from the outside (payloads, headers, log fields) goes
 * through `escape`. Actions are forms that POST and come back here, so every button works without script; the one
 * script only refreshes the counts.
 */
import type { ShownRequest } from '../downstream/traffic-log';
import type { EventSummary, LogEntry } from '../observe/function-log';
import { EVENT_STATUSES } from '../observe/function-log';
import type { PipelineSnapshot } from '../observe/pipeline-snapshot';
import { DESTINATION_COLUMNS, deferralText, SOURCE_COLUMNS } from '../observe/render-snapshot';
import type { ParkedMessage } from './queue-contents';

/** Fault presets the console offers per downstream, by the label on their button. */
export const FAULT_PRESETS = ['outage', 'errors', 'flaky', 'rate-limit', 'latency'] as const;
export type FaultPreset = (typeof FAULT_PRESETS)[number];

const FAULT_HELP: Record<FaultPreset, string> = {
  outage: '503 with Retry-After for 60 s',
  errors: 'every request 503',
  flaky: '30% of requests 500',
  'rate-limit': '2 requests/s, then 429 with Retry-After 1',
  latency: '500 ms before every answer',
};

export function escape(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1b1f24;background:#f6f7f9}
header{background:#1b1f24;color:#fff;padding:8px 16px;display:flex;gap:16px;align-items:baseline}
header a{color:#cfe3ff;text-decoration:none}header strong{margin-right:16px}
main{padding:12px 16px}h2{font-size:16px;margin:18px 0 6px}
table{border-collapse:collapse;background:#fff;margin-bottom:8px}
th,td{border:1px solid #d8dde3;padding:3px 8px;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
pre{margin:0;white-space:pre-wrap;word-break:break-all;max-width:900px;font-size:12px}
form.inline{display:inline;margin:0 2px}button{cursor:pointer}
.status-delivered{color:#116329}.status-dead-lettered,.status-quarantined,.status-rejected{color:#b42318}
.status-retrying,.status-held-back{color:#9a6700}.muted{color:#6e7781}
`;

/** A whole page: the header with the console's sections, then the content. */
export function page(title: string, content: string, script = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)} · Interchange local console</title>
<style>${STYLE}</style></head>
<body><header><strong>Interchange local console</strong>
<a href="/">Overview</a><a href="/events">Events</a><a href="/downstreams">Downstreams</a><a href="/queues">DLQ &amp; quarantine</a>
</header><main><h1 style="font-size:18px">${escape(title)}</h1>${content}</main>${script}</body></html>`;
}

function table(header: readonly string[], rows: readonly string[][], attributes = ''): string {
  const head = header.map((cell) => `<th>${escape(cell)}</th>`).join('');
  return `<table ${attributes}><thead><tr>${head}</tr></thead><tbody>${rows.map((row) => `<tr>${row.join('')}</tr>`).join('')}</tbody></table>`;
}

const cell = (value: unknown) => `<td>${escape(value)}</td>`;
const number = (value: number) => `<td class="n">${value}</td>`;
const button = (action: string, label: string, title = '') =>
  `<form class="inline" method="post" action="${escape(action)}"><button type="submit" title="${escape(title)}">${escape(label)}</button></form>`;

/** The live counts: the same snapshot, and the same columns, as the terminal view. */
export function countsFragment(snapshot: PipelineSnapshot): string {
  const sources = table(
    SOURCE_COLUMNS,
    snapshot.sources.map((row) => [
      cell(row.source),
      number(row.received),
      number(row.accepted),
      number(row.rejected),
      number(row.queued),
      number(row.quarantined),
      number(row.completed),
    ]),
    'id="source-counts"',
  );
  const destinations = table(
    DESTINATION_COLUMNS,
    snapshot.destinations.map((row) => [
      cell(row.destination),
      number(row.delivered),
      number(row.duplicatesSkipped),
      number(row.notApplicable),
      number(row.staleDropped),
      number(row.queued),
      number(row.deadLettered),
      number(row.downstreamEvents),
      cell(deferralText(row.deferred)),
    ]),
    'id="destination-counts"',
  );
  return `<h2>Ingest</h2>${sources}<h2>Delivery</h2>${destinations}`;
}

/** Refreshes the counts every two seconds; the rest of the page stays as it is. */
const REFRESH_COUNTS = `<script>
setInterval(async () => {
  try {
    const response = await fetch('/fragments/counts');
    if (response.ok) document.getElementById('counts').innerHTML = await response.text();
  } catch {}
}, 2000);
</script>`;

export interface OverviewData {
  readonly snapshot: PipelineSnapshot;
  readonly sources: readonly { name: string; webhookUrl: string; sample?: string }[];
  readonly downstreams: readonly { name: string; url: string; faults: unknown }[];
}

export function overviewPage(data: OverviewData): string {
  const sources = table(
    ['source', 'webhook URL', ''],
    data.sources.map((source) => [
      cell(source.name),
      cell(source.webhookUrl),
      `<td>${
        source.sample
          ? button(`/sources/${source.name}/sample`, `Send sample webhook`, `Sends ${source.sample}, signed`)
          : '<span class="muted">no sample</span>'
      } ${button(`/queues/quarantine/${source.name}/replay`, 'Replay quarantine')}</td>`,
    ]),
  );
  const downstreams = table(
    ['destination', 'fake downstream', 'faults now', 'inject'],
    data.downstreams.map((downstream) => [
      `<td><a href="/downstreams/${escape(downstream.name)}">${escape(downstream.name)}</a></td>`,
      cell(downstream.url),
      `<td><pre>${escape(JSON.stringify(downstream.faults))}</pre></td>`,
      `<td>${faultButtons(downstream.name)} ${button(`/queues/dlq/${downstream.name}/redrive`, 'Redrive DLQ')}</td>`,
    ]),
  );
  return page(
    'Overview',
    `<div id="counts">${countsFragment(data.snapshot)}</div><h2>Sources</h2>${sources}<h2>Destinations</h2>${downstreams}`,
    REFRESH_COUNTS,
  );
}

function faultButtons(name: string): string {
  return [
    ...FAULT_PRESETS.map((preset) => button(`/downstreams/${name}/faults/${preset}`, preset, FAULT_HELP[preset])),
    button(`/downstreams/${name}/faults/clear`, 'clear faults'),
  ].join('');
}

export interface EventFilter {
  readonly source?: string;
  readonly type?: string;
  readonly status?: string;
  readonly q?: string;
}

export function eventsPage(
  events: readonly EventSummary[],
  filter: EventFilter,
  choices: { sources: readonly string[] },
  total: number,
): string {
  const option = (value: string, selected: string | undefined) =>
    `<option value="${escape(value)}"${value === selected ? ' selected' : ''}>${escape(value || 'any')}</option>`;
  const form = `<form method="get" action="/events" id="filter">
<label>source <select name="source">${['', ...choices.sources].map((value) => option(value, filter.source)).join('')}</select></label>
<label>type <input name="type" value="${escape(filter.type ?? '')}" placeholder="orders/create, interchange.order.v1"></label>
<label>status <select name="status">${['', ...EVENT_STATUSES].map((value) => option(value, filter.status)).join('')}</select></label>
<label>text <input name="q" value="${escape(filter.q ?? '')}" placeholder="order number, SKU, correlation id"></label>
<button type="submit">Filter</button></form>`;
  const rows = events.map((event) => [
    `<td><a href="/events/${encodeURIComponent(event.correlationId)}">${escape(event.correlationId)}</a></td>`,
    cell(event.firstSeen),
    cell(event.source ?? ''),
    cell([event.vendorType, ...event.canonicalTypes].filter(Boolean).join(' → ')),
    `<td class="status-${event.status}">${escape(event.status)}</td>`,
    cell(
      Object.entries(event.destinations)
        .map(([destination, outcome]) => `${destination}: ${outcome}`)
        .join(', '),
    ),
  ]);
  return page(
    'Events',
    `${form}<p class="muted">${events.length} of ${total} events, newest first.</p>${table(
      ['correlation id', 'first seen', 'source', 'type', 'status', 'destinations'],
      rows,
      'id="events"',
    )}`,
  );
}

export function eventPage(
  event: EventSummary,
  timeline: readonly LogEntry[],
  received: readonly { destination: string; request: ShownRequest }[],
): string {
  const summary = table(
    ['correlation id', 'source', 'vendor type', 'delivery id', 'canonical event ids', 'status'],
    [
      [
        cell(event.correlationId),
        cell(event.source ?? ''),
        cell(event.vendorType ?? ''),
        cell(event.deliveryId ?? ''),
        cell(event.eventIds.join(', ')),
        `<td class="status-${event.status}">${escape(event.status)}</td>`,
      ],
    ],
  );
  const lines = table(
    ['time', 'function', 'level', 'what happened', 'details'],
    timeline.map((entry) => [
      cell(entry.time),
      cell(entry.functionName),
      cell(entry.level),
      cell(entry.message),
      `<td><pre>${escape(JSON.stringify(entry.fields))}</pre></td>`,
    ]),
    'id="timeline"',
  );
  const requests = table(
    ['destination', 'received at', 'request', 'status', 'headers', 'body'],
    received.map(({ destination, request }) => requestRow(destination, request)),
    'id="downstream-requests"',
  );
  return page(
    `Event ${event.correlationId}`,
    `${summary}<h2>Timeline</h2>${lines}<h2>What the downstreams received</h2>${requests}`,
  );
}

function requestRow(destination: string, request: ShownRequest): string[] {
  return [
    cell(destination),
    cell(new Date(request.receivedAt).toISOString()),
    cell(`${request.method} ${request.path}`),
    cell(request.status ?? 'pending'),
    `<td><details><summary>${Object.keys(request.headers).length} headers</summary><pre>${escape(
      Object.entries(request.headers)
        .map(([name, value]) => `${name}: ${value}`)
        .join('\n'),
    )}</pre></details></td>`,
    `<td><pre>${escape(prettyJson(request.body))}</pre></td>`,
  ];
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function downstreamsPage(
  downstreams: readonly { name: string; faults: unknown; requests: readonly ShownRequest[]; total: number }[],
): string {
  const sections = downstreams.map(
    (downstream) => `<h2 id="downstream-${escape(downstream.name)}">${escape(downstream.name)}</h2>
<p>Faults now: <code>${escape(JSON.stringify(downstream.faults))}</code> ${faultButtons(downstream.name)}</p>
<p class="muted">Latest ${downstream.requests.length} of ${downstream.total} requests, newest first.</p>
${table(
  ['destination', 'received at', 'request', 'status', 'headers', 'body'],
  downstream.requests.map((request) => requestRow(downstream.name, request)),
)}`,
  );
  return page('What each fake downstream received', sections.join(''));
}

export function queuesPage(
  queues: readonly {
    kind: 'dlq' | 'quarantine';
    name: string;
    depth: number;
    messages: readonly ParkedMessage[];
  }[],
): string {
  const sections = queues.map((queue) => {
    const action =
      queue.kind === 'dlq'
        ? button(`/queues/dlq/${queue.name}/redrive`, 'Redrive', 'Move every message back to the delivery queue')
        : button(`/queues/quarantine/${queue.name}/replay`, 'Replay', 'Move every message back to the ingest queue');
    const title = queue.kind === 'dlq' ? `DLQ of ${queue.name}` : `Quarantine of ${queue.name}`;
    const rows = queue.messages.map((message) => [
      cell(message.messageId),
      cell(message.sentAt ?? ''),
      `<td><pre>${escape(
        Object.entries(message.attributes)
          .map(([name, value]) => `${name}: ${value}`)
          .join('\n'),
      )}</pre></td>`,
      `<td><pre>${escape(prettyJson(message.body))}</pre></td>`,
    ]);
    return `<h2 id="${queue.kind}-${escape(queue.name)}">${escape(title)}: ${queue.depth} message(s)</h2>${
      queue.depth > 0 ? `<p>${action}</p>${table(['message id', 'sent at', 'attributes', 'body'], rows)}` : ''
    }`;
  });
  return page('Dead-letter queues and quarantines', sections.join(''));
}

export function notFoundPage(what: string): string {
  return page('Not found', `<p>${escape(what)}</p>`);
}
