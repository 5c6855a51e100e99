/**
 * The control API a fake downstream serves beside its own API, so a person can watch traffic and inject failures with
 * curl while local mode runs:
 *   GET    /__control          traffic summary and current faults
 *   POST   /__control/faults   replace the fault plan (JSON body)
 *   DELETE /__control/faults   clear the fault plan
 *   DELETE /__control          forget traffic and state, and clear the fault plan
 * Control requests are never recorded, faulted or authenticated.
 */
import { parseFaultPlan, type FaultPlan } from './fault-plan';
import type { TrafficSummary } from './traffic-log';

/** Prefix of every control path. */
export const CONTROL_PATH = '/__control';

/** What the control API acts on. */
export interface ControlTarget {
  readonly name: string;
  summary(): TrafficSummary;
  faults(): FaultPlan;
  setFaults(plan: FaultPlan): void;
  clearFaults(): void;
  reset(): void;
}

/** A control answer as plain data; no body means 204. */
export interface ControlAnswer {
  readonly status: number;
  readonly body?: unknown;
}

/** Whether a request path belongs to the control API. */
export const isControlPath = (path: string): boolean => {
  const pathname = path.split('?')[0] ?? '';
  return pathname === CONTROL_PATH || pathname.startsWith(`${CONTROL_PATH}/`);
};

const parseJson = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
};

const methodNotAllowed = (method: string, allowed: string): ControlAnswer => ({
  status: 405,
  body: { error: `${method} is not allowed here; use ${allowed}` },
});

/** Routes one control request. */
export const answerControl = (target: ControlTarget, method: string, path: string, body: string): ControlAnswer => {
  const pathname = (path.split('?')[0] ?? '').replace(/\/+$/, '');
  if (pathname === CONTROL_PATH) {
    if (method === 'GET')
      return { status: 200, body: { name: target.name, faults: target.faults(), ...target.summary() } };
    if (method === 'DELETE') {
      target.reset();
      return { status: 204 };
    }
    return methodNotAllowed(method, 'GET or DELETE');
  }
  if (pathname === `${CONTROL_PATH}/faults`) {
    if (method === 'GET') return { status: 200, body: target.faults() };
    if (method === 'DELETE') {
      target.clearFaults();
      return { status: 204 };
    }
    if (method !== 'POST' && method !== 'PUT') return methodNotAllowed(method, 'GET, POST, PUT or DELETE');
    const json = parseJson(body);
    if (!json.ok) return { status: 400, body: { error: 'The fault plan must be a JSON object' } };
    const parsed = parseFaultPlan(json.value);
    if (!parsed.ok) return { status: 400, body: { error: parsed.message } };
    target.setFaults(parsed.plan);
    return { status: 200, body: parsed.plan };
  }
  return { status: 404, body: { error: `No control endpoint at ${pathname}` } };
};
