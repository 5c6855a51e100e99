/**
 * A fake downstream system (CRM, ERP, analytics, 3PL, storefront) as a real HTTP server on the loopback interface. It
 * records what it receives, answers `{ ok: true, id }` like a system that accepted a record, and misbehaves on demand
 * so connectors can be tested against outages, rate limits, hung requests and rejected payloads.
 */
import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { answerControl, isControlPath, type ControlTarget } from './control-api';
import { DownstreamAuthenticator, type DownstreamAuth } from './downstream-auth';
import { FaultInjector, type FaultDecision } from './fault-injector';
import { InvalidFaultPlanError, parseFaultPlan, type FaultPlan } from './fault-plan';
import { closeServer, listenOnLoopback, type ListenOptions } from '../http/loopback-server';
import { parseJsonBody, readRequestBody } from '../http/request-body';
import { seededRandom } from './seeded-random';
import type { DownstreamApi } from './shipbob-orders';
import { TrafficLog, type ReceivedRequest, type StateKeyExtractor } from './traffic-log';

/** How to start a fake downstream. */
export interface FakeDownstreamOptions extends ListenOptions {
  /** The system it stands for, e.g. `crm`; answer ids and the control summary carry it. */
  readonly name: string;
  /** Seed for injected randomness; every fault plan starts drawing from it afresh. 1 when absent. */
  readonly seed?: number;
  /** Credentials every API request must carry; none when absent. */
  readonly auth?: DownstreamAuth;
  /** Key under which the last accepted body is kept, e.g. the SKU of a stock level. */
  readonly keyOf?: StateKeyExtractor;
  /** Clock in epoch milliseconds, for tests that move time through outages, rate limits and token expiry. */
  readonly now?: () => number;
  /** The vendor API it serves with state of its own (the 3PL's orders); others answer `{ ok: true, id }` to all. */
  readonly api?: DownstreamApi;
}

/** A running fake downstream. */
export interface FakeDownstream {
  readonly name: string;
  /** Base URL, e.g. `http://127.0.0.1:49152`. */
  readonly url: string;
  /** Every API request in arrival order (token and control requests excluded). */
  received(): readonly ReceivedRequest[];
  /** The API requests answered 2xx. */
  accepted(): readonly ReceivedRequest[];
  /** Requests to the OAuth2 token endpoint. */
  tokenRequests(): readonly ReceivedRequest[];
  /** Last accepted body per `keyOf` key, and what its `api` holds by subject. */
  state(): ReadonlyMap<string, unknown>;
  /** The vendor API it serves, when it has state of its own. */
  readonly api?: DownstreamApi;
  /** The fault plan in force. */
  faults(): FaultPlan;
  /** Replaces the fault plan; throws InvalidFaultPlanError for an invalid one. */
  setFaults(faults: FaultPlan): void;
  clearFaults(): void;
  /** Forgets traffic and state and clears faults; issued tokens stay valid. */
  reset(): void;
  /** Frees the port and drops open connections, including hung requests. */
  close(): Promise<void>;
}

const send = (response: ServerResponse, status: number, headers: Record<string, string>, body: unknown): void => {
  const payload = body === undefined ? '' : JSON.stringify(body);
  response.writeHead(status, body === undefined ? headers : { ...headers, 'content-type': 'application/json' });
  response.end(payload);
};

/** Starts a fake downstream; a port already in use rejects with PortInUseError. */
export const startFakeDownstream = async (options: FakeDownstreamOptions): Promise<FakeDownstream> => {
  const { name } = options;
  const now = options.now ?? Date.now;
  const seed = options.seed ?? 1;
  const traffic = new TrafficLog(options.keyOf);
  const tokenTraffic = new TrafficLog();
  const authenticator = new DownstreamAuthenticator(options.auth, now);
  const closing = new AbortController();
  // Every request held back by a latency fault listens for the close; hundreds at once are expected, not a leak.
  setMaxListeners(0, closing.signal);
  let injector = new FaultInjector({}, seededRandom(seed), now());
  let lastId = 0;
  /**
   * Idempotency-Keys already written. Like Stripe's API, a request repeating one is answered 200 with
   * `Idempotent-Replayed: true` and writes nothing again: a send the connector gave up on (a timeout) that landed
   * anyway is then not written twice by its retry.
   */
  const appliedKeys = new Set<string>();

  const setFaults = (faults: FaultPlan): void => {
    const parsed = parseFaultPlan(faults);
    if (!parsed.ok) throw new InvalidFaultPlanError(parsed.message);
    injector = new FaultInjector(parsed.plan, seededRandom(seed), now());
  };
  const clearFaults = (): void => setFaults({});
  const control: ControlTarget = {
    name,
    summary: () => traffic.summary(),
    faults: () => injector.plan,
    setFaults,
    clearFaults,
    reset: () => {
      traffic.clear();
      options.api?.reset();
      appliedKeys.clear();
      tokenTraffic.clear();
      clearFaults();
    },
  };

  const answerApi = (
    decision: FaultDecision,
    request: IncomingMessage,
    json: unknown,
  ): [number, Record<string, string>, unknown] => {
    if (decision.kind === 'fail') {
      const retryAfter = decision.retryAfterSeconds;
      const headers: Record<string, string> = retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) };
      return [decision.status, headers, { ok: false, reason: decision.reason }];
    }
    const refused = authenticator.refuse(request.headers);
    if (refused) return [refused.status, refused.headers, refused.body];
    if (decision.kind === 'pass' && decision.status)
      return [decision.status, {}, { ok: true, id: `${name}-${++lastId}` }];
    const served = options.api?.answer(request.method ?? 'GET', request.url ?? '/', json);
    if (served) return [served.status, {}, served.body];
    lastId += 1;
    return [request.method === 'POST' ? 201 : 200, {}, { ok: true, id: `${name}-${lastId}` }];
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const method = request.method ?? 'GET';
    const path = request.url ?? '/';
    const body = await readRequestBody(request);
    if (!body.ok) return send(response, 413, {}, { ok: false, reason: 'payload too large' });
    if (isControlPath(path)) {
      const answer = answerControl(control, method, path, body.text);
      return send(response, answer.status, {}, answer.body);
    }
    const arrival = { method, path, headers: request.headers, body: body.text, json: parseJsonBody(body.text) };
    if (authenticator.isTokenRequest(method, path)) {
      const handle = tokenTraffic.arrived({ ...arrival, receivedAt: now() });
      const answer = authenticator.issueToken(body.text, request.headers);
      send(response, answer.status, answer.headers, answer.body);
      return tokenTraffic.answered(handle, answer.status);
    }
    const receivedAt = now();
    const handle = traffic.arrived({ ...arrival, receivedAt });
    const current = injector;
    const decision = current.decide(receivedAt);
    if (decision.kind === 'hang') return;
    if (current.latencyMs > 0) await delay(current.latencyMs, undefined, { signal: closing.signal });
    const [status, headers, answerBody] = answerApi(decision, request, arrival.json);
    const key = request.headers['idempotency-key'];
    const idempotencyKey = typeof key === 'string' ? key : undefined;
    if (idempotencyKey !== undefined && status >= 200 && status < 300 && appliedKeys.has(idempotencyKey)) {
      send(response, 200, { 'idempotent-replayed': 'true' }, { ok: true, replayed: true });
      return traffic.answered(handle, 200, true);
    }
    send(response, status, headers, answerBody);
    traffic.answered(handle, status);
    if (idempotencyKey !== undefined && status >= 200 && status < 300) appliedKeys.add(idempotencyKey);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (closing.signal.aborted) return;
      if (response.headersSent) response.destroy();
      else send(response, 500, {}, { ok: false, reason: `fake downstream failed: ${String(error)}` });
    });
  });
  const url = await listenOnLoopback(server, `Fake downstream ${name}`, options);

  return {
    name,
    url,
    received: () => traffic.received(),
    accepted: () => traffic.accepted(),
    tokenRequests: () => tokenTraffic.received(),
    state: () => (options.api ? new Map([...traffic.state(), ...options.api.state()]) : traffic.state()),
    ...(options.api ? { api: options.api } : {}),
    faults: control.faults,
    setFaults,
    clearFaults,
    reset: control.reset,
    close: async () => {
      closing.abort();
      await closeServer(server);
    },
  };
};
