import * as z from 'zod';

/**
 * An instant in UTC with millisecond precision (`2021-12-31T19:00:00.000Z`). One fixed shape, so consumers
 * compare timestamps as strings and never meet a vendor's offsets or 7-digit fractions.
 */
export const utcTimestampSchema = z.iso.datetime({ precision: 3 });

/** A calendar day without a time zone (`2024-08-05`): carriers promise delivery days, not instants. */
export const calendarDateSchema = z.iso.date();

/**
 * Interchange's id for an entity: `<source>:<vendor id>`, e.g. `storefront:820982911946154508`. Vendor ids are
 * only unique inside their own system, so the source that issued the id is part of it. Vendor ids are always
 * strings here, even when the vendor sends numbers above 2^53.
 */
export const entityIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]*:\S.*$/, 'must be "<source>:<vendor id>", e.g. "storefront:820982911946154508"');

/**
 * The entity's id in each system that knows it, keyed by source name (`{ storefront: '706405506930370084' }`).
 * Destinations look records up by their own id; identity resolution across systems stays out of the contract.
 */
export const sourceIdsSchema = z.record(z.string().min(1), z.string().min(1));

/** ISO 3166-1 alpha-2 country code, upper case. */
export const countryCodeSchema = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as US');

/** A postal address. Every part is optional because vendors leave any of them out; empty strings are absent. */
export const postalAddressSchema = z.object({
  name: z.string().min(1).optional(),
  company: z.string().min(1).optional(),
  line1: z.string().min(1).optional(),
  line2: z.string().min(1).optional(),
  city: z.string().min(1).optional(),
  /** State or province as the vendor wrote it, preferring a code (`KY`) over a name (`Kentucky`). */
  region: z.string().min(1).optional(),
  postalCode: z.string().min(1).optional(),
  countryCode: countryCodeSchema.optional(),
  phone: z.string().min(1).optional(),
});

export type UtcTimestamp = z.infer<typeof utcTimestampSchema>;
export type EntityId = z.infer<typeof entityIdSchema>;
export type SourceIds = z.infer<typeof sourceIdsSchema>;
export type PostalAddress = z.infer<typeof postalAddressSchema>;
