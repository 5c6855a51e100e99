import { lookup } from './lookup';

/**
 * Decimal amounts to integer minor units by string arithmetic. Vendors send money as "89.99", as 89.99 or as
 * 1000.8; multiplying a float by 100 gives 8998.999999999999 for some of them, so the decimal digits are shifted
 * as text and the result checked instead.
 */

/** ISO 4217 currencies whose minor unit is not the cent. Everything else has two decimal places. */
// prettier-ignore
const NON_CENT_EXPONENTS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0,
  XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

const DEFAULT_EXPONENT = 2;
const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;
/** Beyond this many integer digits no amount fits a safe integer, whatever the exponent says. */
const MAX_INTEGER_DIGITS = 30;

/** Number of decimal places of the currency's minor unit (JPY 0, USD 2, KWD 3). */
export function currencyExponent(currency: string): number {
  return lookup(NON_CENT_EXPONENTS, currency) ?? DEFAULT_EXPONENT;
}

/** The minor-unit integer, or why the amount cannot be one. */
export type MinorUnitsResult =
  { readonly ok: true; readonly amountMinor: number } | { readonly ok: false; readonly error: string };

/**
 * Converts a decimal amount ("89.99", 1000.8, "1.5e2") in `currency` to minor units. A JSON number is read through
 * its shortest round-trip decimal form, which is the literal the vendor wrote for up to 15 significant digits.
 * More decimal places than the currency has are accepted only when they are zeros: rounding money is not a
 * mapper's decision.
 */
export function toMinorUnits(amount: string | number, currency: string): MinorUnitsResult {
  if (typeof amount === 'number' && !Number.isFinite(amount)) return { ok: false, error: `${amount} is not an amount` };
  const text = typeof amount === 'number' ? String(amount) : amount;
  const match = DECIMAL.exec(text);
  if (match === null) return { ok: false, error: `"${text}" is not a decimal amount` };
  const [, sign, integerDigits = '', fractionDigits = '', exponentText = '0'] = match;
  const digits = integerDigits + fractionDigits;
  const exponent = Number(exponentText);
  const pointAt = integerDigits.length + (Number.isSafeInteger(exponent) ? exponent : Math.sign(exponent) * 1e6);
  const shiftedPointAt = pointAt + currencyExponent(currency);
  if (/^0*$/.test(digits)) return { ok: true, amountMinor: 0 };
  if (shiftedPointAt > MAX_INTEGER_DIGITS) return { ok: false, error: `${text} ${currency} is too large` };

  const wholeDigits = shiftedPointAt <= 0 ? '0' : digits.slice(0, shiftedPointAt).padEnd(shiftedPointAt, '0');
  const droppedDigits = shiftedPointAt <= 0 ? digits : digits.slice(shiftedPointAt);
  if (!/^0*$/.test(droppedDigits)) {
    return {
      ok: false,
      error: `${text} has more decimal places than ${currency} allows (${currencyExponent(currency)})`,
    };
  }
  const magnitude = BigInt(wholeDigits);
  if (magnitude > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, error: `${text} ${currency} is too large` };
  const amountMinor = Number(magnitude);
  return { ok: true, amountMinor: sign === '-' && amountMinor !== 0 ? -amountMinor : amountMinor };
}

/** Formats minor units back as a plain decimal string with the currency's places (8999 USD -> "89.99"). */
export function fromMinorUnits(amountMinor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const digits = Math.abs(amountMinor)
    .toString()
    .padStart(exponent + 1, '0');
  const sign = amountMinor < 0 ? '-' : '';
  if (exponent === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
