import fc from 'fast-check';
import { bigIntegerLiteral } from './fixtures';

/** A numeric vendor id: small, or beyond 2^53 written as a bare JSON number the way Shopify writes it. */
export const vendorNumericId: fc.Arbitrary<number | string> = fc.oneof(
  fc.integer({ min: 1, max: 2 ** 31 }),
  fc.bigInt({ min: 2n ** 53n, max: 2n ** 63n - 1n }).map((id) => bigIntegerLiteral(id.toString())),
);

/** A decimal amount string with the given number of places ("1234.05"), with its value in minor units. */
export function decimalAmount(places = 2): fc.Arbitrary<{ readonly text: string; readonly minor: number }> {
  return fc.tuple(fc.nat({ max: 10_000_000 }), fc.nat({ max: 10 ** places - 1 })).map(([whole, fraction]) => ({
    text: places === 0 ? `${whole}` : `${whole}.${String(fraction).padStart(places, '0')}`,
    minor: whole * 10 ** places + fraction,
  }));
}

/** A vendor timestamp: any offset or Z, 3 to 7 fractional digits, with the instant it means. */
export const vendorTimestamp: fc.Arbitrary<{ readonly text: string; readonly epochMs: number }> = fc
  .tuple(
    fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
    fc.constantFrom(0, -300, -240, 60, 330, 345, 600, 840),
    fc.constantFrom('', '0', '00', '1234'),
    fc.boolean(),
  )
  .map(([instant, offsetMinutes, extraDigits, useZ]) => {
    const offset = useZ ? 0 : offsetMinutes;
    const local = new Date(instant.getTime() + offset * 60_000).toISOString().slice(0, 23);
    const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
    const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
    const zone = useZ ? 'Z' : `${offset < 0 ? '-' : '+'}${hours}:${minutes}`;
    return { text: `${local}${extraDigits}${zone}`, epochMs: instant.getTime() };
  });

/** Epoch seconds between 2000 and 2099, as Stripe writes `created`. */
export const epochSeconds = fc.integer({ min: 946_684_800, max: 4_102_444_799 });

/** A person's given or family name. */
export const personName = fc.stringMatching(/^[A-Z][a-z]{1,12}(?:[ '-][A-Z][a-z]{1,12})?$/);

/** A SKU or item number as ERPs and storefronts write them. */
export const sku = fc.stringMatching(/^[A-Z0-9][A-Z0-9-]{0,19}$/);
