import * as z from 'zod';
import type { Customer } from '../../../../schemas';
import { canonicalEvent, entityId, type VendorEventMapper } from '../canonical-output';
import { presentText } from '../mapping-issues';
import { canonicalName } from '../person-name';
import { numericIdText, vendorNumericIdSchema, vendorTimestampSchema } from '../vendor-schema';
import { shopifyAddressSchema, toPostalAddress, type ShopifyAddress } from './shopify-fields';

/** The fields of a Shopify customer (customers/create, customers/update) the mapper relies on. */
export const shopifyCustomerSchema = z.object({
  id: vendorNumericIdSchema,
  email: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  phone: z.string().nullish(),
  currency: z.string().nullish(),
  created_at: vendorTimestampSchema.nullish(),
  updated_at: vendorTimestampSchema,
  addresses: z.array(shopifyAddressSchema),
  default_address: shopifyAddressSchema.nullish(),
});

export type ShopifyCustomer = z.infer<typeof shopifyCustomerSchema>;

/**
 * A Shopify customer becomes a canonical customer. Webhooks may list no `addresses` while carrying a
 * `default_address`, so the default is added unless the list already has it. A customer with neither a first
 * nor a last name (an email-only sign-up) has no canonical name and is partial; Shopify's API has no more.
 */
export const shopifyCustomerMapper: VendorEventMapper<ShopifyCustomer> = {
  schema: shopifyCustomerSchema,
  map(customer, context, issues) {
    const customerId = numericIdText(customer.id);
    const updated = issues.timestamp(customer.updated_at, 'updated_at');
    const created = customer.created_at ? issues.timestamp(customer.created_at, 'created_at') : undefined;
    const names = canonicalName({
      given: customer.first_name,
      family: customer.last_name,
      full: customer.first_name || customer.last_name ? undefined : customer.default_address?.name,
    });
    const name = issues.requiredText(names.name, 'first_name', 'name');
    const currency = presentText(customer.currency);

    const data: Customer = {
      id: entityId(context.source, customerId),
      name,
      givenName: names.givenName,
      familyName: names.familyName,
      kind: 'person',
      email: presentText(customer.email),
      phone: presentText(customer.phone),
      preferredCurrency: currency !== undefined && /^[A-Z]{3}$/.test(currency) ? currency : undefined,
      addresses: withDefaultAddress(customer.addresses, customer.default_address).map(toPostalAddress),
      sourceIds: { [context.source]: customerId },
      createdAt: created?.iso,
      updatedAt: updated.iso,
    };
    const draft = { vendorEntityId: customerId, subject: data.id, entityVersion: updated.epochMs, time: updated.iso };
    return [canonicalEvent(context, { ...draft, type: 'interchange.customer.v1', data })];
  },
};

function withDefaultAddress(
  addresses: readonly ShopifyAddress[],
  defaultAddress: ShopifyAddress | null | undefined,
): readonly ShopifyAddress[] {
  if (!defaultAddress) return addresses;
  const listed = addresses.some((address) => address.id != null && String(address.id) === String(defaultAddress.id));
  return listed ? addresses : [defaultAddress, ...addresses];
}
