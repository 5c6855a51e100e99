import fc from 'fast-check';
import { parseApiKeySecret, parseClientCredentialsSecret } from '../../../../lambdas/shared/auth/credentials-secret';

describe('credentials secrets', () => {
  test.each([
    ['{"apiKey":"k-1"}', 'k-1'],
    ['k-1', 'k-1'],
    ['  k-1\n', 'k-1'],
    ['12345', '12345'],
    ['"quoted"', '"quoted"'],
  ])('the API key secret %j holds the key %j', (text, key) => {
    expect(parseApiKeySecret(text)).toEqual({ ok: true, value: key });
  });

  test.each([
    ['', 'is empty'],
    ['{"apiKey":""}', 'is a JSON object without a non-empty string "apiKey"'],
    ['{"apiKey":42}', 'is a JSON object without a non-empty string "apiKey"'],
  ])('the API key secret %j is refused: %s', (text, problem) => {
    expect(parseApiKeySecret(text)).toEqual({ ok: false, problem });
  });

  test('client credentials come from a JSON object with both fields', () => {
    expect(parseClientCredentialsSecret('{"clientId":"id","clientSecret":"s","extra":1}')).toEqual({
      ok: true,
      value: { clientId: 'id', clientSecret: 's' },
    });
  });

  test.each([
    ['id:secret', 'is not a JSON object'],
    ['["id","secret"]', 'is not a JSON object'],
    ['{}', 'lacks a non-empty string "clientId" and "clientSecret"'],
    ['{"clientId":"id","clientSecret":" "}', 'lacks a non-empty string "clientSecret"'],
  ])('the client-credentials secret %j is refused: %s', (text, problem) => {
    expect(parseClientCredentialsSecret(text)).toEqual({ ok: false, problem });
  });

  test('a problem never quotes any part of the secret', () => {
    const secretish = fc.string({ minLength: 6 }).filter((text) => /^[A-Za-z0-9]{6,}$/.test(text));
    const shapes = secretish.chain((value) =>
      fc
        .constantFrom(
          `${value}{`,
          `{"apiKey": ${JSON.stringify(value)}`,
          JSON.stringify({ clientId: value }),
          JSON.stringify({ clientSecret: value, apiKey: 7 }),
          `[${JSON.stringify(value)}]`,
        )
        .map((text) => ({ value, text })),
    );

    fc.assert(
      fc.property(shapes, ({ value, text }) => {
        for (const reading of [parseApiKeySecret(text), parseClientCredentialsSecret(text)]) {
          if (!reading.ok) expect(reading.problem).not.toContain(value);
        }
      }),
    );
  });
});
