/** Where a command writes, and whether colour is wanted (a terminal, and NO_COLOR unset). */
export interface Output {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly colour: boolean;
}

const CODES = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;
export type Colour = keyof typeof CODES;

export function paint(output: Pick<Output, 'colour'>, colour: Colour, text: string): string {
  return output.colour ? `\u001b[${CODES[colour]}m${text}\u001b[0m` : text;
}

/** The colour of an outcome word: green when done, red when given up, yellow while it may still work out. */
export function outcomeColour(word: string): Colour | undefined {
  if (/^(delivered|accepted|closed|webhook accepted|record mapped)/.test(word)) return 'green';
  if (/(dead-letter|refused|rejected|quarantined|permanent|open$|error)/.test(word)) return 'red';
  if (/(deferred|transient|held back|half-open|unauthorized|retry|stale|duplicate)/.test(word)) return 'yellow';
  return undefined;
}

// eslint-disable-next-line no-control-regex
const visibleLength = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '').length;

/** Columns padded to their widest cell; the last column is not padded. */
export function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  output: Pick<Output, 'colour'>,
): string {
  const widths = headers.map((header, column) =>
    Math.max(visibleLength(header), ...rows.map((row) => visibleLength(row[column] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === cells.length - 1 ? cell : cell + ' '.repeat(widths[column]! - visibleLength(cell)),
      )
      .join('  ')
      .trimEnd();
  return [paint(output, 'bold', line(headers)), ...rows.map(line)].join('\n');
}

/** Seconds as people read an age: `45s`, `12m`, `3h`, `2d`. */
export function age(seconds: number | undefined): string {
  if (seconds === undefined) return '-';
  if (seconds < 120) return `${Math.round(seconds)}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)}h`;
  return `${Math.round(seconds / 86_400)}d`;
}

/** Parses `--since`/`--until`: an ISO 8601 time, or a span back from now (`30m`, `2h`, `7d`). */
export function parseTime(value: string, nowMs: number): number {
  const span = /^(\d+)([smhd])$/.exec(value.trim());
  if (span) {
    const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[span[2] as 's' | 'm' | 'h' | 'd'];
    return nowMs - Number(span[1]) * unit;
  }
  const at = Date.parse(value);
  if (Number.isNaN(at))
    throw new Error(`not a time: "${value}" (use ISO 8601, or a span back from now like 30m, 2h, 7d)`);
  return at;
}
