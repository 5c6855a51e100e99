import type { CircuitPolicy } from './circuit-state';

/** The settings a shared circuit breaker is built from; everything but the threshold and cooldown has a default. */
export interface CircuitOptions {
  readonly tableName: string;
  readonly destination: string;
  readonly failureThreshold: number;
  readonly cooldownMs: number;
  readonly maxCooldownMs?: number;
  readonly probeLeaseMs?: number;
  readonly cacheMs?: number;
}

/** A failed probe doubles the cooldown up to ten minutes, unless the first cooldown is longer still. */
const DEFAULT_MAX_COOLDOWN_MS = 600_000;
/** Long enough for a probe with its in-invocation retries; a lapsed claim lets another instance probe. */
const DEFAULT_PROBE_LEASE_MS = 30_000;

/** Checks the settings at cold start, naming the one that is wrong, and fills in the defaults. */
export function validateCircuitOptions(options: CircuitOptions): CircuitPolicy {
  if (!options.tableName) throw new RangeError('tableName must name the state table');
  if (!options.destination) throw new RangeError('destination must name the destination');
  const { failureThreshold, cooldownMs } = options;
  if (!Number.isInteger(failureThreshold) || failureThreshold < 1) {
    throw new RangeError(`failureThreshold must be a whole number >= 1, got ${failureThreshold}`);
  }
  requirePositive(cooldownMs, 'cooldownMs');
  const maxCooldownMs = options.maxCooldownMs ?? Math.max(cooldownMs, DEFAULT_MAX_COOLDOWN_MS);
  requirePositive(maxCooldownMs, 'maxCooldownMs');
  if (maxCooldownMs < cooldownMs) {
    throw new RangeError(`maxCooldownMs must be >= cooldownMs (${cooldownMs}), got ${maxCooldownMs}`);
  }
  const probeLeaseMs = options.probeLeaseMs ?? DEFAULT_PROBE_LEASE_MS;
  requirePositive(probeLeaseMs, 'probeLeaseMs');
  if (options.cacheMs !== undefined && !(Number.isFinite(options.cacheMs) && options.cacheMs >= 0)) {
    throw new RangeError(`cacheMs must be a finite number >= 0, got ${options.cacheMs}`);
  }
  return { failureThreshold, cooldownMs, maxCooldownMs, probeLeaseMs };
}

function requirePositive(value: number, name: string): void {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a finite number > 0, got ${value}`);
}
