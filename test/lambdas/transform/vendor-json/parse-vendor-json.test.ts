import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_JSON_NESTING, parseVendorJson } from '../../../../lambdas/transform/vendor-json/parse-vendor-json';

const fixture = (path: string) => readFileSync(join(__dirname, '../../../fixtures', path), 'utf8');

function jsonParseSucceeds(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** What parseVendorJson should return: JSON.parse's value with unsafe integer literals as their digits. */
function expectedValue(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) =>
    typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value) && Math.abs(value) < 1e21
      ? JSON.stringify(value)
      : value,
  );
}

describe('parseVendorJson', () => {
  it('keeps a Shopify id above 2^53 exact where JSON.parse changes it', () => {
    const text = fixture('storefront/customers-update.json');

    const parsed = parseVendorJson(text);

    expect(parsed).toMatchObject({ ok: true, value: { id: '706405506930370084' } });
    expect(String((JSON.parse(text) as { id: number }).id)).not.toBe('706405506930370084');
  });

  it('keeps safe integers, decimals and exponent forms as numbers', () => {
    const parsed = parseVendorJson('[9007199254740991, -9007199254740991, 89.99, 1000.8, 1e21, -0, 0]');

    expect(parsed).toEqual({ ok: true, value: [9007199254740991, -9007199254740991, 89.99, 1000.8, 1e21, -0, 0] });
  });

  it('keeps negative integers beyond the safe range as digit strings', () => {
    expect(parseVendorJson('{"delta": -9007199254740993}')).toEqual({
      ok: true,
      value: { delta: '-9007199254740993' },
    });
  });

  it('defines "__proto__" as a plain property instead of replacing the prototype', () => {
    const parsed = parseVendorJson('{"__proto__": {"polluted": true}}');

    if (!parsed.ok) throw new Error(parsed.error);
    const value = parsed.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['', 'unexpected end of input at position 0'],
    ['{"a":1,}', 'expected a property name in double quotes at position 7'],
    ['{"a" 1}', 'expected ":" at position 5'],
    ['[1 2]', 'expected "," at position 3'],
    ['01', 'unexpected content after the JSON value at position 1'],
    ['"tab\there"', 'control character in string at position 4'],
    ['"abc', 'unterminated string at position 4'],
    ['"\\x"', 'bad escape in string at position 1'],
    ['"\\u12G4"', 'bad \\u escape in string at position 1'],
    ['tru', 'expected a JSON value at position 0'],
    ['-', 'malformed number at position 0'],
    ['\uFEFF{}', 'expected a JSON value at position 0'],
  ])('refuses %j with a message naming the problem and position', (text, message) => {
    expect(parseVendorJson(text)).toEqual({ ok: false, error: expect.stringContaining(message) });
  });

  it(`refuses nesting deeper than ${MAX_JSON_NESTING} levels instead of exhausting the stack`, () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);

    expect(parseVendorJson(deep)).toEqual({ ok: false, error: expect.stringContaining('nesting deeper than') });
    expect(parseVendorJson('['.repeat(MAX_JSON_NESTING) + ']'.repeat(MAX_JSON_NESTING)).ok).toBe(true);
  });

  it('answers a non-string argument from untyped callers instead of throwing', () => {
    expect(parseVendorJson(42 as unknown as string)).toEqual({
      ok: false,
      error: 'expected a string, received number',
    });
  });

  it('parses any JSON text to what JSON.parse gives, except unsafe integers kept as digits', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 4 }), (text) => {
        expect(parseVendorJson(text)).toEqual({ ok: true, value: expectedValue(text) });
      }),
    );
  });

  it('keeps every integer literal beyond the safe range exact', () => {
    const unsafe = fc.oneof(
      fc.bigInt({ min: BigInt(Number.MAX_SAFE_INTEGER) + 1n, max: 10n ** 30n }),
      fc.bigInt({ min: -(10n ** 30n), max: BigInt(Number.MIN_SAFE_INTEGER) - 1n }),
    );
    fc.assert(
      fc.property(unsafe, (id) => {
        expect(parseVendorJson(`{"id": ${id}}`)).toEqual({ ok: true, value: { id: id.toString() } });
      }),
    );
  });

  it('never throws and accepts exactly what JSON.parse accepts, for arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const parsed = parseVendorJson(text);
        expect(parsed.ok).toBe(jsonParseSucceeds(text));
      }),
    );
  });

  it('never throws and agrees with JSON.parse on JSON damaged by one edit', () => {
    const damaged = fc
      .tuple(fc.json({ maxDepth: 3 }), fc.nat(), fc.constantFrom('', '"', '\\', ',', '}', ']', '0', '-', 'e', '\u0001'))
      .map(([text, at, insert]) => {
        const position = at % (text.length + 1);
        return text.slice(0, position) + insert + text.slice(position + (insert === '' ? 1 : 0));
      });
    fc.assert(
      fc.property(damaged, (text) => {
        expect(parseVendorJson(text).ok).toBe(jsonParseSucceeds(text));
      }),
    );
  });
});
