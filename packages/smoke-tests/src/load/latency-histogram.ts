/**
 * Linear sub-buckets per power of two. Values below `2 * SUB_BUCKETS` ns are counted
 * exactly; above, a bucket spans 1/SUB_BUCKETS of its power of two, so any value read back
 * is within 0.05 % of what was recorded (HdrHistogram's layout at three significant digits).
 */
const SUB_BUCKETS = 1024;
const SUB_BITS = 10;
const EXACT = 2 * SUB_BUCKETS;
const NS_PER_MS = 1e6;

/**
 * Latencies at nanosecond resolution in HdrHistogram-style log-linear buckets: recording is
 * an index computation and an increment, memory grows with the largest value (about 8 KiB per
 * doubling past 2 µs), and percentiles come from one walk over the buckets.
 */
export class LatencyHistogram {
  private counts: number[] = [];
  private total = 0;
  private largestNs = 0;

  /** Records one latency, in ms (fractions kept down to the nanosecond). Negative or non-finite values are ignored. */
  record(ms: number): void {
    if (!(ms >= 0) || ms === Number.POSITIVE_INFINITY) return;
    const ns = Math.round(ms * NS_PER_MS);
    const index = indexOf(ns);
    while (this.counts.length <= index) this.counts.push(0);
    this.counts[index]!++;
    this.total++;
    if (ns > this.largestNs) this.largestNs = ns;
  }

  /** How many latencies were recorded. */
  get count(): number {
    return this.total;
  }

  /** The largest latency recorded, exact, in ms; 0 when empty. */
  get maxMs(): number {
    return this.largestNs / NS_PER_MS;
  }

  /**
   * The latency at or under which `percent` % of the recorded ones lie, in ms: the middle of
   * the bucket holding that rank, never more than the largest recorded value; 0 when empty.
   */
  percentileMs(percent: number): number {
    if (this.total === 0) return 0;
    const share = Math.min(100, Math.max(0, percent)) / 100;
    // Less a hair, so that 0.999 * 1000 counts as the 999th value, not as just past it.
    const rank = Math.max(1, Math.ceil(share * this.total - 1e-9));
    let seen = 0;
    for (let index = 0; index < this.counts.length; index++) {
      seen += this.counts[index]!;
      if (seen >= rank) return Math.min(middleOf(index), this.largestNs) / NS_PER_MS;
    }
    return this.largestNs / NS_PER_MS;
  }
}

/** The bucket of a value in ns. */
export function indexOf(ns: number): number {
  if (ns < EXACT) return ns;
  // Below 2^32 ns (4.3 s), every latency of a healthy run: integer bit operations.
  if (ns < 2 ** 32) {
    const exponent = 31 - Math.clz32(ns);
    const shift = exponent - SUB_BITS;
    return EXACT + (shift - 1) * SUB_BUCKETS + ((ns >>> shift) - SUB_BUCKETS);
  }
  let exponent = Math.floor(Math.log2(ns));
  // log2 of a double near a power of two can round across it.
  if (2 ** exponent > ns) exponent--;
  else if (2 ** (exponent + 1) <= ns) exponent++;
  const shift = exponent - SUB_BITS;
  const sub = Math.floor(ns / 2 ** shift);
  return EXACT + (shift - 1) * SUB_BUCKETS + (sub - SUB_BUCKETS);
}

/** The lowest value in ns of a bucket, and how wide it is. */
export function boundsOf(index: number): { lowestNs: number; widthNs: number } {
  if (index < EXACT) return { lowestNs: index, widthNs: 1 };
  const above = index - EXACT;
  const shift = Math.floor(above / SUB_BUCKETS) + 1;
  const sub = (above % SUB_BUCKETS) + SUB_BUCKETS;
  return { lowestNs: sub * 2 ** shift, widthNs: 2 ** shift };
}

function middleOf(index: number): number {
  const { lowestNs, widthNs } = boundsOf(index);
  return lowestNs + (widthNs - 1) / 2;
}
