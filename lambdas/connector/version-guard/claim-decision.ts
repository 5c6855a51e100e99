/** What the guard holds for one key: the last version that reached the destination, and who is delivering now. */
export interface VersionRecord {
  readonly appliedVersion?: number;
  readonly lease?: VersionLease;
}

/** A claim in progress: `owner` may deliver `version` until `expiresAtMs`, and nobody else may deliver meanwhile. */
export interface VersionLease {
  readonly owner: string;
  readonly version: number;
  readonly expiresAtMs: number;
}

/**
 * The answer to a claim. `stale`: a version at least as new has reached the destination, or may have (see
 * decideClaim), so this one is dropped for good. `busy`: another delivery of this key is in flight; try again
 * after `retryAfterMs`, when its lease ends.
 */
export type ClaimOutcome =
  | { readonly outcome: 'claimed' }
  | { readonly outcome: 'stale'; readonly appliedVersion: number }
  | { readonly outcome: 'busy'; readonly retryAfterMs: number };

/** The answer to a confirm: `lease-lost` means the lease ran out before the confirm and someone else may have sent. */
export type ConfirmOutcome = { readonly outcome: 'confirmed' } | { readonly outcome: 'lease-lost' };

/** Whether a lease still holds at `nowMs`; it ends at `expiresAtMs` exactly, as the conditional write reads it. */
export function isLive(lease: VersionLease, nowMs: number): boolean {
  return lease.expiresAtMs > nowMs;
}

/**
 * The rule the guard's conditional write enforces, as a pure function: a version may be claimed when it is newer
 * than the applied one and no other owner holds a live lease. Stale wins over busy: a version already superseded
 * at the destination is dropped whoever is delivering. A lease that ran out without a confirm or a release belongs
 * to a delivery that stopped between sending and confirming, so its version may have landed: anything older is
 * stale, while that version itself stays claimable for its retry. Used to explain a refused write, and tested alone.
 */
export function decideClaim(
  record: VersionRecord | undefined,
  version: number,
  owner: string,
  nowMs: number,
): ClaimOutcome {
  const applied = record?.appliedVersion;
  if (applied !== undefined && applied >= version) return { outcome: 'stale', appliedVersion: applied };
  const lease = record?.lease;
  if (lease === undefined || lease.owner === owner) return { outcome: 'claimed' };
  if (isLive(lease, nowMs)) return { outcome: 'busy', retryAfterMs: lease.expiresAtMs - nowMs };
  if (lease.version > version) return { outcome: 'stale', appliedVersion: lease.version };
  return { outcome: 'claimed' };
}
