import fc from 'fast-check';
import { seededRandom } from '../../../local/downstream/seeded-random';

const draw = (seed: number, count: number): number[] => {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => random());
};

describe('seededRandom', () => {
  it('repeats the same sequence for the same seed', () => {
    fc.assert(fc.property(fc.integer(), (seed) => expect(draw(seed, 20)).toEqual(draw(seed, 20))));
  });

  it('always draws numbers in [0, 1)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (seed) => {
        for (const value of draw(seed, 50)) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThan(1);
        }
      }),
    );
  });

  it('gives different sequences for different seeds', () => {
    expect(draw(1, 10)).not.toEqual(draw(2, 10));
  });

  it('spreads draws over the interval so an error rate is honoured on average', () => {
    const random = seededRandom(42);
    const below = Array.from({ length: 10_000 }, () => random()).filter((value) => value < 0.3).length;
    expect(below).toBeGreaterThan(2_700);
    expect(below).toBeLessThan(3_300);
  });
});
