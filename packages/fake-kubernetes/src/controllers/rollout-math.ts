/** maxSurge / maxUnavailable as a count of `replicas`: "25%" rounds up for surge, down for unavailable. */
export function resolveIntOrPercent(value: unknown, replicas: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const match = /^(\d+)%$/.exec(String(value ?? '0'));
  if (!match) return Number(value) || 0;
  const exact = (Number(match[1]) * replicas) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** The two limits of a rolling update; both 0 would deadlock, so unavailable becomes 1. */
export function rollingLimits(
  strategy: { rollingUpdate?: { maxSurge?: unknown; maxUnavailable?: unknown } },
  replicas: number,
) {
  const surge = resolveIntOrPercent(strategy.rollingUpdate?.maxSurge ?? '25%', replicas, true);
  let unavailable = resolveIntOrPercent(
    strategy.rollingUpdate?.maxUnavailable ?? '25%',
    replicas,
    false,
  );
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}
