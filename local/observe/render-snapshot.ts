import type { PipelineSnapshot } from './pipeline-snapshot';

/** Deferral counts as one cell, largest first: `throttled 3, circuit-open 1`, or `-` for none. */
export function deferralText(deferred: Readonly<Record<string, number>>): string {
  const parts = Object.entries(deferred)
    .sort(([, a], [, b]) => b - a)
    .map(([reason, count]) => `${reason} ${count}`);
  return parts.length > 0 ? parts.join(', ') : '-';
}

/** The columns of the live counts, shared by the terminal view and the console so they always say the same. */
export const SOURCE_COLUMNS = [
  'source',
  'received',
  'accepted',
  'rejected',
  'queued',
  'quarantined',
  'partial completed',
];
export const DESTINATION_COLUMNS = [
  'destination',
  'delivered',
  'duplicates skipped',
  'not applicable',
  'stale dropped',
  'queued',
  'dead-lettered',
  'downstream events',
  'deferred (by reason)',
];

/** The live view as text: one table per stage, columns named as the metrics they come from. */
export function renderSnapshot(snapshot: PipelineSnapshot, at: Date): string {
  const sources = table(
    SOURCE_COLUMNS,
    snapshot.sources.map((row) => [
      row.source,
      row.received,
      row.accepted,
      row.rejected,
      row.queued,
      row.quarantined,
      row.completed,
    ]),
  );
  const destinations = table(
    DESTINATION_COLUMNS,
    snapshot.destinations.map((row) => [
      row.destination,
      row.delivered,
      row.duplicatesSkipped,
      row.notApplicable,
      row.staleDropped,
      row.queued,
      row.deadLettered,
      row.downstreamEvents,
      deferralText(row.deferred),
    ]),
  );
  return [`Interchange local mode — ${at.toISOString()}`, '', 'Ingest', sources, '', 'Delivery', destinations].join(
    '\n',
  );
}

function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column]!.length)));
  // Names and text to the left, numbers to the right.
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) =>
        column === 0 || !/^\d+$/.test(cell) ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join('  ')
      .trimEnd();
  return [line(cells[0]!), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.slice(1).map(line)].join('\n');
}
