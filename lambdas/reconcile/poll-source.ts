import type { ReconciliationConfig } from '../../config/schema';
import { sourceEventTypes } from '../shared/source-event-types';
import { LIST_API_PROTOCOLS } from './list-apis';
import { pollStream, type PollLog, type PollPorts, type StreamPoll } from './poll-stream';

/** One stream whose poll stopped on a failure; its cursor holds the page to resume at. */
export interface FailedStream {
  readonly stream: string;
  readonly error: unknown;
}

/** What polling a source did: each stream's poll, and the streams that failed. */
export interface SourcePoll {
  readonly polled: readonly StreamPoll[];
  readonly failed: readonly FailedStream[];
}

/**
 * Polls each of a source's streams in turn; a stream that fails does not keep the others from being polled.
 * Streams run one after another so the source's list API sees the source's rate, not a multiple of it.
 */
export async function pollSource(
  source: string,
  reconciliation: ReconciliationConfig,
  ports: PollPorts,
  log: PollLog,
): Promise<SourcePoll> {
  const protocol = LIST_API_PROTOCOLS[reconciliation.api];
  const polled: StreamPoll[] = [];
  const failed: FailedStream[] = [];
  for (const [name, stream] of Object.entries(reconciliation.streams)) {
    try {
      const poll = await pollStream(
        source,
        {
          name,
          baseUrl: reconciliation.baseUrl,
          path: stream.path,
          query: stream.query,
          pageSize: reconciliation.pageSize,
          eventTypes: sourceEventTypes(source),
          ...(stream.eventType !== undefined ? { eventType: stream.eventType } : {}),
        },
        protocol,
        reconciliation,
        ports,
        log,
      );
      polled.push(poll);
    } catch (error) {
      failed.push({ stream: name, error });
    }
  }
  return { polled, failed };
}
