/**
 * Upper `1 - alpha` quantile of the chi-square distribution with `df` degrees of freedom,
 * by the Wilson-Hilferty cube approximation (within 1 % of the exact value from df = 2):
 * enough to decide whether the baseline varies more than chance between intervals.
 */
export function chiSquareQuantile(df: number, z: number): number {
  const a = 2 / (9 * df);
  return df * (1 - a + z * Math.sqrt(a)) ** 3;
}

/** z of the 95th percentile of the standard normal. */
export const Z95 = 1.6448536269514722;
