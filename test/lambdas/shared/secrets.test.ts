import fc from 'fast-check';
import { signingSecretsFrom } from '../../../lambdas/shared/secrets';

describe('signingSecretsFrom', () => {
  test('a plain string is one secret', () => expect(signingSecretsFrom('whsec_abc')).toEqual(['whsec_abc']));
  test('a rotation document yields the current secret first, then the previous', () =>
    expect(signingSecretsFrom('{"current":"new","previous":"old"}')).toEqual(['new', 'old']));
  test('a rotation document without a previous secret yields the current one', () =>
    expect(signingSecretsFrom('{"current":"new"}')).toEqual(['new']));
  test.each([undefined, ''])('%p yields none', (value) => expect(signingSecretsFrom(value)).toEqual([]));
  test('JSON that is not an object is taken as the secret itself', () =>
    expect(signingSecretsFrom('["a"]')).toEqual(['["a"]']));
  test('property: never throws and never yields an empty secret', () => {
    fc.assert(
      fc.property(fc.option(fc.string(), { nil: undefined }), (value) => {
        expect(signingSecretsFrom(value).every((secret) => secret.length > 0)).toBe(true);
      }),
    );
  });
});
