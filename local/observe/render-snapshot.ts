import type { PipelineSnapshot } from './pipeline-snapshot';

/** The live view as text: one table per stage, columns named as the metrics they come from. */
export function renderSnapshot(snapshot: PipelineSnapshot, at: Date): string {
  const sources = table(
    ['source', 'received', 'accepted', 'rejected', 'queued', 'quarantined'],
    snapshot.sources.map((row) => [row.source, row.received, row.accepted, row.rejected, row.queued, row.quarantined]),
  );
  const destinations = table(
    ['destination', 'delivered', 'failed (retried)', 'duplicates skipped', 'queued', 'dead-lettered', 'downstream 2xx'],
    snapshot.destinations.map((row) => [
      row.destination,
      row.delivered,
      row.failed,
      row.duplicatesSkipped,
      row.queued,
      row.deadLettered,
      row.downstreamAccepted,
    ]),
  );
  return [`Interchange local mode — ${at.toISOString()}`, '', 'Ingest', sources, '', 'Delivery', destinations].join(
    '\n',
  );
}

function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column]!.length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ');
  return [line(cells[0]!), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.slice(1).map(line)].join('\n');
}
