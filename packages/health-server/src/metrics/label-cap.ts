/**
 * Keeps a label's distinct values under a cap: values seen before pass, new values pass
 * until the cap, and after it every new value shares `overflow`. One label can then add at
 * most `max + 1` values however many distinct inputs arrive.
 */
export class LabelCap {
  private readonly seen = new Set<string>();

  constructor(
    private readonly max: number,
    readonly overflow: string,
  ) {}

  value(input: string): string {
    if (this.seen.has(input)) return input;
    if (this.seen.size >= this.max) return this.overflow;
    this.seen.add(input);
    return input;
  }
}
