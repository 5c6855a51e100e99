import fc from 'fast-check';
import { authorizeKey, bearerKey, issueApiKey, readApiCallersSchema } from '../../../lambdas/read-authorizer/api-keys';

const issued = issueApiKey('storefront-web');
const callers = readApiCallersSchema.parse({
  callers: { 'storefront-web': { keySha256: issued.keySha256, requestsPerSecond: 20 } },
});

describe('API keys', () => {
  test('an issued key authorizes its caller with its rate; only its hash is stored', () => {
    expect(authorizeKey(`Bearer ${issued.key}`, callers)).toEqual({ caller: 'storefront-web', requestsPerSecond: 20 });
    expect(JSON.stringify(callers)).not.toContain(issued.key.split('.')[1]);
  });

  test('another key, another caller, a key without Bearer, or no callers at all are refused', () => {
    const other = issueApiKey('storefront-web');
    expect(authorizeKey(`Bearer ${other.key}`, callers)).toBeUndefined();
    expect(authorizeKey(`Bearer ${issueApiKey('support-tool').key}`, callers)).toBeUndefined();
    expect(authorizeKey(issued.key, callers)).toBeUndefined();
    expect(authorizeKey(undefined, callers)).toBeUndefined();
    expect(authorizeKey(`Bearer ${issued.key}`, readApiCallersSchema.parse({}))).toBeUndefined();
    expect(authorizeKey('Bearer constructor.' + 'a'.repeat(43), readApiCallersSchema.parse({}))).toBeUndefined();
  });

  test('fuzzed headers never throw and never authorize', () => {
    fc.assert(
      fc.property(fc.string(), (header) => {
        expect(authorizeKey(header, callers)).toBeUndefined();
        expect(authorizeKey(`Bearer ${header}`, callers)).toBeUndefined();
        void bearerKey(header);
      }),
    );
  });
});
