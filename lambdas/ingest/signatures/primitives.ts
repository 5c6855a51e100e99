import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SignatureFailure, SignatureVerification } from './types';

/** The failing half of a verification, so a parser can return it alongside its own success shape. */
export type SignatureRejection = Extract<SignatureVerification, { readonly ok: false }>;

/** A failed verification, spelled once so every scheme answers in the same shape. */
export function rejected(failure: SignatureFailure): SignatureRejection {
  return { ok: false, failure };
}

/**
 * HMAC-SHA256 of the parts concatenated. Parts are fed one by one so a large body is hashed in place rather than
 * copied into a joined buffer; string parts are UTF-8.
 */
export function hmacSha256(key: string | Buffer, parts: readonly (string | Buffer)[]): Buffer {
  const hmac = createHmac('sha256', key);
  for (const part of parts) hmac.update(part);
  return hmac.digest();
}

/**
 * Whether any received signature equals any expected one. Every pair is compared in constant time and the loop
 * does not stop early, so the time taken says nothing about how close a forgery came. A length mismatch is a plain
 * mismatch: the expected length is fixed per scheme and public, so checking it first leaks nothing.
 */
export function anySignatureMatches(received: readonly string[], expected: readonly string[]): boolean {
  let matched = false;
  for (const candidate of received) {
    const candidateBytes = Buffer.from(candidate, 'utf8');
    for (const signature of expected) {
      const signatureBytes = Buffer.from(signature, 'utf8');
      const equal = candidateBytes.length === signatureBytes.length && timingSafeEqual(candidateBytes, signatureBytes);
      matched = equal || matched;
    }
  }
  return matched;
}

/** Secrets that can sign at all: an empty secret is a configuration mistake and must never vouch for anything. */
export function usableSecrets(secrets: readonly string[]): readonly string[] {
  return secrets.filter((secret) => typeof secret === 'string' && secret.length > 0);
}

/**
 * A header's value with surrounding whitespace removed, or undefined when it is absent or empty. Only own string
 * values count, so a name such as `constructor` never reaches the object's prototype.
 */
export function readHeader(headers: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  if (!Object.hasOwn(headers, name)) return undefined;
  const value = headers[name];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Whole epoch seconds as vendors write them: digits only, no sign, no fraction, no exponent. */
const UNIX_SECONDS = /^\d{1,12}$/;

/** The epoch seconds a timestamp field carries, or undefined when it is not plain digits. */
export function parseUnixSeconds(text: string): number | undefined {
  return UNIX_SECONDS.test(text) ? Number(text) : undefined;
}

/**
 * Whether a signed time lies within the tolerance of now, in either direction: a timestamp from the future is as
 * suspect as an old one. Written so that NaN anywhere (a clock or tolerance gone wrong) fails closed.
 */
export function isWithinTolerance(signedAt: number, nowSeconds: number, toleranceSeconds: number): boolean {
  return Math.abs(nowSeconds - signedAt) <= toleranceSeconds;
}
