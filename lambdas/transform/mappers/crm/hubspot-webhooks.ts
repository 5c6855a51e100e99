import * as z from 'zod';
import type { VendorEventMapper } from '../canonical-output';
import { SOURCE_EVENT_TYPES } from '../../../shared/source-event-types';
import { numericIdText, vendorNumericIdSchema } from '../vendor-schema';

/** HubSpot subscription types whose object maps to a canonical customer once fetched. */
export const HUBSPOT_CONTACT_SUBSCRIPTIONS: readonly string[] = SOURCE_EVENT_TYPES.crm;

/** One event of a HubSpot webhook body; HubSpot batches up to 100 of them in a JSON array. */
export const hubSpotWebhookEventSchema = z.object({
  eventId: z.int(),
  subscriptionType: z.string(),
  objectId: vendorNumericIdSchema,
  /** Epoch milliseconds. */
  occurredAt: z.int(),
  propertyName: z.string().optional(),
});

/** The fields of a HubSpot webhook body the mapper relies on. */
export const hubSpotWebhookSchema = z.array(hubSpotWebhookEventSchema).min(1);

export type HubSpotWebhook = z.infer<typeof hubSpotWebhookSchema>;

/**
 * A HubSpot webhook names contacts and carries none of their fields, so it is always partial: the contact must be
 * read from the CRM v3 API (`completion: {entity: 'contacts', id}`) and mapped from there. A body about several
 * contacts has no single completion; `splitVendorRecord` turns it into one record per contact first.
 */
export const hubSpotWebhookMapper: VendorEventMapper<HubSpotWebhook> = {
  schema: hubSpotWebhookSchema,
  map(events, _context, issues) {
    const contactIds = new Map<string, number>();
    events.forEach((event, index) => {
      issues.epochMillis(event.occurredAt, `${index}.occurredAt`);
      const contactId = numericIdText(event.objectId);
      if (HUBSPOT_CONTACT_SUBSCRIPTIONS.includes(event.subscriptionType) && !contactIds.has(contactId)) {
        contactIds.set(contactId, index);
      }
    });
    for (const [contactId, index] of contactIds) {
      issues.absent(
        `${index}.objectId`,
        `contact ${contactId}: name and updatedAt are required by the canonical contract; the webhook carries only the id`,
      );
    }
    const [onlyContact, ...others] = contactIds.keys();
    if (onlyContact !== undefined && others.length === 0) issues.completeFrom({ entity: 'contacts', id: onlyContact });
    return [];
  },
};
