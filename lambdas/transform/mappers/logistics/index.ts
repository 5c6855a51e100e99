import { lookup } from '../../../shared/lookup';
import { unsupportedEventType } from '../map-result';
import {
  mappingContext,
  noCompletion,
  payloadMapper,
  topLevelField,
  type PayloadMapper,
  type SourceMapper,
} from '../source-mapper';
import { easyPostTrackerMapper } from './easypost-trackers';
import { shipBobTrackingMapper } from './shipbob-tracking';

/**
 * Event types are the providers' own names, which do not overlap (EasyPost's `tracker.updated`, ShipBob's
 * `order.shipment.*`), so the type alone says which provider sent the record.
 */
const MAPPERS_BY_TYPE: Readonly<Record<string, PayloadMapper>> = {
  'tracker.updated': payloadMapper(easyPostTrackerMapper),
  'order.shipment.tracking_received': payloadMapper(shipBobTrackingMapper),
};

/**
 * Logistics (3PL and carrier trackers). ShipBob names its topic in a header, which ingest puts in the record;
 * EasyPost names it in the body (`description` of an `Event`), so a record without a type is read from there.
 */
export const logisticsMapper: SourceMapper = {
  eventTypes: Object.keys(MAPPERS_BY_TYPE),
  map(record, payload) {
    const eventType = record.eventType === '' ? easyPostEventType(payload) : record.eventType;
    const mapper = eventType === undefined ? undefined : lookup(MAPPERS_BY_TYPE, eventType);
    if (mapper === undefined) {
      return unsupportedEventType(record, `no logistics mapper for event type "${eventType ?? record.eventType}"`);
    }
    // An EasyPost Event carries its own id (`evt_…`); ShipBob names none in the body.
    const eventId = easyPostEventType(payload) === undefined ? undefined : topLevelField(payload, 'id');
    return mapper(payload, mappingContext(record, eventId));
  },
  completeRecord: noCompletion,
};

function easyPostEventType(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const { object, description } = payload as Record<string, unknown>;
  return object === 'Event' && typeof description === 'string' ? description : undefined;
}
