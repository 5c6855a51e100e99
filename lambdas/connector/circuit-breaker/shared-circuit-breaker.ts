import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { putIfUnchanged } from '../versioned-put';
import { randomUUID } from 'node:crypto';
import { circuitFromItem, circuitItem, circuitKey, type VersionedCircuit } from './circuit-record';
import {
  admit,
  afterFailure,
  afterSuccess,
  releaseProbe,
  type CircuitPolicy,
  type CircuitState,
  type CircuitStateName,
} from './circuit-state';
import { validateCircuitOptions } from './circuit-options';

/** What the caller gets to know before a send: go (perhaps as the probe), or come back later. */
export type CircuitAdmission =
  { readonly allowed: true; readonly probe: boolean } | { readonly allowed: false; readonly retryAfterMs: number };

/** An admission that let a send through; its outcome is recorded with it, so a probe's outcome is told apart. */
export type CircuitPass = Extract<CircuitAdmission, { allowed: true }>;

/** One destination's circuit breaker, its state shared by every concurrent Lambda instance. */
export interface SharedCircuitBreaker {
  beforeSend(): Promise<CircuitAdmission>;
  recordSuccess(pass: CircuitPass): Promise<void>;
  recordFailure(pass: CircuitPass): Promise<void>;
  /** The send was not made after all (no rate token, a duplicate): a probe's claim is handed back at once. */
  abandon(pass: CircuitPass): Promise<void>;
  /** The state last seen, without a call: for the circuit state metric and logs. */
  state(): CircuitStateName;
}

/** Options of a shared circuit breaker; the client is the caller's, so its lifetime is too. */
export interface SharedCircuitBreakerOptions extends Partial<Omit<CircuitPolicy, 'failureThreshold' | 'cooldownMs'>> {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  readonly destination: string;
  readonly failureThreshold: number;
  readonly cooldownMs: number;
  /** How long a closed state read is trusted before it is read again. */
  readonly cacheMs?: number;
  readonly now?: () => number;
  readonly newProbeId?: () => string;
}

/** The state table could not be read or written; the record fails and SQS tries it again later. */
export class CircuitStateUnavailableError extends Error {
  override readonly name = 'CircuitStateUnavailableError';
}

/** Attempts at a write that keeps losing to other instances before the caller is told to come back. */
const MAX_CONFLICTS = 5;

/**
 * A circuit breaker per destination kept in the state table (pk `circuit#<destination>`, sk `state`). It opens
 * after `failureThreshold` consecutive failures, refuses sends for a cooldown, then lets exactly one probe through,
 * claimed with a conditional write so two instances never both probe; the probe's success closes it, its failure
 * re-opens it with a doubled cooldown.
 *
 * On the happy path it costs one read per `cacheMs` per instance and no write: a closed state is trusted for
 * `cacheMs`, an open one until its cooldown ends. The price is that an instance learns of a change made elsewhere
 * up to `cacheMs` late, and that a success resets the shared failure count only once the instance has seen it
 * above zero, so "consecutive" holds across instances to within that window.
 */
export function createSharedCircuitBreaker(options: SharedCircuitBreakerOptions): SharedCircuitBreaker {
  const { client, tableName, destination } = options;
  const policy = validateCircuitOptions(options);
  const cacheMs = options.cacheMs ?? 1_000;
  const now = options.now ?? Date.now;
  const newProbeId = options.newProbeId ?? randomUUID;
  let known: (VersionedCircuit & { readonly trustedUntilMs: number }) | undefined;
  /** Probe ids by the pass that carries them, so only the probe's own outcome can close or re-open the circuit. */
  const probes = new WeakMap<CircuitPass, string>();

  const remember = (circuit: VersionedCircuit, readAtMs: number): VersionedCircuit => {
    const { state } = circuit;
    const trustedUntilMs =
      state.kind === 'open'
        ? Math.max(state.openUntilMs, readAtMs)
        : readAtMs + (state.kind === 'half-open' ? Math.min(cacheMs, state.probeUntilMs - readAtMs) : cacheMs);
    known = { ...circuit, trustedUntilMs };
    return circuit;
  };

  const load = async (): Promise<VersionedCircuit> => {
    const answer = await client
      .send(new GetItemCommand({ TableName: tableName, Key: circuitKey(destination), ConsistentRead: true }))
      .catch((error: unknown) => {
        throw new CircuitStateUnavailableError(`cannot read the circuit of ${destination}`, { cause: error });
      });
    return remember(circuitFromItem(answer.Item), now());
  };

  /** Writes `next` over `read`; false when another instance wrote first. */
  const write = async (read: VersionedCircuit, next: CircuitState): Promise<boolean> => {
    const version = read.version + 1;
    let written: boolean;
    try {
      written = await putIfUnchanged(client, tableName, circuitItem(destination, next, version, now()), read.version);
    } catch (error) {
      throw new CircuitStateUnavailableError(`cannot write the circuit of ${destination}`, { cause: error });
    }
    if (!written) return false;
    remember({ state: next, version }, now());
    return true;
  };

  /** Applies a transition to the newest state, retrying when another instance wrote first. */
  const apply = async (transition: (state: CircuitState) => CircuitState): Promise<void> => {
    let read: VersionedCircuit = known ?? (await load());
    for (let conflicts = 0; conflicts < MAX_CONFLICTS; conflicts += 1) {
      const next = transition(read.state);
      if (next === read.state || (await write(read, next))) return;
      read = await load();
    }
  };

  /** Outcomes of one instance's parallel sends are recorded one after another, so they never conflict with each other. */
  let recording: Promise<void> = Promise.resolve();
  const record = (transition: (state: CircuitState) => CircuitState): Promise<void> => {
    const applied = recording.then(() => apply(transition));
    recording = applied.catch(() => undefined);
    return applied;
  };

  return {
    async beforeSend() {
      let read: VersionedCircuit = known && now() < known.trustedUntilMs ? known : await load();
      for (let conflicts = 0; conflicts < MAX_CONFLICTS; conflicts += 1) {
        const probeId = newProbeId();
        const decision = admit(read.state, policy, now(), probeId);
        if (!decision.allowed || !decision.probe) return decision;
        if (await write(read, decision.next)) {
          const pass: CircuitPass = { allowed: true, probe: true };
          probes.set(pass, probeId);
          return pass;
        }
        read = await load();
      }
      return { allowed: false, retryAfterMs: Math.max(1, cacheMs) };
    },
    async recordSuccess(pass) {
      const probeId = probes.get(pass);
      await record((state) => afterSuccess(state, probeId));
    },
    async recordFailure(pass) {
      const probeId = probes.get(pass);
      await record((state) => afterFailure(state, policy, now(), probeId));
    },
    async abandon(pass) {
      const probeId = probes.get(pass);
      if (probeId !== undefined) await record((state) => releaseProbe(state, now(), probeId));
    },
    state: () => known?.state.kind ?? 'closed',
  };
}
