import * as z from 'zod';

/** ISO 4217 alphabetic currency code, upper case (`USD`, `JPY`, `KWD`). */
export const currencyCodeSchema = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 alphabetic code such as USD');

/**
 * An amount of money as an integer count of the currency's minor unit (cents for USD, yen for JPY, fils for KWD).
 * Never a float: 0.1 + 0.2 is not 0.3 in binary floating point, and money that drifts by a cent does not reconcile.
 * Amounts are magnitudes; whether money comes in or goes out is said by the field (a refund, a discount).
 */
export const moneySchema = z
  .object({
    amountMinor: z.int().nonnegative(),
    currency: currencyCodeSchema,
  })
  .meta({ description: "An amount as a non-negative integer count of the currency's minor unit (8999 USD = $89.99)." });

export type CurrencyCode = z.infer<typeof currencyCodeSchema>;
export type Money = z.infer<typeof moneySchema>;
