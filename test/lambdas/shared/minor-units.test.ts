import fc from 'fast-check';
import { currencyExponent, fromMinorUnits, toMinorUnits } from '../../../lambdas/shared/minor-units';

const currencies = fc.constantFrom('USD', 'EUR', 'JPY', 'KRW', 'KWD', 'BHD', 'CLF', 'GBP');

describe('currencyExponent', () => {
  it.each([
    ['USD', 2],
    ['JPY', 0],
    ['KWD', 3],
    ['CLF', 4],
    ['XYZ', 2],
    ['constructor', 2],
  ])('gives %s %i decimal places', (currency, exponent) => {
    expect(currencyExponent(currency)).toBe(exponent);
  });
});

describe('toMinorUnits', () => {
  it.each([
    ['89.99', 'USD', 8999],
    [89.99, 'USD', 8999],
    [1000.8, 'USD', 100080],
    [0.29, 'USD', 29],
    ['19.990', 'USD', 1999],
    ['0.0', 'USD', 0],
    ['75', 'USD', 7500],
    ['1.5e2', 'USD', 15000],
    ['500', 'JPY', 500],
    ['1.234', 'KWD', 1234],
    ['-5.00', 'USD', -500],
  ] as const)('converts %j %s to %d', (amount, currency, expected) => {
    expect(toMinorUnits(amount, currency)).toEqual({ ok: true, amountMinor: expected });
  });

  it('gets the cents right where float multiplication does not', () => {
    expect(Math.round(1.005 * 100)).toBe(100);
    expect(toMinorUnits('1.005', 'KWD')).toEqual({ ok: true, amountMinor: 1005 });
    expect(8.2 * 100).not.toBe(820);
    expect(toMinorUnits(8.2, 'USD')).toEqual({ ok: true, amountMinor: 820 });
  });

  it.each([
    ['12.345', 'USD', 'more decimal places than USD allows (2)'],
    ['500.5', 'JPY', 'more decimal places than JPY allows (0)'],
    ['1e-3', 'USD', 'more decimal places than USD allows (2)'],
    ['eighty', 'USD', '"eighty" is not a decimal amount'],
    ['1,000.00', 'USD', 'is not a decimal amount'],
    ['', 'USD', 'is not a decimal amount'],
    [Number.NaN, 'USD', 'NaN is not an amount'],
    [Number.POSITIVE_INFINITY, 'USD', 'Infinity is not an amount'],
    ['90071992547409.92', 'USD', 'is too large'],
    ['1e400', 'USD', 'is too large'],
    [1e21, 'JPY', 'is too large'],
  ] as const)('refuses %j %s: %s', (amount, currency, message) => {
    expect(toMinorUnits(amount, currency)).toEqual({ ok: false, error: expect.stringContaining(message) });
  });

  it('matches integer arithmetic for any decimal string and currency', () => {
    const decimal = fc.record({
      currency: currencies,
      whole: fc.bigInt({ min: 0n, max: 10n ** 11n }),
      fraction: fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 4 }),
      trailingZeros: fc.nat({ max: 3 }),
    });
    fc.assert(
      fc.property(decimal, ({ currency, whole, fraction, trailingZeros }) => {
        const exponent = currencyExponent(currency);
        const places = fraction.slice(0, exponent);
        const text = places === '' ? `${whole}` : `${whole}.${places}${'0'.repeat(trailingZeros)}`;
        const expected = whole * 10n ** BigInt(exponent) + BigInt(places.padEnd(exponent, '0') || '0');

        expect(toMinorUnits(text, currency)).toEqual({ ok: true, amountMinor: Number(expected) });
      }),
    );
  });

  it('refuses any amount with a non-zero digit beyond the currency exponent', () => {
    fc.assert(
      fc.property(currencies, fc.nat({ max: 10 ** 9 }), fc.integer({ min: 1, max: 9 }), (currency, whole, digit) => {
        const text = `${whole}.${'0'.repeat(currencyExponent(currency))}${digit}`;
        expect(toMinorUnits(text, currency).ok).toBe(false);
      }),
    );
  });

  it('reads a JSON number exactly as the decimal literal the vendor wrote', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10 ** 12 }), fc.nat({ max: 99 }), (whole, cents) => {
        const literal = `${whole}.${String(cents).padStart(2, '0')}`;
        expect(toMinorUnits(Number(literal), 'USD')).toEqual(toMinorUnits(literal, 'USD'));
      }),
    );
  });

  it('round-trips through fromMinorUnits for every currency', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        currencies,
        (amount, currency) => {
          expect(toMinorUnits(fromMinorUnits(amount, currency), currency)).toEqual({ ok: true, amountMinor: amount });
        },
      ),
    );
  });
});

describe('fromMinorUnits', () => {
  it.each([
    [8999, 'USD', '89.99'],
    [5, 'USD', '0.05'],
    [500, 'JPY', '500'],
    [1250, 'KWD', '1.250'],
    [-1, 'USD', '-0.01'],
  ])('formats %d %s as %s', (amount, currency, text) => {
    expect(fromMinorUnits(amount, currency)).toBe(text);
  });
});
