import { parseVendorJson } from '../../vendor-json/parse-vendor-json';
import { unsupportedEventType, type VendorRecord } from '../map-result';
import { mappingContext, parseFetchedObject, payloadMapper, type SourceMapper } from '../source-mapper';
import { hubSpotContactMapper } from './hubspot-contacts';
import { HUBSPOT_CONTACT_SUBSCRIPTIONS, hubSpotWebhookMapper } from './hubspot-webhooks';

/** The event type of a contact as the CRM v3 API returns it, which is what completing a webhook yields. */
const CONTACT_RECORD = 'contact';

const mapContact = payloadMapper(hubSpotContactMapper);
const mapWebhook = payloadMapper(hubSpotWebhookMapper);

/**
 * The CRM (HubSpot). Webhook bodies are arrays of events with the type in each event (`subscriptionType`), so
 * their record type is '' or one of those; a contact fetched from the API has the type 'contact'. With no type,
 * the body's shape decides: an array is a webhook, an object is a contact.
 */
export const crmMapper: SourceMapper = {
  map(record, payload) {
    const context = mappingContext(record);
    if (record.eventType === CONTACT_RECORD) return mapContact(payload, context);
    if (record.eventType === '' && !Array.isArray(payload)) return mapContact(payload, context);
    if (record.eventType !== '' && !HUBSPOT_CONTACT_SUBSCRIPTIONS.includes(record.eventType)) {
      return unsupportedEventType(record);
    }
    if (Array.isArray(payload) && !payload.some(isContactEvent)) {
      return unsupportedEventType(record, `no CRM mapper for the subscription types in this batch`);
    }
    return mapWebhook(payload, context);
  },
  completeRecord(record, fetchedRecord) {
    const fetched = parseFetchedObject(fetchedRecord);
    if (!fetched.ok) return fetched;
    return { ok: true, record: { ...record, eventType: CONTACT_RECORD, body: fetchedRecord } };
  },
};

/**
 * Splits a HubSpot batch into one record per object, so each partial record has one completion. Events keep
 * their order; a body that is not a batch of several objects comes back as the record itself.
 */
export function splitHubSpotBatch(record: VendorRecord): readonly VendorRecord[] {
  const parsed = parseVendorJson(record.body);
  if (!parsed.ok || !Array.isArray(parsed.value)) return [record];
  const groups = new Map<string, unknown[]>();
  for (const event of parsed.value) {
    const key = objectKey(event);
    groups.set(key, [...(groups.get(key) ?? []), event]);
  }
  if (groups.size < 2) return [record];
  return [...groups.values()].map((events) => ({ ...record, body: JSON.stringify(events) }));
}

function isContactEvent(event: unknown): boolean {
  if (typeof event !== 'object' || event === null) return false;
  const { subscriptionType } = event as Record<string, unknown>;
  return typeof subscriptionType === 'string' && HUBSPOT_CONTACT_SUBSCRIPTIONS.includes(subscriptionType);
}

function objectKey(event: unknown): string {
  if (typeof event !== 'object' || event === null) return 'unknown';
  const { subscriptionType, objectId } = event as Record<string, unknown>;
  const objectType = typeof subscriptionType === 'string' ? subscriptionType.split('.')[0] : 'unknown';
  return `${objectType}:${String(objectId)}`;
}
