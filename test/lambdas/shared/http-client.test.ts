import fc from 'fast-check';
import { parseRetryAfter } from '../../../lambdas/shared/http-client';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);

describe('parseRetryAfter', () => {
  test('delta seconds', () => expect(parseRetryAfter(' 120 ', NOW)).toBe(120));
  test('an HTTP date in the future', () => expect(parseRetryAfter(new Date(NOW + 30_500).toUTCString(), NOW)).toBe(30));
  test('an HTTP date in the past is zero', () =>
    expect(parseRetryAfter(new Date(NOW - 5000).toUTCString(), NOW)).toBe(0));
  test.each(['', 'soon', '-5', '1.5', '12abc'])('%p is ignored', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
  test('property: never throws and never negative', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const seconds = parseRetryAfter(value, NOW);
        expect(seconds === undefined || seconds >= 0).toBe(true);
      }),
    );
  });
});
