/**
 * What a fake downstream received and how it answered, so tests can assert on deliveries: every request, the ones it
 * accepted, and the latest accepted body per key (a storefront's final stock level per SKU, for instance).
 */
import type { IncomingHttpHeaders } from 'node:http';

/** One request as the downstream saw it. */
export interface ReceivedRequest {
  readonly method: string;
  /** Path with query string, as sent. */
  readonly path: string;
  readonly headers: Readonly<IncomingHttpHeaders>;
  /** The body as text. */
  readonly body: string;
  /** The body parsed as JSON, when it is JSON. */
  readonly json?: unknown;
  /** Epoch milliseconds of arrival. */
  readonly receivedAt: number;
  /** Status answered; absent while the request is still unanswered (latency, or a hung request). */
  readonly status?: number;
  /** Answered from an earlier request with the same Idempotency-Key, so nothing was written again. */
  readonly replayed?: boolean;
  /** Epoch milliseconds of the answer: the order in which writes took effect, which latency can make unlike arrival. */
  readonly answeredAt?: number;
}

/** Picks the key under which an accepted body is kept as state, or undefined to keep nothing. */
export type StateKeyExtractor = (body: unknown) => string | undefined;

/** One request as shown to people (control API, console): secret-bearing headers replaced by `[redacted]`. */
export interface ShownRequest {
  readonly method: string;
  readonly path: string;
  readonly status?: number;
  readonly receivedAt: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A view of the traffic, for the control API and for people watching local mode. */
export interface TrafficSummary {
  readonly received: number;
  readonly accepted: number;
  readonly byStatus: Record<string, number>;
  readonly requests: readonly ShownRequest[];
}

/** Headers that carry credentials: bearer tokens, API keys, cookies, signatures. */
const SECRET_HEADER = /authorization|cookie|api[-_]?key|token|secret|password|signature/i;

/** Headers as a person may see them: every value kept except credentials, multi-valued ones joined. */
export function redactSecrets(headers: Readonly<IncomingHttpHeaders>): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    shown[name] = SECRET_HEADER.test(name) ? '[redacted]' : Array.isArray(value) ? value.join(', ') : value;
  }
  return shown;
}

type Entry = { -readonly [K in keyof ReceivedRequest]: ReceivedRequest[K] };

/** Ties an answer to its request, and to the log generation it arrived in so an answer after clear() changes nothing. */
export interface RequestHandle {
  readonly entry: Entry;
  readonly generation: number;
}

const isSuccess = (status: number | undefined): boolean => status !== undefined && status >= 200 && status < 300;

/** Records requests in arrival order and answers queries over them; callers get copies, never the live entries. */
export class TrafficLog {
  private entries: Entry[] = [];
  private readonly latest = new Map<string, unknown>();
  private generation = 0;

  constructor(private readonly keyOf?: StateKeyExtractor) {}

  /** Records an arriving request; the returned handle is passed to `answered` once a status is sent. */
  arrived(request: Omit<ReceivedRequest, 'status'>): RequestHandle {
    const entry: Entry = { ...request };
    this.entries.push(entry);
    return { entry, generation: this.generation };
  }

  /** Notes the status sent for a request; a 2xx answer that is not a replay also updates the keyed state. */
  answered({ entry, generation }: RequestHandle, status: number, replayed = false): void {
    entry.status = status;
    entry.answeredAt = Date.now();
    if (replayed) entry.replayed = true;
    if (replayed || !isSuccess(status) || !this.keyOf || generation !== this.generation) return;
    const body = entry.json ?? entry.body;
    const key = this.keyOf(body);
    if (key !== undefined) this.latest.set(key, body);
  }

  received(): readonly ReceivedRequest[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  /** The requests answered 2xx that wrote something: replays of an Idempotency-Key already applied are left out. */
  accepted(): readonly ReceivedRequest[] {
    return this.received().filter((entry) => isSuccess(entry.status) && !entry.replayed);
  }

  /** The last accepted body per key, in the order keys were first seen. */
  state(): ReadonlyMap<string, unknown> {
    return new Map(this.latest);
  }

  summary(): TrafficSummary {
    const byStatus: Record<string, number> = {};
    for (const { status } of this.entries) {
      const label = status === undefined ? 'pending' : String(status);
      byStatus[label] = (byStatus[label] ?? 0) + 1;
    }
    return {
      received: this.entries.length,
      accepted: this.entries.filter((entry) => isSuccess(entry.status)).length,
      byStatus,
      requests: this.entries.map(({ method, path, status, receivedAt, headers, body }) => ({
        method,
        path,
        ...(status === undefined ? {} : { status }),
        receivedAt,
        headers: redactSecrets(headers),
        body,
      })),
    };
  }

  clear(): void {
    this.entries = [];
    this.latest.clear();
    this.generation += 1;
  }
}
