import { parseVendorJson } from '../../vendor-json/parse-vendor-json';
import { lookup } from '../../../shared/lookup';
import { type ErpEventType } from '../../../shared/source-event-types';
import { unsupportedEventType } from '../map-result';
import {
  eventTypeInBody,
  mappingContext,
  parseFetchedObject,
  payloadMapper,
  type PayloadMapper,
  type SourceMapper,
} from '../source-mapper';
import { businessCentralNotificationMapper, isNotification } from './business-central';
import { businessCentralCustomerMapper } from './customers';
import { businessCentralItemMapper } from './items';

interface KindMappers {
  readonly record: PayloadMapper;
  readonly notification: PayloadMapper;
}

const itemMappers: KindMappers = {
  record: payloadMapper(businessCentralItemMapper),
  notification: payloadMapper(businessCentralNotificationMapper('item')),
};
const customerMappers: KindMappers = {
  record: payloadMapper(businessCentralCustomerMapper),
  notification: payloadMapper(businessCentralNotificationMapper('customer')),
};

const MAPPERS_BY_TYPE = {
  'item.created': itemMappers,
  'item.updated': itemMappers,
  'customer.created': customerMappers,
  'customer.updated': customerMappers,
} as const satisfies Record<ErpEventType, KindMappers>;

/**
 * The ERP (Business Central API v2.0 entities in a Standard Webhooks envelope, the type in the body). `data` is
 * either the record or BC's own change notification, which names the record without carrying it. Completion puts
 * the record fetched from the API into the original envelope, so the level keeps the envelope's timestamp.
 */
export const erpMapper: SourceMapper = {
  map(record, payload) {
    const found = eventTypeInBody(payload, 'type');
    if (!found.ok) return found.failure;
    const mappers = lookup<KindMappers>(MAPPERS_BY_TYPE, found.eventType);
    if (mappers === undefined) return unsupportedEventType({ ...record, eventType: found.eventType });
    const data = (payload as Record<string, unknown>).data;
    const mapper = isNotification(data) ? mappers.notification : mappers.record;
    return mapper(payload, mappingContext(record));
  },
  completeRecord(record, fetchedRecord) {
    const fetched = parseFetchedObject(fetchedRecord);
    if (!fetched.ok) return fetched;
    const original = parseVendorJson(record.body);
    const envelope = original.ok ? original.value : undefined;
    if (typeof envelope !== 'object' || envelope === null)
      return { ok: false, error: 'webhook body is not an envelope' };
    const { type, timestamp } = envelope as Record<string, unknown>;
    if (typeof type !== 'string' || typeof timestamp !== 'string') {
      return { ok: false, error: 'webhook envelope lacks a string type or timestamp' };
    }
    if (lookup<KindMappers>(MAPPERS_BY_TYPE, type) === undefined)
      return { ok: false, error: `no completion for envelope type "${type}"` };
    const body = `{"type":${JSON.stringify(type)},"timestamp":${JSON.stringify(timestamp)},"data":${fetchedRecord}}`;
    return { ok: true, record: { ...record, body } };
  },
};
