import type { StateKeyExtractor } from './traffic-log';

const field = (value: unknown, name: string): unknown =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[name]
    : undefined;
const text = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;

/**
 * The subject a request to a fake downstream sets, so its state shows what each system ends at: a shop's stock level
 * (SKU at a location), a CRM upsert's id, an ERP record's external id or id. Appends (track calls, notes) have none.
 */
export const subjectOfRequest: StateKeyExtractor = (body) => {
  const sku = text(field(body, 'sku'));
  const location = text(field(body, 'location_id'));
  if (sku !== undefined && location !== undefined && field(body, 'available') !== undefined)
    return `${sku}@${location}`;
  const inputs = field(body, 'inputs');
  if (Array.isArray(inputs) && inputs.length === 1) return text(field(inputs[0], 'id'));
  return (
    text(field(body, 'externalId')) ?? (field(body, 'version') !== undefined ? text(field(body, 'id')) : undefined)
  );
};
