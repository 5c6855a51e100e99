import fc from 'fast-check';
import {
  DEFAULT_TOKEN_LIFETIME_SECONDS,
  readTokenResponse,
  refreshAt,
  tokenRequest,
} from '../../../../lambdas/shared/auth/token-exchange';

const answer = (status: number, body: unknown) => ({
  status,
  headers: {},
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('token exchange', () => {
  test('the request is a form-encoded client_credentials grant, special characters escaped', () => {
    const request = tokenRequest('https://idp.example/token', { clientId: 'a b', clientSecret: 's&t=1' });

    expect(request).toMatchObject({ method: 'POST', url: 'https://idp.example/token' });
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
      grant_type: 'client_credentials',
      client_id: 'a b',
      client_secret: 's&t=1',
    });
  });

  test.each([
    [3600, 3_540_000],
    [300, 270_000],
    [10, 9_000],
  ])('a token living %i s is replaced after %i ms', (lifetime, after) => {
    expect(refreshAt(1_000, lifetime)).toBe(1_000 + after);
  });

  test('a token answer is read with its lifetime counted from the request', () => {
    const reading = readTokenResponse(answer(200, { access_token: 'tok', token_type: 'bearer', expires_in: 300 }), 0);

    expect(reading).toEqual({ ok: true, token: { accessToken: 'tok', refreshAtMs: 270_000 } });
  });

  test('a lifetime sent as a string is read, and a missing one is assumed short', () => {
    const asText = readTokenResponse(answer(200, { access_token: 't', expires_in: '300' }), 0);
    const missing = readTokenResponse(answer(200, { access_token: 't' }), 0);

    expect(asText).toMatchObject({ token: { refreshAtMs: 270_000 } });
    expect(missing).toMatchObject({ token: { refreshAtMs: refreshAt(0, DEFAULT_TOKEN_LIFETIME_SECONDS) } });
  });

  test.each([
    [answer(401, { error: 'invalid_client' }), false, true, 'refused the client credentials: HTTP 401 invalid_client'],
    [
      answer(400, { error: 'unsupported_grant_type' }),
      false,
      true,
      'refused the client credentials: HTTP 400 unsupported_grant_type',
    ],
    [answer(503, 'Service Unavailable'), true, false, 'did not issue a token: HTTP 503'],
    [answer(429, {}), true, false, 'did not issue a token: HTTP 429'],
    [answer(404, {}), false, false, 'did not issue a token: HTTP 404'],
    [answer(400, { error: 'secret s3cr3t was wrong' }), false, true, 'refused the client credentials: HTTP 400'],
    [answer(200, { token_type: 'bearer' }), false, false, 'answered without an access_token'],
    [answer(200, 'not json'), false, false, 'answered without an access_token'],
    [answer(200, { access_token: 't', token_type: 'mac' }), false, false, 'issued a token that is not a Bearer token'],
  ])('an answer %j is a failure (retryable %s, refused %s): %s', (response, retryable, refused, problem) => {
    expect(readTokenResponse(response, 0)).toEqual({ ok: false, retryable, refused, problem });
  });

  test('reading never throws, and no problem quotes the token or an unparsed body', () => {
    const token = fc.stringMatching(/^tok[0-9]{8,12}$/);
    const body = fc.record(
      {
        access_token: fc.oneof(token, fc.constant(''), fc.integer()),
        token_type: fc.oneof(fc.constantFrom('Bearer', 'bearer', 'MAC'), fc.integer()),
        expires_in: fc.oneof(fc.integer(), fc.string(), fc.double()),
        error: fc.oneof(fc.constantFrom('invalid_client', 'invalid_scope'), fc.string()),
      },
      { requiredKeys: [] },
    );

    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 599 }),
        body,
        fc.string().map((text) => `\u0000${text}`),
        (status, json, junk) => {
          for (const response of [answer(status, json), answer(status, junk)]) {
            const reading = readTokenResponse(response, 0);
            if (reading.ok) {
              expect(reading.token.refreshAtMs).toBeGreaterThan(0);
              continue;
            }
            if (typeof json.access_token === 'string' && json.access_token !== '') {
              expect(reading.problem).not.toContain(json.access_token);
            }
            expect(reading.problem).not.toContain(junk);
          }
        },
      ),
    );
  });
});
