import fc from 'fast-check';
import { parseFaultPlan } from '../../../local/downstream/fault-plan';

describe('parseFaultPlan', () => {
  it('accepts every fault combined', () => {
    const plan = {
      errorRate: 0.2,
      errorStatus: 502,
      statuses: [500, 200],
      rateLimit: { requestsPerSecond: 5, burst: 10, retryAfterSeconds: 2 },
      latencyMs: 10,
      timeout: false,
      outageUntil: 1_900_000_000_000,
      permanentStatus: 400,
    };

    expect(parseFaultPlan(plan)).toEqual({ ok: true, plan });
  });

  it.each([
    [{ errorRate: 1.5 }, 'errorRate'],
    [{ errorStatus: 99 }, 'errorStatus'],
    [{ statuses: [500, 'x'] }, 'statuses.1'],
    [{ rateLimit: { requestsPerSecond: 0 } }, 'rateLimit.requestsPerSecond'],
    [{ rateLimit: { requestsPerSecond: 1, retryAfterSeconds: 0.5 } }, 'rateLimit.retryAfterSeconds'],
    [{ latencyMs: -1 }, 'latencyMs'],
    [{ timeout: 'yes' }, 'timeout'],
    [{ permanentStatus: 600 }, 'permanentStatus'],
    [{ errorrate: 0.5 }, '(plan)'],
    [[], '(plan)'],
  ])('refuses %j and names %s', (input, field) => {
    const result = parseFaultPlan(input);

    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(`${field}:`);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(fc.property(fc.jsonValue(), (input) => expect(typeof parseFaultPlan(input).ok).toBe('boolean')));
  });
});
