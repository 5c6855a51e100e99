/**
 * Where a change stands in its subject's history: the entity version, then the sequence that orders changes
 * sharing a version (see the envelope's `entitysequence`). Compared as a pair, version first.
 */
export interface ChangePosition {
  readonly version: number;
  readonly sequence: number;
}

/**
 * What the guard holds for one subject: the last change that reached the destination, the newest change ever
 * claimed (which has reached it, may have, or is still to be delivered or dead-lettered), and who is delivering now.
 */
export interface VersionRecord {
  readonly applied?: ChangePosition & { readonly eventId?: string };
  readonly claimed?: ChangePosition & { readonly eventId?: string };
  readonly lease?: VersionLease;
}

/**
 * A claim in progress: `owner` may deliver the change until `expiresAtMs`, and nobody else may deliver meanwhile.
 * After a send whose outcome is unknown (a timeout), the lease is kept as a fence: the old write may still land.
 */
export interface VersionLease extends ChangePosition {
  readonly owner: string;
  readonly eventId?: string;
  readonly expiresAtMs: number;
}

/** The change an event would make to its subject. */
export interface ClaimRequest extends ChangePosition {
  readonly eventId: string;
}

/**
 * The answer to a claim. `duplicate`: this very event reached the destination already. `stale`: a later change has
 * reached the destination, or was claimed to (see decideClaim), so this one is dropped for good. `busy`: another delivery
 * of this subject is in flight (`sameEvent` when it is a copy of this event); try again after `retryAfterMs`.
 */
export type ClaimOutcome =
  | { readonly outcome: 'claimed' }
  | { readonly outcome: 'duplicate' }
  | { readonly outcome: 'stale'; readonly applied: ChangePosition }
  | { readonly outcome: 'busy'; readonly retryAfterMs: number; readonly sameEvent: boolean };

/** The answer to a confirm: `lease-lost` means the lease ran out before the confirm and someone else may have sent. */
export type ConfirmOutcome = { readonly outcome: 'confirmed' } | { readonly outcome: 'lease-lost' };

/** Whether `a` comes after `b` in the subject's history. */
export function isAfter(a: ChangePosition, b: ChangePosition): boolean {
  return a.version > b.version || (a.version === b.version && a.sequence > b.sequence);
}

/** Whether a lease still holds at `nowMs`; it ends at `expiresAtMs` exactly, as the conditional write reads it. */
export function isLive(lease: VersionLease, nowMs: number): boolean {
  return lease.expiresAtMs > nowMs;
}

/**
 * The rule the guard's conditional write enforces, as a pure function: a change may be claimed when it comes after
 * the applied one and after the newest one claimed (unless it is that one, retried), and no other owner holds a live
 * lease. A claimed change is the subject's newest known state: once claimed it reaches the destination, may have
 * reached it (a send with no answer, an invocation stopped mid-send), or is retried until it does or is
 * dead-lettered, so anything before it is stale however its own attempts went. Duplicate and stale win over busy: a
 * change already superseded is dropped whoever is delivering. Used to explain a refused write, and tested alone.
 */
export function decideClaim(
  record: VersionRecord | undefined,
  change: ClaimRequest,
  owner: string,
  nowMs: number,
): ClaimOutcome {
  const applied = record?.applied;
  if (applied !== undefined) {
    if (applied.eventId === change.eventId) return { outcome: 'duplicate' };
    if (!isAfter(change, applied)) return { outcome: 'stale', applied };
  }
  const claimed = record?.claimed;
  if (claimed !== undefined && claimed.eventId !== change.eventId && !isAfter(change, claimed)) {
    return { outcome: 'stale', applied: claimed };
  }
  const lease = record?.lease;
  if (lease === undefined || lease.owner === owner || !isLive(lease, nowMs)) return { outcome: 'claimed' };
  return { outcome: 'busy', retryAfterMs: lease.expiresAtMs - nowMs, sameEvent: lease.eventId === change.eventId };
}
