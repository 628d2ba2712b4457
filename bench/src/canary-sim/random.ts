/** mulberry32: a small seeded PRNG, so every run of the simulation samples the same traffic. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box-Muller). */
export function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** The gap to the next arrival of a Poisson process of `ratePerSec`, in seconds. */
export function exponentialGap(random: () => number, ratePerSec: number): number {
  return -Math.log(1 - random()) / ratePerSec;
}
