import fc from 'fast-check';
import { classifyResponse, parseRetryAfter } from '../../../lambdas/connector/classify-response';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const answer = (status: number, headers: Record<string, string> = {}, body = '') => ({ status, headers, body });

describe('classifyResponse', () => {
  test.each([200, 201, 202, 204])('%i is delivered', (status) => {
    expect(classifyResponse(answer(status), NOW)).toEqual({ kind: 'delivered', status });
  });

  test.each([500, 502, 503, 504, 408, 409, 425, 429])('%i is transient', (status) => {
    expect(classifyResponse(answer(status), NOW).kind).toBe('transient');
  });

  test.each([400, 401, 403, 404, 410, 413, 422])('%i is permanent, with the body as detail', (status) => {
    expect(classifyResponse(answer(status, {}, '{"error":"sku unknown"}'), NOW)).toEqual({
      kind: 'permanent',
      status,
      detail: `HTTP ${status}: {"error":"sku unknown"}`,
    });
  });

  test('429 carries its Retry-After', () => {
    expect(classifyResponse(answer(429, { 'retry-after': '7' }), NOW)).toMatchObject({
      kind: 'transient',
      status: 429,
      retryAfterSeconds: 7,
    });
  });

  test('a long error body is cut so the DLQ reason stays readable', () => {
    const outcome = classifyResponse(answer(400, {}, 'x'.repeat(10_000)), NOW);

    expect(outcome.kind === 'permanent' && outcome.detail.length).toBeLessThan(320);
  });
});

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
