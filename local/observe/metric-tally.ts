/** One metric as CloudWatch would show it: name plus its dimension values, summed over the run. */
export interface TalliedMetric {
  readonly name: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly sum: number;
  readonly count: number;
}

interface EmfDocument {
  _aws?: { CloudWatchMetrics?: { Dimensions?: string[][]; Metrics?: { Name: string }[] }[] };
  [key: string]: unknown;
}

/**
 * Sums the EMF documents functions print, exactly as CloudWatch would extract them, so the local live view
 * shows the numbers the dashboard and alarms would see in AWS — no second set of counters to drift.
 */
export class MetricTally {
  private readonly metrics = new Map<string, TalliedMetric>();

  /** Reads one output line; anything that is not an EMF document (log lines, warnings) is ignored. */
  accept(line: string): void {
    if (!line.includes('"_aws"')) return;
    let document: EmfDocument;
    try {
      document = JSON.parse(line) as EmfDocument;
    } catch {
      return;
    }
    for (const directive of document._aws?.CloudWatchMetrics ?? []) {
      const dimensionNames = directive.Dimensions?.[0] ?? [];
      const dimensions: Record<string, string> = {};
      for (const name of dimensionNames) dimensions[name] = String(document[name]);
      for (const { Name } of directive.Metrics ?? []) this.add(Name, dimensions, document[Name]);
    }
  }

  /** Sum of a metric over every dimension set that includes the given dimension values. */
  sum(name: string, where: Readonly<Record<string, string>> = {}): number {
    let total = 0;
    for (const metric of this.metrics.values()) {
      if (metric.name !== name) continue;
      if (Object.entries(where).every(([key, value]) => metric.dimensions[key] === value)) total += metric.sum;
    }
    return total;
  }

  all(): readonly TalliedMetric[] {
    return [...this.metrics.values()];
  }

  private add(name: string, dimensions: Record<string, string>, raw: unknown): void {
    const values = (Array.isArray(raw) ? raw : [raw]).map(Number).filter(Number.isFinite);
    if (values.length === 0) return;
    const key = `${name}|${JSON.stringify(Object.entries(dimensions).sort())}`;
    const previous = this.metrics.get(key);
    const added = values.reduce((a, b) => a + b, 0);
    this.metrics.set(key, {
      name,
      dimensions,
      sum: (previous?.sum ?? 0) + added,
      count: (previous?.count ?? 0) + values.length,
    });
  }
}
