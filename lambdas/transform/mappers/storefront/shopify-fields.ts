import * as z from 'zod';
import type { PostalAddress } from '../../../../schemas';
import { presentText } from '../mapping-issues';
import { vendorDecimalSchema } from '../vendor-schema';

/** Shopify's shop currency: an upper-case ISO 4217 code. `XXX` ("no currency") is refused where money is meant. */
export const shopifyCurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code');

/**
 * A Shopify money set. Only `shop_money` is relied on: amounts are booked in the shop's currency, while
 * `presentment_money` is what the buyer saw and is counted as an unknown field.
 */
export const shopifyMoneySetSchema = z.object({
  shop_money: z.object({ amount: vendorDecimalSchema, currency_code: shopifyCurrencySchema }),
});

/** A Shopify order, customer or destination address; any part may be null. */
export const shopifyAddressSchema = z.object({
  id: z.union([z.number(), z.string()]).nullish(),
  name: z.string().nullish(),
  company: z.string().nullish(),
  address1: z.string().nullish(),
  address2: z.string().nullish(),
  city: z.string().nullish(),
  province: z.string().nullish(),
  province_code: z.string().nullish(),
  zip: z.string().nullish(),
  country_code: z.string().nullish(),
  phone: z.string().nullish(),
});

export type ShopifyAddress = z.infer<typeof shopifyAddressSchema>;

/** A Shopify address in canonical form; country codes that are not ISO alpha-2 are left out rather than guessed. */
export function toPostalAddress(address: ShopifyAddress): PostalAddress {
  const countryCode = presentText(address.country_code)?.toUpperCase();
  return {
    name: presentText(address.name),
    company: presentText(address.company),
    line1: presentText(address.address1),
    line2: presentText(address.address2),
    city: presentText(address.city),
    region: presentText(address.province_code) ?? presentText(address.province),
    postalCode: presentText(address.zip),
    countryCode: countryCode !== undefined && /^[A-Z]{2}$/.test(countryCode) ? countryCode : undefined,
    phone: presentText(address.phone),
  };
}
