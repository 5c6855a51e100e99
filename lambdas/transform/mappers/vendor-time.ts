/**
 * Vendor timestamps to one canonical form. Vendors send offsets (`-05:00`), 7 fractional digits from .NET
 * (`…09.3614767Z`, which `Date.parse` mishandles on some runtimes), epoch seconds (Stripe) and epoch milliseconds
 * (HubSpot); all become an epoch-millisecond instant and its ISO UTC text with exactly three fractional digits.
 */

/** An instant as Interchange carries it: epoch milliseconds and the matching `YYYY-MM-DDTHH:mm:ss.sssZ`. */
export interface Instant {
  readonly epochMs: number;
  readonly iso: string;
}

const ISO_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)$/;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})/;
/** Four-digit years only, so every instant prints in the same fixed-width form. */
const LATEST_EPOCH_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const EARLIEST_EPOCH_MS = Date.UTC(1000, 0, 1);

/**
 * Parses an ISO 8601 timestamp that states its zone (`Z` or an offset), with up to 9 fractional digits; digits
 * beyond milliseconds are dropped. A time without a zone is refused: which zone it meant cannot be known.
 */
export function parseVendorTimestamp(text: string): Instant | undefined {
  const match = ISO_TIMESTAMP.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second = '0', fraction = '', zone = 'Z'] = match;
  const fields = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [y, mo, d, h, mi, s] = fields;
  if (!isCalendarDay(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
  const offsetMinutes = parseOffset(zone);
  if (offsetMinutes === undefined) return undefined;
  const milliseconds = Number(fraction.padEnd(3, '0').slice(0, 3));
  const local = new Date(0);
  local.setUTCFullYear(y, mo - 1, d);
  local.setUTCHours(h, mi, s, milliseconds);
  return fromEpochMillis(local.getTime() - offsetMinutes * 60_000);
}

/** An instant from epoch milliseconds (HubSpot's `occurredAt`), if it is a whole number in range. */
export function fromEpochMillis(epochMs: number): Instant | undefined {
  if (!Number.isSafeInteger(epochMs) || epochMs < EARLIEST_EPOCH_MS || epochMs > LATEST_EPOCH_MS) return undefined;
  return { epochMs, iso: new Date(epochMs).toISOString() };
}

/** An instant from epoch seconds (Stripe's `created`), if it is a whole number in range. */
export function fromEpochSeconds(epochSeconds: number): Instant | undefined {
  return Number.isSafeInteger(epochSeconds) ? fromEpochMillis(epochSeconds * 1000) : undefined;
}

/**
 * Epoch microseconds of a timestamp with sub-millisecond digits (Shopify's `X-Shopify-Triggered-At` has nine):
 * the digits past milliseconds that `parseVendorTimestamp` drops are kept down to the microsecond.
 */
export function parseEpochMicros(text: string): number | undefined {
  const instant = parseVendorTimestamp(text);
  if (instant === undefined) return undefined;
  const fraction = ISO_TIMESTAMP.exec(text)?.[7] ?? '';
  return instant.epochMs * 1000 + Number(fraction.padEnd(6, '0').slice(3, 6));
}

/**
 * The sequence that orders two changes of one entity sharing an entity version: the vendor's precise trigger time
 * when it sends one, otherwise when ingest accepted the webhook (arrival order, to the millisecond).
 */
export function changeSequence(triggeredAt: string | undefined, receivedAt: string): number | undefined {
  const precise = triggeredAt === undefined ? undefined : parseEpochMicros(triggeredAt);
  if (precise !== undefined) return precise;
  const accepted = parseVendorTimestamp(receivedAt);
  return accepted === undefined ? undefined : accepted.epochMs * 1000;
}

/** Whether `parseVendorTimestamp` accepts the text; vendor schemas refine with it so a bad time is drift. */
export function isVendorTimestamp(text: string): boolean {
  return parseVendorTimestamp(text) !== undefined;
}

/**
 * The calendar day a carrier promises, from a date (`2024-08-05`) or from the date part of a timestamp, read as
 * written: a promised day is a local day, and shifting it to UTC could move it to the day before.
 */
export function parseCalendarDate(text: string): string | undefined {
  const match = CALENDAR_DATE.exec(text);
  if (match === null) return undefined;
  const [whole, year, month, day] = match;
  const rest = text.slice(whole.length);
  if (rest !== '' && parseVendorTimestamp(text) === undefined) return undefined;
  return isCalendarDay(Number(year), Number(month), Number(day)) ? whole : undefined;
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate();
  const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && !isLeap ? 28 : daysInMonth);
}

function parseOffset(zone: string): number | undefined {
  if (zone === 'Z' || zone === 'z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}
