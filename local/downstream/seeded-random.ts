/**
 * A small seeded pseudo-random generator (mulberry32). Injected failures draw from it so that a test with a given
 * seed and request order sees the very same failures on every run and every machine.
 */

/** Numbers in [0, 1) that repeat exactly for the same seed. */
export type RandomSource = () => number;

/** A generator seeded with a 32-bit integer; other numbers are truncated to 32 bits. */
export const seededRandom = (seed: number): RandomSource => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};
