import { lookup } from '../../../shared/lookup';
import { type LogisticsEventType } from '../../../shared/source-event-types';
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
const MAPPERS_BY_TYPE = {
  'tracker.updated': payloadMapper(easyPostTrackerMapper),
  'order.shipment.tracking_received': payloadMapper(shipBobTrackingMapper),
} as const satisfies Record<LogisticsEventType, PayloadMapper>;

/**
 * Logistics (3PL and carrier trackers). ShipBob names its topic in a header, which ingest puts in the record;
 * EasyPost names it in the body (`description` of an `Event`), so a record without a type is read from there.
 */
export const logisticsMapper: SourceMapper = {
  map(record, payload) {
    const eventType = record.eventType === '' ? easyPostEventType(payload) : record.eventType;
    const mapper = eventType === undefined ? undefined : lookup<PayloadMapper>(MAPPERS_BY_TYPE, eventType);
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
