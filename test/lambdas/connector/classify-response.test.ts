import { classifyResponse } from '../../../lambdas/connector/classify-response';

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
