import type { CanonicalEventType } from '../../schemas';
import type { IngestMessage } from '../shared/claim-check-store';
import { toMessageAttributes, type EventAttributes } from '../shared/message-attributes';
import type { OutgoingMessage } from '../shared/queue-writer';
import type { KnownVersions } from './canonical-state';
import type { CursorStore } from './cursor-store';
import type { ListApiProtocol, ListedRecord, ListRequest, ListStream, ListWindow } from './list-apis';
import { ListApiError } from './list-client';
import { missedChanges, type ReconciledRecord } from './missed-changes';
import { cursorAfterPage, planPoll, type PollTiming } from './poll-cursor';
import { reconciledMessage } from './reconciled-message';

/** The I/O a poll needs, each a thin adapter: the list API, the cursor, the canonical state and the ingest queue. */
export interface PollPorts {
  readonly readPage: (
    request: ListRequest,
    correlationId: string,
  ) => Promise<{ headers: Readonly<Record<string, string>>; body: string }>;
  readonly cursors: CursorStore;
  readonly reconcile: (
    record: ListedRecord,
    context: { correlationId: string; nowMs: number },
  ) => Promise<ReconciledRecord>;
  readonly knownVersions: KnownVersions;
  /** Sends to the source's ingest queue; returns the keys of messages not sent. */
  readonly enqueue: (messages: readonly OutgoingMessage[]) => Promise<Set<string>>;
  /** Makes a record's body fit a queue message: itself, or a claim check for one too large (claimCheckWriter). */
  readonly checkIn: (body: string, attributes: EventAttributes) => Promise<IngestMessage>;
  readonly now: () => number;
  readonly newId: () => string;
  /** Whether the invocation has time left for another page. */
  readonly hasTimeForPage: () => boolean;
  /** Counts a page's missed changes once they are queued, so a poll that fails later still counts them. */
  readonly countMissed: (missedByType: ReadonlyMap<CanonicalEventType, number>) => void;
}

/** Where a poll writes its lines: the function's logger. */
export interface PollLog {
  info(message: string, fields: Record<string, unknown>): void;
  warn(message: string, fields: Record<string, unknown>): void;
}

/** What one poll of a stream did, for the log line and the metrics. */
export interface StreamPoll {
  readonly stream: string;
  readonly window?: ListWindow;
  readonly pages: number;
  readonly listed: number;
  readonly sent: number;
  readonly unmapped: number;
  readonly missedByType: ReadonlyMap<CanonicalEventType, number>;
  /** False when time ran out with pages left (the cursor holds the next one) or the poll was overtaken. */
  readonly finished: boolean;
  /** Another poll of the stream, overlapping this one, moved the cursor first; this one stopped. */
  readonly overtaken?: boolean;
}

/** A page whose records could not all be put on the ingest queue: the cursor stays before it. */
export class EnqueueError extends Error {
  override readonly name = 'EnqueueError';
}

/** A page the list API answered in a shape its parser does not know: the vendor changed its list format. */
export class ListPageError extends Error {
  override readonly name = 'ListPageError';
}

/** Answers to a resumed page token that mean the token is no longer valid (Shopify's page_info expires). */
const STALE_TOKEN_STATUS = new Set([400, 404, 410, 422]);

/**
 * Polls one stream: pages through the changes in its window from the stored cursor, compares each page with the
 * canonical state, puts only what the pipeline has not seen on the ingest queue, and moves the cursor past a page
 * only once its records are queued. A failure anywhere stops the poll with the cursor before the failed page.
 */
export async function pollStream(
  source: string,
  stream: ListStream,
  protocol: ListApiProtocol,
  timing: PollTiming,
  ports: PollPorts,
  logger: PollLog,
): Promise<StreamPoll> {
  const stored = await ports.cursors.read(stream.name);
  let revision = stored.revision;
  const plan = planPoll(stored.cursor, ports.now(), timing);
  const missedByType = new Map<CanonicalEventType, number>();
  const result = { stream: stream.name, pages: 0, listed: 0, sent: 0, unmapped: 0, missedByType };
  if (plan === undefined) return { ...result, finished: true };
  const { window } = plan;
  let next = plan.next;
  while (true) {
    const correlationId = ports.newId();
    const resumed = result.pages === 0 && plan.next !== undefined;
    const answer = await readPage(stream, protocol, window, next, resumed, correlationId, ports, logger);
    const page = protocol.parsePage(stream, answer);
    if (!page.ok) throw new ListPageError(`${stream.name} page does not read: ${page.error}`);

    const reconciled: ReconciledRecord[] = [];
    for (const record of page.records) {
      reconciled.push(await ports.reconcile(record, { correlationId: ports.newId(), nowMs: ports.now() }));
    }
    const keys = reconciled.flatMap((entry) => entry.entities?.map((entity) => entity.key) ?? []);
    const decision = missedChanges(reconciled, keys.length > 0 ? await ports.knownVersions(keys) : new Map());
    const messages: OutgoingMessage[] = [];
    for (const [index, entry] of decision.send.entries()) {
      const message = reconciledMessage(source, stream.name, entry.record, {
        correlationId: ports.newId(),
        nowMs: ports.now(),
      });
      const fields = {
        stream: stream.name,
        correlationId: message.attributes.correlationId,
        deliveryId: message.attributes.deliveryId,
        eventType: entry.record.eventType,
        vendorId: entry.record.id,
        changedAt: entry.record.changedAt,
      };
      if (entry.entities === undefined) {
        logger.warn('listed record does not map; sent for the transform to quarantine', {
          ...fields,
          reason: entry.unmapped,
        });
      } else {
        logger.info('missed change sent to the pipeline', {
          ...fields,
          entities: entry.entities.map((entity) => entity.key),
        });
      }
      const fitted = await ports.checkIn(message.body, message.attributes);
      messages.push({
        key: String(index),
        body: fitted.body,
        attributes: { ...toMessageAttributes(message.attributes), ...fitted.attribute },
      });
    }
    if (messages.length > 0) {
      const failed = await ports.enqueue(messages);
      if (failed.size > 0)
        throw new EnqueueError(`${failed.size} of ${messages.length} ${stream.name} records not queued`);
    }
    const missed = [...decision.missedByType.values()].reduce((sum, count) => sum + count, 0);
    // Another poll of the stream moved the cursor meanwhile: it reads on from there and counts what it finds, so
    // this one stops without counting the page (whose records, queued again, are duplicates the pipeline absorbs).
    if (!(await ports.cursors.write(stream.name, cursorAfterPage(window, page.next), missed, revision))) {
      return { ...result, window, finished: false, overtaken: true };
    }
    revision += 1;
    if (missed > 0) ports.countMissed(decision.missedByType);

    result.pages += 1;
    result.listed += page.records.length;
    result.sent += messages.length;
    result.unmapped += decision.send.filter((entry) => entry.entities === undefined).length;
    for (const [type, count] of decision.missedByType) missedByType.set(type, (missedByType.get(type) ?? 0) + count);
    next = page.next;
    if (next === undefined) return { ...result, window, finished: true };
    if (!ports.hasTimeForPage()) return { ...result, window, finished: false };
  }
}

/**
 * Reads one page. A token stored by an earlier poll that the API no longer accepts restarts the window from its
 * first page: records read again are known by then and not re-sent.
 */
async function readPage(
  stream: ListStream,
  protocol: ListApiProtocol,
  window: ListWindow,
  next: string | undefined,
  resumed: boolean,
  correlationId: string,
  ports: PollPorts,
  logger: PollLog,
) {
  if (next === undefined) return ports.readPage(protocol.firstRequest(stream, window), correlationId);
  try {
    return await ports.readPage(protocol.nextRequest(stream, window, next), correlationId);
  } catch (error) {
    if (!resumed || !(error instanceof ListApiError) || !STALE_TOKEN_STATUS.has(error.status ?? 0)) throw error;
    logger.warn('page token refused; window restarted', { stream: stream.name, correlationId, status: error.status });
    return ports.readPage(protocol.firstRequest(stream, window), correlationId);
  }
}
