import fc from 'fast-check';
import { TokenBucket } from '../../../local/downstream/token-bucket';

describe('TokenBucket', () => {
  it('lets a full burst through, then refuses with the seconds until the next token', () => {
    const bucket = new TokenBucket(0.5, 2, 0);

    const decisions = [bucket.take(0), bucket.take(0), bucket.take(0)];

    expect(decisions).toEqual([{ ok: true }, { ok: true }, { ok: false, retryAfterSeconds: 2 }]);
  });

  it('refills at its rate as time passes', () => {
    const bucket = new TokenBucket(1, 1, 0);
    bucket.take(0);

    expect(bucket.take(500).ok).toBe(false);
    expect(bucket.take(1_000).ok).toBe(true);
  });

  it('never holds more than its capacity after a long idle time', () => {
    const bucket = new TokenBucket(10, 3, 0);

    const accepted = [1, 2, 3, 4].map(() => bucket.take(3_600_000)).filter((decision) => decision.ok);

    expect(accepted).toHaveLength(3);
  });

  it('never accepts more than the burst plus what the rate refilled', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 0, max: 2_000 }), { maxLength: 200 }),
        (rate, capacity, gaps) => {
          const bucket = new TokenBucket(rate, capacity, 0);
          let now = 0;
          let accepted = 0;
          for (const gap of gaps) {
            now += gap;
            if (bucket.take(now).ok) accepted += 1;
          }
          expect(accepted).toBeLessThanOrEqual(capacity + (now / 1000) * rate + 1e-9);
        },
      ),
    );
  });

  it('rejects a rate or capacity that could never admit a request', () => {
    expect(() => new TokenBucket(0, 1, 0)).toThrow(/positive rate and a capacity of at least 1 \(got 0, 1\)/);
    expect(() => new TokenBucket(1, 0.5, 0)).toThrow(RangeError);
  });
});
