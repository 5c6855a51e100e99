/**
 * The circuit breaker of one destination as pure transitions: the adapter reads the shared state, applies one of
 * these and writes the result back only if nobody changed it meanwhile. A transition that changes nothing returns
 * the very state it was given, so the adapter can skip the write by comparing references.
 */

/** A circuit as stored: closed counts consecutive failures; half-open names the one send allowed through as a probe. */
export type CircuitState =
  | { readonly kind: 'closed'; readonly failures: number }
  | { readonly kind: 'open'; readonly openUntilMs: number; readonly cooldownMs: number }
  | {
      readonly kind: 'half-open';
      readonly probeId: string;
      /** The probe's claim lapses then, so a sender that died mid-probe cannot hold the circuit half-open. */
      readonly probeUntilMs: number;
      readonly cooldownMs: number;
    };

/** The name of a circuit state, as logged and published in the circuit state metric. */
export type CircuitStateName = CircuitState['kind'];

/** When a circuit opens and how long it stays open. */
export interface CircuitPolicy {
  /** Consecutive failures that open a closed circuit. */
  readonly failureThreshold: number;
  /** The first cooldown after opening; each failed probe doubles it. */
  readonly cooldownMs: number;
  readonly maxCooldownMs: number;
  /** How long a probe's claim holds before another sender may probe instead. */
  readonly probeLeaseMs: number;
}

/** A destination nobody has recorded anything about yet. */
export const CLOSED_CIRCUIT: CircuitState = { kind: 'closed', failures: 0 };

/** Whether a send may go now; a probe claim comes with the state that records it. */
export type CircuitDecision =
  | { readonly allowed: true; readonly probe: false }
  | { readonly allowed: true; readonly probe: true; readonly next: CircuitState }
  | { readonly allowed: false; readonly retryAfterMs: number };

/**
 * Closed lets everything through. Open refuses until its cooldown is over, then lets one send through as a probe
 * (claimed as `probeId`); half-open refuses everyone else until the probe's claim lapses.
 */
export function admit(state: CircuitState, policy: CircuitPolicy, nowMs: number, probeId: string): CircuitDecision {
  switch (state.kind) {
    case 'closed':
      return { allowed: true, probe: false };
    case 'open':
      if (nowMs < state.openUntilMs) return { allowed: false, retryAfterMs: state.openUntilMs - nowMs };
      return { allowed: true, probe: true, next: claimProbe(state.cooldownMs, policy, nowMs, probeId) };
    case 'half-open':
      if (nowMs < state.probeUntilMs) return { allowed: false, retryAfterMs: state.probeUntilMs - nowMs };
      return { allowed: true, probe: true, next: claimProbe(state.cooldownMs, policy, nowMs, probeId) };
  }
}

/**
 * A failed send: counts toward opening a closed circuit; a failed probe re-opens it with twice the cooldown.
 * Failures of sends let through before the circuit opened change nothing, since they say nothing new.
 */
export function afterFailure(
  state: CircuitState,
  policy: CircuitPolicy,
  nowMs: number,
  probeId?: string,
): CircuitState {
  if (state.kind === 'closed') {
    const failures = state.failures + 1;
    if (failures < policy.failureThreshold) return { kind: 'closed', failures };
    return { kind: 'open', openUntilMs: nowMs + policy.cooldownMs, cooldownMs: policy.cooldownMs };
  }
  if (state.kind === 'half-open' && probeId !== undefined && state.probeId === probeId) {
    const cooldownMs = Math.min(policy.maxCooldownMs, state.cooldownMs * 2);
    return { kind: 'open', openUntilMs: nowMs + cooldownMs, cooldownMs };
  }
  return state;
}

/** A successful send: ends a run of failures; a successful probe closes the circuit. */
export function afterSuccess(state: CircuitState, probeId?: string): CircuitState {
  if (state.kind === 'closed') return state.failures === 0 ? state : CLOSED_CIRCUIT;
  if (state.kind === 'half-open' && probeId !== undefined && state.probeId === probeId) return CLOSED_CIRCUIT;
  return state;
}

/** A probe that was never sent (no token, a duplicate): its claim is given back so another sender may probe now. */
export function releaseProbe(state: CircuitState, nowMs: number, probeId: string): CircuitState {
  if (state.kind !== 'half-open' || state.probeId !== probeId) return state;
  return { kind: 'open', openUntilMs: nowMs, cooldownMs: state.cooldownMs };
}

function claimProbe(cooldownMs: number, policy: CircuitPolicy, nowMs: number, probeId: string): CircuitState {
  return { kind: 'half-open', probeId, probeUntilMs: nowMs + policy.probeLeaseMs, cooldownMs };
}
