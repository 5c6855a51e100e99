/** A header value and the instant from which it must be fetched again. */
export interface Credential {
  readonly value: string;
  readonly refreshAtMs: number;
}

/** A credential kept in memory between sends. */
export interface CachedCredential {
  /** The current value, fetched when there is none or it is due; concurrent callers share one fetch. */
  get(): Promise<string>;
  /**
   * Forgets the value a destination refused, so the next get fetches a new one. Given the refused value, a
   * credential already replaced by another caller's refresh is kept, so a burst of 401s refreshes once.
   */
  invalidate(refused?: string): void;
}

/**
 * Caches what `fetch` returns until its refresh time. A failed fetch is not cached: the next caller tries again.
 * A fetch started before an invalidate still fills the cache, since it was asked for after the refused value.
 */
export function cachedCredential(fetch: () => Promise<Credential>, now: () => number): CachedCredential {
  let current: Credential | undefined;
  let inFlight: Promise<Credential> | undefined;

  const refresh = (): Promise<Credential> => {
    inFlight ??= fetch()
      .then((credential) => {
        current = credential;
        return credential;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };

  return {
    async get() {
      if (current !== undefined && now() < current.refreshAtMs) return current.value;
      return (await refresh()).value;
    },
    invalidate(refused) {
      if (refused === undefined || current?.value === refused) current = undefined;
    },
  };
}
