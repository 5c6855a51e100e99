/**
 * Reads a lookup table by a key that came from a vendor. A plain `table[key]` answers keys such as "constructor"
 * or "toString" with Object.prototype's functions; only the table's own entries count here.
 */
export function lookup<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
