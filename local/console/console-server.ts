/**
 * The local console: a web page beside `npm start` showing what the terminal view shows and what it cannot (each
 * event's timeline, what each fake downstream received, the DLQs and quarantines), with buttons for what one does
 * while trying the pipeline out (inject a fault, redrive, replay, send a sample webhook). It reads the running
 * pipeline in-process and acts through the same APIs a person would use: SQS for queues, the fakes' fault plans,
 * signed webhooks to the webhook URL.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { demoPayloads } from '../demo';
import type { FaultPlan } from '../downstream';
import { redactSecrets, type ReceivedRequest, type ShownRequest } from '../downstream/traffic-log';
import { closeServer, listenOnLoopback } from '../http';
import type { EventSummary } from '../observe/function-log';
import { depth, pipelineSnapshot } from '../observe/pipeline-snapshot';
import type { LocalPipeline } from '../pipeline';
import { postWebhook, vendorWebhook } from '../webhook-client';
import {
  countsFragment,
  downstreamsPage,
  eventPage,
  eventsPage,
  FAULT_PRESETS,
  notFoundPage,
  overviewPage,
  page,
  queuesPage,
  type EventFilter,
  type FaultPreset,
} from './pages';
import { moveParkedMessagesBack, peekMessages } from './queue-contents';

export interface LocalConsole {
  readonly url: string;
  /** Serves the pipeline once it runs; until then every page says it is starting. */
  attach(pipeline: LocalPipeline): void;
  close(): Promise<void>;
}

/** Requests shown per downstream on its page; the newest. */
const REQUESTS_SHOWN = 100;
/** Events listed at most; the newest. */
const EVENTS_SHOWN = 500;

/** The fault plan behind each button. */
export function faultPlanFor(preset: FaultPreset, now: number): FaultPlan {
  switch (preset) {
    case 'outage':
      return { outageUntil: now + 60_000 };
    case 'errors':
      return { errorRate: 1, errorStatus: 503 };
    case 'flaky':
      return { errorRate: 0.3 };
    case 'rate-limit':
      return { rateLimit: { requestsPerSecond: 2, retryAfterSeconds: 1 } };
    case 'latency':
      return { latencyMs: 500 };
  }
}

/** Starts the console on 127.0.0.1; the port is taken at once, so a busy one is known before anything else starts. */
export async function startConsole(options: { port?: number } = {}): Promise<LocalConsole> {
  let pipeline: LocalPipeline | undefined;
  const server = createServer((request, response) => {
    const handled = pipeline
      ? route(pipeline, request, response)
      : Promise.resolve(send(response, 503, page('Starting', '<p>Local mode is starting; reload in a moment.</p>')));
    handled.catch((error: unknown) => {
      if (response.headersSent) return void response.destroy();
      send(response, 500, page('Error', `<pre>${String(error)}</pre>`));
    });
  });
  const url = await listenOnLoopback(server, 'console', { port: options.port ?? 0 });
  return {
    url,
    attach: (running) => (pipeline = running),
    close: () => closeServer(server),
  };
}

function send(response: ServerResponse, status: number, html: string, type = 'text/html; charset=utf-8'): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(html);
}

function redirect(response: ServerResponse, location: string): void {
  response.writeHead(303, { location });
  response.end();
}

/**
 * Whether a POST comes from the console's own pages. A page elsewhere in the browser could otherwise submit a form
 * to 127.0.0.1 and inject faults or move queues.
 */
function fromConsole(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  return origin === undefined || origin === `http://${request.headers.host}`;
}

async function route(pipeline: LocalPipeline, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://console');
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  request.resume();
  if (request.method === 'POST') {
    if (!fromConsole(request)) return send(response, 403, page('Refused', '<p>Only the console may do this.</p>'));
    return act(pipeline, parts, request, response);
  }
  if (request.method !== 'GET') return send(response, 405, page('Not allowed', '<p>GET or POST only.</p>'));
  const [section, name] = parts;
  switch (section) {
    case undefined:
      return send(response, 200, overviewPage(await overviewData(pipeline)));
    case 'fragments':
      return send(response, 200, countsFragment(await pipelineSnapshot(pipeline)));
    case 'events':
      return name === undefined
        ? listEvents(pipeline, url.searchParams, response)
        : showEvent(pipeline, name, response);
    case 'downstreams':
      return send(response, 200, downstreamsPage(downstreamData(pipeline, name)));
    case 'queues':
      return send(response, 200, queuesPage(await queueData(pipeline)));
    default:
      return send(response, 404, notFoundPage(`Nothing at ${url.pathname}`));
  }
}

async function act(
  pipeline: LocalPipeline,
  parts: readonly string[],
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const back = request.headers.referer ?? '/';
  const [section, first, second, third] = parts;
  if (section === 'downstreams' && second === 'faults' && first !== undefined) {
    const fake = pipeline.downstreams.get(first);
    if (!fake) return send(response, 404, notFoundPage(`No downstream ${first}`));
    if (third === 'clear') fake.clearFaults();
    else if (FAULT_PRESETS.includes(third as FaultPreset))
      fake.setFaults(faultPlanFor(third as FaultPreset, Date.now()));
    else return send(response, 404, notFoundPage(`No fault preset ${third}`));
    return redirect(response, back);
  }
  if (section === 'queues' && first !== undefined && second !== undefined) {
    const queue =
      first === 'dlq' && third === 'redrive'
        ? pipeline.topology.deliveryQueues.get(second)
        : first === 'quarantine' && third === 'replay'
          ? pipeline.topology.ingestQueues.get(second)
          : undefined;
    if (!queue) return send(response, 404, notFoundPage(`No ${first} ${second} to ${third ?? 'act on'}`));
    await moveParkedMessagesBack(pipeline.sqs, queue);
    return redirect(response, back);
  }
  if (section === 'sources' && second === 'sample' && first !== undefined) {
    const sample = demoPayloads(pipeline).find((payload) => payload.source === first);
    const source = pipeline.config.sources.find((candidate) => candidate.name === first);
    if (!sample || !source) return send(response, 404, notFoundPage(`No sample webhook for ${first}`));
    const { status, correlationId } = await postWebhook(
      vendorWebhook(
        source,
        pipeline.webhookUrl(source.name),
        pipeline.topology.signingSecrets.get(source.name)!,
        sample.body,
        {
          eventType: sample.eventType,
        },
      ),
    );
    if (!correlationId) return send(response, 502, page('Not accepted', `<p>The webhook API answered ${status}.</p>`));
    return redirect(response, `/events/${encodeURIComponent(correlationId)}`);
  }
  return send(response, 404, notFoundPage(`No action at /${parts.join('/')}`));
}

async function overviewData(pipeline: LocalPipeline) {
  const samples = new Map(demoPayloads(pipeline).map((payload) => [payload.source, payload.eventType]));
  return {
    snapshot: await pipelineSnapshot(pipeline),
    sources: pipeline.config.sources.map((source) => ({
      name: source.name,
      webhookUrl: pipeline.webhookUrl(source.name),
      ...(samples.has(source.name) ? { sample: samples.get(source.name) || 'a vendor sample' } : {}),
    })),
    downstreams: [...pipeline.downstreams].map(([name, fake]) => ({ name, url: fake.url, faults: fake.faults() })),
  };
}

/** A request as shown: credentials redacted. */
function shown(request: ReceivedRequest): ShownRequest {
  return {
    method: request.method,
    path: request.path,
    ...(request.status === undefined ? {} : { status: request.status }),
    receivedAt: request.receivedAt,
    headers: redactSecrets(request.headers),
    body: request.body,
  };
}

/** The correlation ids a downstream request carries: its header, and each event of a batch. */
function correlationIdsOf(request: ReceivedRequest): string[] {
  const ids: string[] = [];
  const header = request.headers['x-correlation-id'];
  if (typeof header === 'string') ids.push(header);
  const batch = (request.json as { batch?: unknown } | undefined)?.batch;
  if (Array.isArray(batch)) {
    for (const item of batch) {
      const id = (item as { context?: { correlationId?: unknown } } | null)?.context?.correlationId;
      if (typeof id === 'string') ids.push(id);
    }
  }
  return ids;
}

/** Downstream requests by the correlation ids they carry. */
function requestsByCorrelation(
  pipeline: LocalPipeline,
): Map<string, { destination: string; request: ReceivedRequest }[]> {
  const found = new Map<string, { destination: string; request: ReceivedRequest }[]>();
  for (const [destination, fake] of pipeline.downstreams) {
    for (const request of fake.received()) {
      for (const id of new Set(correlationIdsOf(request))) {
        const list = found.get(id) ?? [];
        list.push({ destination, request });
        found.set(id, list);
      }
    }
  }
  return found;
}

function matches(event: EventSummary, filter: EventFilter, bodies: () => string): boolean {
  if (filter.source && event.source !== filter.source) return false;
  if (filter.status && event.status !== filter.status) return false;
  if (filter.type) {
    const type = filter.type.toLowerCase();
    if (![event.vendorType ?? '', ...event.canonicalTypes].some((candidate) => candidate.toLowerCase().includes(type)))
      return false;
  }
  if (filter.q) {
    const text = filter.q.toLowerCase();
    const own = [event.correlationId, event.deliveryId ?? '', ...event.eventIds].join(' ').toLowerCase();
    if (!own.includes(text) && !bodies().toLowerCase().includes(text)) return false;
  }
  return true;
}

function listEvents(pipeline: LocalPipeline, query: URLSearchParams, response: ServerResponse): void {
  const filter: EventFilter = {
    ...(query.get('source') ? { source: query.get('source')! } : {}),
    ...(query.get('type') ? { type: query.get('type')! } : {}),
    ...(query.get('status') ? { status: query.get('status')! } : {}),
    ...(query.get('q') ? { q: query.get('q')!.trim() } : {}),
  };
  const all = pipeline.log.events();
  const requests = filter.q ? requestsByCorrelation(pipeline) : new Map();
  const bodiesOf = (id: string) => () =>
    (requests.get(id) ?? []).map(({ request }: { request: ReceivedRequest }) => request.body).join('\n');
  const shownEvents = all
    .filter((event) => matches(event, filter, bodiesOf(event.correlationId)))
    .slice(0, EVENTS_SHOWN);
  send(
    response,
    200,
    eventsPage(shownEvents, filter, { sources: pipeline.config.sources.map((source) => source.name) }, all.length),
  );
}

function showEvent(pipeline: LocalPipeline, correlationId: string, response: ServerResponse): void {
  const event = pipeline.log.event(correlationId);
  if (!event) return send(response, 404, notFoundPage(`No event with correlation id ${correlationId} in the logs`));
  const received = (requestsByCorrelation(pipeline).get(correlationId) ?? []).map(({ destination, request }) => ({
    destination,
    request: shown(request),
  }));
  send(response, 200, eventPage(event, pipeline.log.timeline(correlationId), received));
}

function downstreamData(pipeline: LocalPipeline, only: string | undefined) {
  return [...pipeline.downstreams]
    .filter(([name]) => only === undefined || name === only)
    .map(([name, fake]) => {
      const received = fake.received();
      return {
        name,
        faults: fake.faults(),
        total: received.length,
        requests: received.slice(-REQUESTS_SHOWN).reverse().map(shown),
      };
    });
}

async function queueData(pipeline: LocalPipeline) {
  const { sqs, topology } = pipeline;
  const parked = [
    ...[...topology.deliveryQueues].map(([name, queue]) => ({ kind: 'dlq' as const, name, queue })),
    ...[...topology.ingestQueues].map(([name, queue]) => ({ kind: 'quarantine' as const, name, queue })),
  ];
  return Promise.all(
    parked.map(async ({ kind, name, queue }) => {
      const count = await depth(sqs, queue.deadLetter.url);
      return { kind, name, depth: count, messages: count > 0 ? await peekMessages(sqs, queue.deadLetter.url) : [] };
    }),
  );
}
