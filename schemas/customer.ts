import * as z from 'zod';
import { currencyCodeSchema } from './money';
import { entityIdSchema, postalAddressSchema, sourceIdsSchema, utcTimestampSchema } from './value-types';

/**
 * A customer as every destination sees it, whichever system it came from. One system's
 * `{customerId, firstName, lastName}` and another's `{id, full_name}` both arrive here as one `name`.
 */
export const customerSchema = z
  .object({
    id: entityIdSchema,
    /** The name to address the customer by: a person's full name or a company's display name. */
    name: z.string().min(1),
    /** Given and family name, when the source keeps them apart; `name` is always filled. */
    givenName: z.string().min(1).optional(),
    familyName: z.string().min(1).optional(),
    kind: z.enum(['person', 'company']).optional(),
    /** As the vendor holds it: not format-checked, since vendors keep addresses strict parsers reject. */
    email: z.string().min(1).optional(),
    phone: z.string().min(1).optional(),
    company: z.string().min(1).optional(),
    preferredCurrency: currencyCodeSchema.optional(),
    /** True when the source stops business with the customer (an ERP's "blocked" flag); absent when unknown. */
    blocked: z.boolean().optional(),
    addresses: z.array(postalAddressSchema),
    sourceIds: sourceIdsSchema,
    createdAt: utcTimestampSchema.optional(),
    updatedAt: utcTimestampSchema,
  })
  .meta({ description: 'A customer, whichever system it came from, with one canonical name.' });

export type Customer = z.infer<typeof customerSchema>;
