import type { CurrencyCode, Money } from '../../../schemas';
import { mapFailure, type CompletionHint, type MapFailure, type PayloadIssue } from './map-result';
import { toMinorUnits } from '../../shared/minor-units';
import { fromEpochMillis, fromEpochSeconds, parseVendorTimestamp, type Instant } from './vendor-time';

const PLACEHOLDER_INSTANT: Instant = { epochMs: 0, iso: '1970-01-01T00:00:00.000Z' };

/**
 * Collects what goes wrong while a mapper converts a payload that fitted its vendor schema: values that cannot be
 * converted (drift) and canonical fields the payload lacks (partial). The converters return a placeholder after
 * recording an issue, so mapping code reads straight through; any recorded issue makes the whole record fail, so
 * a placeholder never reaches a destination.
 */
export class MappingIssues {
  private readonly drift: PayloadIssue[] = [];
  private readonly missing: PayloadIssue[] = [];
  private completion: CompletionHint | undefined;

  /** A value that fits the vendor schema's shape but cannot be converted (e.g. 12.345 USD). */
  invalid(path: string, message: string): void {
    this.drift.push({ path, message });
  }

  /** A field the canonical contract requires and the payload does not carry. */
  absent(path: string, message: string): void {
    this.missing.push({ path, message });
  }

  /** Where the source's API holds the full record; reported only if the payload turns out partial. */
  completeFrom(hint: CompletionHint): void {
    this.completion = hint;
  }

  /** Decimal amount to Money; excess precision or a malformed amount is drift. */
  money(amount: string | number, currency: CurrencyCode, path: string): Money {
    const converted = toMinorUnits(amount, currency);
    if (converted.ok && converted.amountMinor >= 0) return { amountMinor: converted.amountMinor, currency };
    this.invalid(path, converted.ok ? `negative amount ${amount}` : converted.error);
    return { amountMinor: 0, currency };
  }

  /** Minor-unit integer (Stripe's `amount`) to Money. */
  minorUnits(amountMinor: number, currency: CurrencyCode, path: string): Money {
    if (Number.isSafeInteger(amountMinor) && amountMinor >= 0) return { amountMinor, currency };
    this.invalid(path, `${amountMinor} is not a non-negative whole number of minor units`);
    return { amountMinor: 0, currency };
  }

  /** ISO 8601 timestamp with a zone to an Instant. */
  timestamp(text: string, path: string): Instant {
    return this.orInvalid(parseVendorTimestamp(text), path, `"${text}" is not an ISO 8601 timestamp with a zone`);
  }

  /** Epoch seconds to an Instant. */
  epochSeconds(seconds: number, path: string): Instant {
    return this.orInvalid(fromEpochSeconds(seconds), path, `${seconds} is not epoch seconds in range`);
  }

  /** Epoch milliseconds to an Instant. */
  epochMillis(milliseconds: number, path: string): Instant {
    return this.orInvalid(fromEpochMillis(milliseconds), path, `${milliseconds} is not epoch milliseconds in range`);
  }

  /** A canonical text field that must be present; null, missing or blank makes the record partial. */
  requiredText(value: string | null | undefined, path: string, canonicalField: string): string {
    const text = value?.trim();
    if (text) return text;
    this.absent(path, `${canonicalField} is required by the canonical contract and the payload has none`);
    return '';
  }

  /** The failure the recorded issues amount to: drift wins over partial; undefined when nothing went wrong. */
  failure(): MapFailure | undefined {
    if (this.drift.length > 0) return mapFailure('drift', this.drift);
    if (this.missing.length > 0) return mapFailure('partial', this.missing, this.completion);
    return undefined;
  }

  private orInvalid(instant: Instant | undefined, path: string, message: string): Instant {
    if (instant !== undefined) return instant;
    this.invalid(path, message);
    return PLACEHOLDER_INSTANT;
  }
}

/** Text with surrounding blanks removed, or undefined when nothing is left (ERPs send "" and " " for none). */
export function presentText(value: string | null | undefined): string | undefined {
  const text = value?.trim();
  return text ? text : undefined;
}
