import type { ListWindow } from './list-apis';

/**
 * Where a stream's reconciliation stands, kept in the state table. Between polls only `since` is set: the next
 * poll reads changes after it. While a window is being paged through, `until` closes it and `next` is the token
 * of the first page not yet fed to the pipeline, so a poll that fails resumes there and loses nothing.
 */
export interface StreamCursor {
  readonly since: string;
  readonly until?: string;
  readonly next?: string;
}

/** What a poll reads: a window, and the page to start from when it resumes one. */
export interface PollPlan {
  readonly window: ListWindow;
  readonly next?: string;
}

/** The timing of a source's polls, from its configuration. */
export interface PollTiming {
  readonly settleSeconds: number;
  readonly firstLookbackHours: number;
}

/**
 * The window a poll reads. An unfinished window is resumed as it was; otherwise the new one runs from the
 * cursor (or the first lookback) to now less the settle time, left to webhooks still in flight. Undefined when
 * that window would be empty: nothing has settled since the last poll.
 */
export function planPoll(cursor: StreamCursor | undefined, nowMs: number, timing: PollTiming): PollPlan | undefined {
  if (cursor?.until !== undefined) {
    const window = { since: cursor.since, until: cursor.until };
    return cursor.next === undefined ? { window } : { window, next: cursor.next };
  }
  // A stored start that is not a time (written by hand) reads from the first lookback rather than never again.
  const stored = cursor ? Date.parse(cursor.since) : Number.NaN;
  const sinceMs = Number.isFinite(stored) ? stored : nowMs - timing.firstLookbackHours * 3_600_000;
  const untilMs = nowMs - timing.settleSeconds * 1000;
  if (untilMs <= sinceMs) return undefined;
  return { window: { since: new Date(sinceMs).toISOString(), until: new Date(untilMs).toISOString() } };
}

/**
 * The cursor once a page's records are on the ingest queue: the window stays open at the next page, or, after
 * its last page, the next poll starts where this window ended.
 */
export function cursorAfterPage(window: ListWindow, next: string | undefined): StreamCursor {
  return next === undefined ? { since: window.until } : { since: window.since, until: window.until, next };
}
