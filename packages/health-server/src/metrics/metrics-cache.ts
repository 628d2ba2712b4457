import type { Registry } from 'prom-client';
import { type MetricsFormat, renderMetrics } from './render-metrics.js';

interface Slot {
  /** Resolves to the rendered text; shared by every scrape that arrives while it renders. */
  text: Promise<string>;
  /** When the rendering finished, for the cache window (performance.now()). */
  doneAt: number;
}

/**
 * Renders `/metrics` at most once per `cacheMs` per format, and never twice at a time: a
 * flood of scrapes (or a cache-busting query string, which does not change what is
 * rendered) costs one rendering per window, so `/health` keeps answering in its usual time.
 */
export class MetricsCache {
  private readonly slots = new Map<MetricsFormat, Slot>();

  constructor(
    private readonly registry: Registry,
    private readonly cacheMs: number,
  ) {}

  render(format: MetricsFormat): Promise<string> {
    const slot = this.slots.get(format);
    const now = performance.now();
    if (slot && (slot.doneAt === Number.POSITIVE_INFINITY || now - slot.doneAt < this.cacheMs)) {
      return slot.text;
    }
    const next: Slot = {
      text: renderMetrics(this.registry, format),
      doneAt: Number.POSITIVE_INFINITY,
    };
    this.slots.set(format, next);
    next.text.then(
      () => {
        next.doneAt = performance.now();
      },
      () => {
        // A failed rendering is not cached: the next scrape tries again.
        if (this.slots.get(format) === next) this.slots.delete(format);
      },
    );
    return next.text;
  }
}
