import * as z from 'zod';
import type { Customer } from '../../../../schemas';
import { canonicalEvent, entityId, type VendorEventMapper } from '../canonical-output';
import { presentText } from '../mapping-issues';
import { canonicalName } from '../person-name';
import { vendorTimestampSchema } from '../vendor-schema';

const property = z.string().nullish();

/** The fields of a HubSpot CRM v3 contact (as `GET /crm/v3/objects/contacts/{id}` returns it) the mapper relies on. */
export const hubSpotContactSchema = z.object({
  /** A string of digits here, while webhooks send the same id as a JSON number. */
  id: z.string().regex(/^\d+$/, 'expected a numeric string id'),
  properties: z.object({
    firstname: property,
    lastname: property,
    email: property,
    phone: property,
    company: property,
  }),
  createdAt: vendorTimestampSchema,
  updatedAt: vendorTimestampSchema,
  archived: z.boolean().optional(),
});

export type HubSpotContact = z.infer<typeof hubSpotContactSchema>;

/**
 * A HubSpot contact becomes a canonical customer. Every property value is a string (or null when cleared), and
 * the top-level `updatedAt` is the version. An archived contact is gone from the CRM and maps to no event; one
 * with neither first nor last name has no canonical name and is partial.
 */
export const hubSpotContactMapper: VendorEventMapper<HubSpotContact> = {
  schema: hubSpotContactSchema,
  map(contact, context, issues) {
    if (contact.archived === true) return [];
    const { properties } = contact;
    const names = canonicalName({ given: properties.firstname, family: properties.lastname });
    const name = issues.requiredText(names.name, 'properties.firstname', 'name');
    const created = issues.timestamp(contact.createdAt, 'createdAt');
    const updated = issues.timestamp(contact.updatedAt, 'updatedAt');

    const data: Customer = {
      id: entityId(context.source, contact.id),
      name,
      givenName: names.givenName,
      familyName: names.familyName,
      kind: 'person',
      email: presentText(properties.email),
      phone: presentText(properties.phone),
      company: presentText(properties.company),
      addresses: [],
      sourceIds: { [context.source]: contact.id },
      createdAt: created.iso,
      updatedAt: updated.iso,
    };
    const draft = { vendorEntityId: contact.id, subject: data.id, entityVersion: updated.epochMs, time: updated.iso };
    return [canonicalEvent(context, { ...draft, type: 'interchange.customer.v1', data })];
  },
};
