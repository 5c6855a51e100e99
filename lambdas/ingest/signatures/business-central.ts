import { timingSafeEqual } from 'node:crypto';
import { rejected, usableSecrets } from './primitives';
import type { SignatureVerification, SignedWebhook } from './types';

/** Business Central may start a notification with a UTF-8 byte order mark. */
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The body without a leading byte order mark, as every JSON reader of a Business Central body must see it. */
export function withoutByteOrderMark(rawBody: Buffer): Buffer {
  return rawBody.subarray(0, 3).equals(BOM) ? rawBody.subarray(3) : rawBody;
}

/**
 * The `clientState` of every notification in a `{"value": [...]}` batch, or why there is none to check. Every
 * entry must carry one: an entry without it would ride on its neighbours' authentication.
 */
function clientStatesOf(rawBody: Buffer): string[] | 'missing' | 'malformed' {
  let document: unknown;
  try {
    document = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(withoutByteOrderMark(rawBody)));
  } catch {
    return 'malformed';
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return 'malformed';
  const value = (document as Record<string, unknown>).value;
  if (!Array.isArray(value) || value.length === 0) return 'malformed';
  const states: string[] = [];
  for (const entry of value) {
    if (typeof entry !== 'object' || entry === null) return 'malformed';
    const state = (entry as Record<string, unknown>).clientState;
    if (typeof state !== 'string' || state === '') return 'missing';
    states.push(state);
  }
  return states;
}

function equalInConstantTime(received: string, expected: string): boolean {
  const a = Buffer.from(received, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Verifies a Business Central notification. BC signs nothing: the subscription's `clientState`, set when it was
 * created, comes back in every notification and is the shared secret. Each entry's is compared in constant time
 * against every usable secret (two during a rotation); all must match.
 */
export function verifyBusinessCentralClientState(
  webhook: SignedWebhook,
  secrets: readonly string[],
): SignatureVerification {
  const states = clientStatesOf(webhook.rawBody);
  if (states === 'malformed') return rejected('malformed-signature');
  if (states === 'missing') return rejected('missing-signature');
  const usable = usableSecrets(secrets);
  let allMatch = usable.length > 0;
  for (const state of states) {
    let matched = false;
    for (const secret of usable) matched = equalInConstantTime(state, secret) || matched;
    allMatch = matched && allMatch;
  }
  return allMatch ? { ok: true } : rejected('signature-mismatch');
}
