import { parseVendorJson } from '../vendor-json/parse-vendor-json';
import { crmMapper, splitHubSpotBatch } from './crm';
import { erpMapper } from './erp';
import { splitBusinessCentralBatch } from './erp/business-central';
import { logisticsMapper } from './logistics';
import { lookup } from '../../shared/lookup';
import { mapFailure, unsupportedEventType, type MapResult, type VendorRecord } from './map-result';
import { paymentsMapper } from './payments';
import type { CompletedRecord, SourceMapper } from './source-mapper';
import { storefrontMapper } from './storefront';

export type { CompletionHint, MapResult, PayloadIssue, VendorRecord } from './map-result';
export type { CompletedRecord } from './source-mapper';

const MAPPERS_BY_SOURCE: Readonly<Record<string, SourceMapper>> = {
  storefront: storefrontMapper,
  payments: paymentsMapper,
  erp: erpMapper,
  logistics: logisticsMapper,
  crm: crmMapper,
};

function sourceMapper(source: string): SourceMapper | undefined {
  return lookup(MAPPERS_BY_SOURCE, source);
}

/**
 * Maps one vendor record to canonical events, or says why it cannot: not JSON, no mapper for its source and type,
 * drift (the vendor's format changed under the mapper) or partial (fields the contract requires are missing).
 * Pure and total: it never throws, whatever the body holds.
 */
export function mapVendorRecord(record: VendorRecord): MapResult {
  const mapper = sourceMapper(record.source);
  if (mapper === undefined) return unsupportedEventType(record, `no mappers for source "${record.source}"`);
  const parsed = parseVendorJson(record.body);
  if (!parsed.ok) return mapFailure('unparsable', [{ path: '', message: parsed.error }]);
  return mapper.map(record, parsed.value);
}

/**
 * Rebuilds a partial record from the full record the source's API returned for its `completion`, ready for
 * `mapVendorRecord` again. `fetchedRecord` is the entity's JSON object as the API returns it, unwrapped from any
 * envelope (HubSpot: the contact; Business Central: the item or customer; Shopify: the order, or the inventory
 * item for a level without SKU).
 */
export function completeVendorRecord(record: VendorRecord, fetchedRecord: string): CompletedRecord {
  const mapper = sourceMapper(record.source);
  if (mapper === undefined) return { ok: false, error: `no mappers for source "${record.source}"` };
  return mapper.completeRecord(record, fetchedRecord);
}

/** Sources whose webhooks are batches about several entities, and how each is split. */
const SPLIT_BY_SOURCE: Readonly<Record<string, (record: VendorRecord) => readonly VendorRecord[]>> = {
  crm: splitHubSpotBatch,
  erp: splitBusinessCentralBatch,
};

/**
 * Splits a record that is a batch about several entities (HubSpot posts up to 100 events per request, Business
 * Central a `{"value": [...]}` of notifications) into one record per entity, so each can be completed on its own.
 * Every other record comes back alone.
 */
export function splitVendorRecord(record: VendorRecord): readonly VendorRecord[] {
  const split = lookup(SPLIT_BY_SOURCE, record.source);
  return split ? split(record) : [record];
}
