/**
 * P(X >= k) for X ~ Binomial(n, p), summed exactly in log space. Used for "the canary
 * exceeds an absolute limit": with few requests an observed rate above the limit is often
 * chance, and the test says how often.
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  if (k <= n * p) return 1 - binomialUpperTailFrom0(k, n, p);
  let term = Math.exp(logPmf(k, n, p));
  let sum = 0;
  for (let i = k; i <= n; i++) {
    sum += term;
    if (term < sum * 1e-16) break;
    term *= ((n - i) / (i + 1)) * (p / (1 - p));
  }
  return Math.min(1, sum);
}

/** P(X < k): the lower terms, for when k is below the mean and the upper sum would be long. */
function binomialUpperTailFrom0(k: number, n: number, p: number): number {
  let sum = 0;
  for (let i = 0; i < k; i++) sum += Math.exp(logPmf(i, n, p));
  return Math.min(1, sum);
}

function logPmf(k: number, n: number, p: number): number {
  return (
    logGamma(n + 1) -
    logGamma(k + 1) -
    logGamma(n - k + 1) +
    k * Math.log(p) +
    (n - k) * Math.log1p(-p)
  );
}

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7): 15 significant digits. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let a = 0.99999999999980993;
  const t = y + 7.5;
  for (let i = 0; i < LANCZOS.length; i++) a += LANCZOS[i]! / (y + i + 1);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}
