import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { lookup } from '../shared/lookup';

/**
 * Per-caller API keys, checked without I/O. A key is `<caller id>.<43 base64url characters>` (32 random bytes), so
 * the caller is found without trying every hash; only its SHA-256 is stored, so neither the secret's readers nor
 * its backups can call the API. A key this long needs no slow hash: it cannot be guessed, only stolen.
 */

/** The callers secret: each caller's key hash and rate. `{}` (a fresh deployment) has no callers. */
export const readApiCallersSchema = z.object({
  callers: z
    .record(
      z.string().regex(/^[a-z][a-z0-9-]{1,30}$/),
      z.object({
        keySha256: z.string().regex(/^[0-9a-f]{64}$/),
        /** The caller's share of the read API, across every instance. */
        requestsPerSecond: z.number().positive().max(10_000).default(10),
      }),
    )
    .default({}),
});
export type ReadApiCallers = z.infer<typeof readApiCallersSchema>;

const KEY_PATTERN = /^([a-z][a-z0-9-]{1,30})\.([A-Za-z0-9_-]{43})$/;

/** The caller id and key of an `Authorization: Bearer <key>` header; undefined when it is not one. */
export function bearerKey(header: string | undefined): { caller: string; key: string } | undefined {
  const match = /^Bearer ([^\s]+)$/i.exec(header?.trim() ?? '');
  const key = match?.[1];
  const parts = key === undefined ? undefined : KEY_PATTERN.exec(key);
  return parts ? { caller: parts[1]!, key: key! } : undefined;
}

export function keySha256(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The caller and rate the header's key belongs to, compared in constant time; undefined when it belongs to none. */
export function authorizeKey(
  header: string | undefined,
  callers: ReadApiCallers,
): { caller: string; requestsPerSecond: number } | undefined {
  const presented = bearerKey(header);
  if (!presented) return undefined;
  const known = lookup(callers.callers, presented.caller);
  if (!known) return undefined;
  const matches = timingSafeEqual(Buffer.from(keySha256(presented.key), 'hex'), Buffer.from(known.keySha256, 'hex'));
  return matches ? { caller: presented.caller, requestsPerSecond: known.requestsPerSecond } : undefined;
}

/** A new key for a caller and the hash to store for it: what an operator (or local mode) issues. */
export function issueApiKey(caller: string): { key: string; keySha256: string } {
  const key = `${caller}.${randomBytes(32).toString('base64url')}`;
  return { key, keySha256: keySha256(key) };
}
