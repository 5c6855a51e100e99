import * as z from 'zod';
import type { Customer } from '../../../../schemas';
import { canonicalEvent, entityId, type VendorEventMapper } from '../canonical-output';
import { presentText } from '../mapping-issues';
import { canonicalName } from '../person-name';
import { vendorTimestampSchema } from '../vendor-schema';
import { businessCentralIdSchema, standardWebhookSchema } from './business-central';

const text = z.string().nullish();

/** The fields of a Business Central customer (API v2.0 `customers`) inside the envelope that the mapper relies on. */
export const businessCentralCustomerEventSchema = standardWebhookSchema(
  z.object({
    id: businessCentralIdSchema,
    number: z.string().min(1),
    displayName: text,
    type: z.enum(['Company', 'Person']).nullish(),
    addressLine1: text,
    addressLine2: text,
    city: text,
    state: text,
    country: text,
    postalCode: text,
    phoneNumber: text,
    email: text,
    currencyCode: text,
    /** " " (one space) means not blocked; the others name what is blocked. */
    blocked: z.enum([' ', '', 'Ship', 'Invoice', 'All']).nullish(),
    lastModifiedDateTime: vendorTimestampSchema.nullish(),
  }),
);

export type BusinessCentralCustomerEvent = z.infer<typeof businessCentralCustomerEventSchema>;

/**
 * A Business Central customer becomes a canonical customer named by its display name. BC writes "" for every
 * empty field and " " for "not blocked"; both read as absent here. Without a display name or a last-modified
 * time the record is partial, and the customers API holds the full record.
 */
export const businessCentralCustomerMapper: VendorEventMapper<BusinessCentralCustomerEvent> = {
  schema: businessCentralCustomerEventSchema,
  map(event, context, issues) {
    const customer = event.data;
    issues.completeFrom({ entity: 'customers', id: customer.id });
    const name = issues.requiredText(canonicalName({ full: customer.displayName }).name, 'data.displayName', 'name');
    const modified = presentText(customer.lastModifiedDateTime);
    if (modified === undefined) {
      issues.absent(
        'data.lastModifiedDateTime',
        'updatedAt is required by the canonical contract; the record has none',
      );
    }
    const updated = issues.timestamp(modified ?? event.timestamp, 'data.lastModifiedDateTime');
    const country = presentText(customer.country)?.toUpperCase();
    const currency = presentText(customer.currencyCode)?.toUpperCase();
    const blocked = presentText(customer.blocked);

    const data: Customer = {
      id: entityId(context.source, customer.id),
      name,
      kind: customer.type === 'Person' ? 'person' : customer.type === 'Company' ? 'company' : undefined,
      email: presentText(customer.email),
      phone: presentText(customer.phoneNumber),
      preferredCurrency: currency !== undefined && /^[A-Z]{3}$/.test(currency) ? currency : undefined,
      blocked: customer.blocked === null || customer.blocked === undefined ? undefined : blocked !== undefined,
      addresses: [
        {
          line1: presentText(customer.addressLine1),
          line2: presentText(customer.addressLine2),
          city: presentText(customer.city),
          region: presentText(customer.state),
          postalCode: presentText(customer.postalCode),
          countryCode: country !== undefined && /^[A-Z]{2}$/.test(country) ? country : undefined,
        },
      ].filter((address) => Object.values(address).some((part) => part !== undefined)),
      sourceIds: { [context.source]: customer.id },
      updatedAt: updated.iso,
    };
    const draft = { vendorEntityId: customer.id, subject: data.id, entityVersion: updated.epochMs, time: updated.iso };
    return [canonicalEvent(context, { ...draft, type: 'interchange.customer.v1', data })];
  },
};
