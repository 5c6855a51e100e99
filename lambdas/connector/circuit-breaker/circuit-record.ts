import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { CLOSED_CIRCUIT, type CircuitState } from './circuit-state';

/** A circuit state as read, with the version its next write must still find. */
export interface VersionedCircuit {
  readonly state: CircuitState;
  /** 0 when no item exists yet. */
  readonly version: number;
}

/** A state item nobody else writes; kept a month after its last change, then left to DynamoDB's TTL. */
const RETENTION_SECONDS = 30 * 24 * 60 * 60;

/** The circuit's key in the shared state table. */
export function circuitKey(destination: string): Record<string, AttributeValue> {
  return { pk: { S: `circuit#${destination}` }, sk: { S: 'state' } };
}

/** The item that stores `state` as `version`. */
export function circuitItem(
  destination: string,
  state: CircuitState,
  version: number,
  nowMs: number,
): Record<string, AttributeValue> {
  const item: Record<string, AttributeValue> = {
    ...circuitKey(destination),
    state: { S: state.kind },
    version: { N: String(version) },
    expiresAt: { N: String(Math.floor(nowMs / 1000) + RETENTION_SECONDS) },
  };
  switch (state.kind) {
    case 'closed':
      return { ...item, failures: { N: String(state.failures) } };
    case 'open':
      return { ...item, openUntil: { N: String(state.openUntilMs) }, cooldownMs: { N: String(state.cooldownMs) } };
    case 'half-open':
      return {
        ...item,
        probeId: { S: state.probeId },
        probeUntil: { N: String(state.probeUntilMs) },
        cooldownMs: { N: String(state.cooldownMs) },
      };
  }
}

/** The state an item holds; no item is a closed circuit at version 0. Throws on an item that is not a circuit. */
export function circuitFromItem(item: Record<string, AttributeValue> | undefined): VersionedCircuit {
  if (item === undefined) return { state: CLOSED_CIRCUIT, version: 0 };
  const version = numberOf(item, 'version');
  const kind = item.state?.S;
  switch (kind) {
    case 'closed':
      return { version, state: { kind, failures: numberOf(item, 'failures') } };
    case 'open':
      return {
        version,
        state: { kind, openUntilMs: numberOf(item, 'openUntil'), cooldownMs: numberOf(item, 'cooldownMs') },
      };
    case 'half-open': {
      const probeId = item.probeId?.S;
      if (!probeId) throw new MalformedCircuitItemError('probeId is missing');
      const probeUntilMs = numberOf(item, 'probeUntil');
      return { version, state: { kind, probeId, probeUntilMs, cooldownMs: numberOf(item, 'cooldownMs') } };
    }
    default:
      throw new MalformedCircuitItemError(`state is ${JSON.stringify(kind ?? null)}`);
  }
}

/** A circuit item that cannot be read as a circuit: deleting it resets the circuit to closed. */
export class MalformedCircuitItemError extends Error {
  override readonly name = 'MalformedCircuitItemError';
  constructor(detail: string) {
    super(`circuit state item is malformed (${detail}); delete it to reset the circuit`);
  }
}

function numberOf(item: Record<string, AttributeValue>, name: string): number {
  const value = Number(item[name]?.N);
  if (item[name]?.N === undefined || !Number.isFinite(value)) {
    throw new MalformedCircuitItemError(`${name} is not a number`);
  }
  return value;
}
