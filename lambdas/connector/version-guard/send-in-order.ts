import type { ClaimOutcome } from './claim-decision';
import type { VersionGuard } from './dynamodb-version-guard';
import type { VersionedKey } from './version-key';

/**
 * How a guarded send went. `applied`: sent and accepted; `leaseLost` says the confirm came after the lease ran
 * out, so ordering was not guaranteed for it (worth a metric: the lease is shorter than a send takes). `refused`:
 * sent, not accepted, and the key released so the same version can be retried. `stale` and `busy` were not sent.
 */
export type InOrderResult<T> =
  | { readonly outcome: 'applied'; readonly result: T; readonly leaseLost: boolean }
  | { readonly outcome: 'refused'; readonly result: T }
  | Exclude<ClaimOutcome, { outcome: 'claimed' }>;

/**
 * Sends one versioned update through the guard: claim the key, send, then confirm when `accepted(result)` or
 * release otherwise. A send that throws releases the key and rethrows, so its retry meets no lease of its own.
 * `owner` must be unique per attempt (not per event), so that two copies of one event never share a lease.
 */
export async function sendInOrder<T>(
  guard: VersionGuard,
  versioned: VersionedKey,
  owner: string,
  send: () => Promise<T>,
  accepted: (result: T) => boolean,
): Promise<InOrderResult<T>> {
  const { key, version } = versioned;
  const claim = await guard.claim(key, version, owner);
  if (claim.outcome !== 'claimed') return claim;
  let result: T;
  try {
    result = await send();
  } catch (error) {
    await releaseQuietly(guard, key, owner);
    throw error;
  }
  if (!accepted(result)) {
    await releaseQuietly(guard, key, owner);
    return { outcome: 'refused', result };
  }
  const confirmation = await guard.confirm(key, version, owner);
  return { outcome: 'applied', result, leaseLost: confirmation.outcome === 'lease-lost' };
}

/** The send's own answer is the one worth reporting; a lease that cannot be released now runs out by itself. */
async function releaseQuietly(guard: VersionGuard, key: string, owner: string): Promise<void> {
  try {
    await guard.release(key, owner);
  } catch {
    return;
  }
}
