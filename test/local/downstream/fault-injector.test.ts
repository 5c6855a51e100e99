import { FaultInjector, type FaultDecision } from '../../../local/downstream/fault-injector';
import type { FaultPlan } from '../../../local/downstream/fault-plan';
import { seededRandom } from '../../../local/downstream/seeded-random';

const decisions = (plan: FaultPlan, count: number, seed = 7): FaultDecision[] => {
  const injector = new FaultInjector(plan, seededRandom(seed), 0);
  return Array.from({ length: count }, () => injector.decide(0));
};

const statuses = (plan: FaultPlan, count: number, seed?: number): (number | string)[] =>
  decisions(plan, count, seed).map((decision) =>
    decision.kind === 'pass' ? (decision.status ?? 'pass') : decision.kind === 'fail' ? decision.status : 'hang',
  );

describe('FaultInjector', () => {
  it('passes every request under an empty plan', () => {
    expect(statuses({}, 3)).toEqual(['pass', 'pass', 'pass']);
  });

  it('answers the scripted statuses in order, then passes', () => {
    expect(statuses({ statuses: [500, 202, 503] }, 5)).toEqual([500, 202, 503, 'pass', 'pass']);
  });

  it('fails the same requests for the same seed', () => {
    const plan = { errorRate: 0.5, errorStatus: 502 };

    expect(statuses(plan, 30, 3)).toEqual(statuses(plan, 30, 3));
    expect(statuses(plan, 30, 3)).toContain(502);
    expect(statuses(plan, 30, 3)).toContain('pass');
  });

  it('answers 500 for random errors when no status is given', () => {
    expect(statuses({ errorRate: 1 }, 2)).toEqual([500, 500]);
  });

  it('answers 503 with the seconds left during an outage, and passes after it', () => {
    const injector = new FaultInjector({ outageUntil: 10_500 }, seededRandom(1), 0);

    expect(injector.decide(0)).toEqual({ kind: 'fail', status: 503, reason: 'outage', retryAfterSeconds: 11 });
    expect(injector.decide(10_500)).toEqual({ kind: 'pass' });
  });

  it('answers 429 with the configured Retry-After once the bucket is empty', () => {
    const plan = { rateLimit: { requestsPerSecond: 1, burst: 2, retryAfterSeconds: 7 } };

    expect(decisions(plan, 3)[2]).toEqual({ kind: 'fail', status: 429, reason: 'rate limited', retryAfterSeconds: 7 });
  });

  it('lets the most severe fault win: a hang over an outage over a permanent status over the script', () => {
    expect(statuses({ timeout: true, outageUntil: 1, permanentStatus: 400, statuses: [500] }, 1)).toEqual(['hang']);
    expect(statuses({ outageUntil: 1, permanentStatus: 400, statuses: [500] }, 1)).toEqual([503]);
    expect(statuses({ permanentStatus: 400, statuses: [500] }, 2)).toEqual([400, 400]);
  });

  it('exposes the latency to apply before answering', () => {
    expect(new FaultInjector({ latencyMs: 25 }, seededRandom(1), 0).latencyMs).toBe(25);
    expect(new FaultInjector({}, seededRandom(1), 0).latencyMs).toBe(0);
  });
});

describe('scripted failures with Retry-After', () => {
  test('a scripted failing status carries the plan’s Retry-After; a scripted success does not', () => {
    const injector = new FaultInjector({ statuses: [503, 200], statusRetryAfterSeconds: 5 }, () => 0, 0);

    expect(injector.decide(0)).toEqual({ kind: 'fail', status: 503, reason: 'scripted status', retryAfterSeconds: 5 });
    expect(injector.decide(0)).toEqual({ kind: 'pass', status: 200 });
  });
});
