import * as z from 'zod';
import type { PayloadIssue } from './map-result';
import { isVendorTimestamp, parseCalendarDate } from './vendor-time';

/**
 * Each mapper states the vendor fields it relies on as a zod schema built from these pieces. Schemas only check
 * shapes (no transforms), so parsing returns the payload minus the fields the mapper does not know, and comparing
 * the two yields those fields.
 */

/** A numeric vendor id: a JSON number, or the exact digits `parseVendorJson` keeps for ids above 2^53. */
export const vendorNumericIdSchema = z.union([z.int().nonnegative(), z.string().regex(/^\d+$/)], {
  error: 'expected a numeric id',
});

/** A numeric vendor id as Interchange carries every id: a string of its exact digits. */
export function numericIdText(id: number | string): string {
  return String(id);
}

/** Money as vendors write it: a decimal string ("89.99") or a JSON number (89.99, 1000.8). */
export const vendorDecimalSchema = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)], {
  error: 'expected a decimal amount as a string or number',
});

/** An ISO 8601 timestamp with a zone; anything `parseVendorTimestamp` refuses is drift, named by its path. */
export const vendorTimestampSchema = z
  .string()
  .refine(isVendorTimestamp, 'expected an ISO 8601 timestamp with a time zone');

/** A calendar date, or a timestamp whose date part is the one meant. */
export const vendorDateSchema = z
  .string()
  .refine((text) => parseCalendarDate(text) !== undefined, 'expected an ISO 8601 date');

/** A vendor payload that fits its schema, with the paths the schema does not know. */
export type VendorParse<T> =
  | { readonly ok: true; readonly data: T; readonly unknownFields: readonly string[] }
  | { readonly ok: false; readonly issues: readonly PayloadIssue[] };

/**
 * Parses a payload against the fields a mapper relies on. A misfit lists every failing path with what was
 * expected; unknown fields are reported once per path, array positions written as `*`.
 */
export function parseVendorPayload<T>(schema: z.ZodType<T>, payload: unknown, basePath = ''): VendorParse<T> {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((issue) => describeIssue(issue, payload, basePath)) };
  }
  const unknown = new Set<string>();
  collectUnknownFields(payload, parsed.data, basePath, unknown);
  return { ok: true, data: parsed.data, unknownFields: [...unknown].sort() };
}

/** Joins a path the way PayloadIssue spells it: 'line_items.0.price'. */
export function joinPath(...parts: readonly (string | number)[]): string {
  return parts.filter((part) => part !== '').join('.');
}

function describeIssue(issue: z.core.$ZodIssue, payload: unknown, basePath: string): PayloadIssue {
  const segments = issue.path.map((segment) => (typeof segment === 'symbol' ? segment.toString() : segment));
  const path = joinPath(basePath, ...segments);
  const value = valueAt(payload, segments);
  const expected = issue.code === 'invalid_type' ? `expected ${issue.expected}` : issue.message;
  if (value === undefined) return { path, message: `missing (${expected})` };
  if (issue.code === 'invalid_type') return { path, message: `${expected}, got ${kindOf(value)}` };
  return { path, message: issue.message };
}

function valueAt(value: unknown, segments: readonly (string | number)[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function collectUnknownFields(input: unknown, known: unknown, path: string, found: Set<string>): void {
  if (Array.isArray(input) && Array.isArray(known)) {
    input.forEach((item, index) => collectUnknownFields(item, known[index], joinPath(path, '*'), found));
    return;
  }
  if (!isRecord(input) || !isRecord(known) || input === known) return;
  for (const key of Object.keys(input)) {
    const keyPath = joinPath(path, key);
    if (Object.hasOwn(known, key)) collectUnknownFields(input[key], known[key], keyPath, found);
    else found.add(keyPath);
  }
}
