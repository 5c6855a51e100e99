/** Distinct messages kept before the rest are counted together, so a run that goes badly wrong stays readable. */
const MAX_MESSAGES = 20;
const OTHER = '(other messages)';

/**
 * Counts what the functions logged at the run's level (warnings and errors at WARN) by function and message, so a
 * shortfall in deliveries comes with its reason ("transform-crm: partial record held back: 1538") without
 * reading logs. EMF metric documents are not log lines and are left to the metric tally.
 */
export class FunctionWarnings {
  private readonly counts = new Map<string, number>();
  private seen = 0;

  accept(functionName: string, line: string): void {
    if (line.includes('"_aws"')) return;
    this.seen += 1;
    let key = `${functionName}: ${messageOf(line)}`;
    if (!this.counts.has(key) && this.counts.size >= MAX_MESSAGES) key = OTHER;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  get total(): number {
    return this.seen;
  }

  /** Each function and message with its count, the most frequent first. */
  byMessage(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort((a, b) => b[1] - a[1]));
  }
}

/** A structured log line's message; any other line (a library's console warning) by its first words. */
function messageOf(line: string): string {
  try {
    const parsed = JSON.parse(line) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // Not JSON: a plain console line.
  }
  return line.length > 100 ? `${line.slice(0, 100)}…` : line;
}
