/**
 * The first sample of each wanted metric in a Prometheus (or OpenMetrics) text body,
 * labels ignored. Only the few process metrics the resources check reads are wanted, so
 * a full exposition parser would be weight without use.
 */
export function readSamples(text: string, names: readonly string[]): Map<string, number> {
  const wanted = new Set(names);
  const found = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!match || !wanted.has(match[1]!) || found.has(match[1]!)) continue;
    const value = Number(match[2]);
    if (Number.isFinite(value)) found.set(match[1]!, value);
  }
  return found;
}
