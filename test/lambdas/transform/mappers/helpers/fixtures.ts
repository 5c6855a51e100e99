import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VendorRecord } from '../../../../../lambdas/transform/mappers';
import { parseVendorJson } from '../../../../../lambdas/transform/vendor-json/parse-vendor-json';

/** Where vendor payloads and their golden canonical output live. */
export const FIXTURES_DIRECTORY = join(__dirname, '../../../../fixtures');

/** One golden case: a vendor payload, how it is delivered, and the committed expected MapResult. */
export interface FixtureCase {
  readonly source: string;
  readonly eventType: string;
  readonly payload: string;
  readonly expected: string;
}

/** Every golden case, in manifest order. */
export function fixtureCases(): readonly FixtureCase[] {
  return JSON.parse(readFileSync(join(FIXTURES_DIRECTORY, 'manifest.json'), 'utf8')) as FixtureCase[];
}

/** A fixture file's raw text, e.g. 'storefront/orders-create.json'. */
export function fixtureText(relativePath: string): string {
  return readFileSync(join(FIXTURES_DIRECTORY, relativePath), 'utf8');
}

/** A fixture parsed the way the transform parses it (ids above 2^53 kept as digit strings). */
export function fixturePayload(relativePath: string): unknown {
  const parsed = parseVendorJson(fixtureText(relativePath));
  if (!parsed.ok) throw new Error(`fixture ${relativePath} is not JSON: ${parsed.error}`);
  return parsed.value;
}

/** A vendor record as ingest would enqueue it. */
export function vendorRecord(source: string, eventType: string, body: string): VendorRecord {
  return { source, eventType, body, correlationId: 'corr-test', receivedAt: '2026-01-01T00:00:00.000Z' };
}

/** A record whose body is a fixture file, unchanged. */
export function fixtureRecord(source: string, eventType: string, relativePath: string): VendorRecord {
  return vendorRecord(source, eventType, fixtureText(relativePath));
}

const BIG_INTEGER_MARK = '\u0000bigint:';

/** A JSON number literal beyond 2^53 for `toVendorJson`, which writes it as a bare number like vendors do. */
export function bigIntegerLiteral(digits: string): string {
  return `${BIG_INTEGER_MARK}${digits}`;
}

/**
 * Serialises a payload the way a vendor would: values made by `bigIntegerLiteral` become bare JSON numbers beyond
 * 2^53. (Ids the parser kept as digit strings stay strings, which the mappers accept as well.)
 */
export function toVendorJson(payload: unknown): string {
  return JSON.stringify(payload).replace(/"\\u0000bigint:(-?\d+)"/g, '$1');
}

/** Returns a deep copy of the payload with `edit` applied to the object holding the last path segment. */
export function editAt(
  payload: unknown,
  path: string,
  edit: (holder: Record<string, unknown>, key: string) => void,
): unknown {
  const copy: unknown = structuredClone(payload);
  const segments = path.split('.');
  const key = segments.pop();
  let holder: unknown = copy;
  for (const segment of segments) holder = (holder as Record<string, unknown>)[segment];
  if (typeof holder !== 'object' || holder === null || key === undefined) throw new Error(`no field at ${path}`);
  edit(holder as Record<string, unknown>, key);
  return copy;
}

/** The payload with the field at `path` removed. */
export function withoutField(payload: unknown, path: string): unknown {
  return editAt(payload, path, (holder, key) => {
    if (Array.isArray(holder)) holder.splice(Number(key), 1);
    else delete holder[key];
  });
}

/** The payload with the field at `path` set to `value`. */
export function withField(payload: unknown, path: string, value: unknown): unknown {
  return editAt(payload, path, (holder, key) => {
    holder[key] = value;
  });
}

/** The payload with the field at `path` renamed to `newName`, as a vendor's format change would. */
export function withRenamedField(payload: unknown, path: string, newName: string): unknown {
  return editAt(payload, path, (holder, key) => {
    holder[newName] = holder[key];
    delete holder[key];
  });
}
