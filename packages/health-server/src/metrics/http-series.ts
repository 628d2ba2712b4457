/** The labels of one HTTP series. */
export interface HttpLabels {
  method: string;
  route: string;
  status_code: string;
}

/** One label set's running totals; bucket counts are per bucket, made cumulative when rendered. */
export interface HttpEntry {
  labels: HttpLabels;
  count: number;
  sum: number;
  buckets: number[];
}

/** A route's entries: by method, then by status code (an array index). */
type RouteEntries = Map<string, Array<HttpEntry | undefined>>;

/**
 * Storage behind `http_requests_total` and `http_request_duration_seconds`. A request costs
 * two map lookups on strings whose hashes V8 already holds (the method is one of node's
 * constants, the route template is kept on express's route object), an array index, two
 * additions and one bucket increment: no string is built, nothing is allocated. prom-client's
 * `inc()`/`observe()` would hash and validate a label object on every call. Both metrics
 * read the same entries, so their counts always agree; they render in first-seen order.
 */
export class HttpSeries {
  private routes = new Map<string, RouteEntries>();
  private list: HttpEntry[] = [];

  constructor(readonly buckets: readonly number[]) {}

  /** The entry of a label set; labels are built only for a new one. */
  entry(method: string, route: string, statusCode: number): HttpEntry {
    let byMethod = this.routes.get(route);
    if (byMethod === undefined) {
      byMethod = new Map();
      this.routes.set(route, byMethod);
    }
    let byStatus = byMethod.get(method);
    if (byStatus === undefined) {
      byStatus = [];
      byMethod.set(method, byStatus);
    }
    let entry = byStatus[statusCode];
    if (entry === undefined) {
      entry = {
        labels: { method, route, status_code: String(statusCode) },
        count: 0,
        sum: 0,
        buckets: new Array<number>(this.buckets.length).fill(0),
      };
      byStatus[statusCode] = entry;
      this.list.push(entry);
    }
    return entry;
  }

  observe(entry: HttpEntry, seconds: number): void {
    entry.count++;
    entry.sum += seconds;
    const bounds = this.buckets;
    for (let i = 0; i < bounds.length; i++) {
      if (seconds <= bounds[i]!) {
        entry.buckets[i]!++;
        return;
      }
    }
  }

  all(): IterableIterator<HttpEntry> {
    return this.list.values();
  }

  reset(): void {
    this.routes = new Map();
    this.list = [];
  }
}

type Sample = { value: number; labels: Record<string, string | number>; metricName?: string };

/** What prom-client's Registry reads from a metric: name, help, type, and `get()`. */
abstract class SeriesView {
  readonly aggregator = 'sum';
  readonly labelNames = ['method', 'route', 'status_code'];

  constructor(
    readonly name: string,
    readonly help: string,
    readonly series: HttpSeries,
  ) {}

  abstract readonly type: 'counter' | 'histogram';
  protected abstract samples(): Sample[];

  async get() {
    return {
      name: this.name,
      help: this.help,
      type: this.type,
      values: this.samples(),
      aggregator: this.aggregator,
    };
  }

  reset(): void {
    this.series.reset();
  }
}

export class HttpRequestsTotal extends SeriesView {
  readonly type = 'counter';

  protected samples(): Sample[] {
    return [...this.series.all()].map((entry) => ({
      value: entry.count,
      labels: { ...entry.labels },
    }));
  }
}

export class HttpRequestDuration extends SeriesView {
  readonly type = 'histogram';

  protected samples(): Sample[] {
    const out: Sample[] = [];
    const bounds = this.series.buckets;
    for (const entry of this.series.all()) {
      let cumulative = 0;
      for (let i = 0; i < bounds.length; i++) {
        cumulative += entry.buckets[i]!;
        out.push({
          value: cumulative,
          labels: { le: bounds[i]!, ...entry.labels },
          metricName: `${this.name}_bucket`,
        });
      }
      out.push(
        {
          value: entry.count,
          labels: { le: '+Inf', ...entry.labels },
          metricName: `${this.name}_bucket`,
        },
        { value: entry.sum, labels: { ...entry.labels }, metricName: `${this.name}_sum` },
        { value: entry.count, labels: { ...entry.labels }, metricName: `${this.name}_count` },
      );
    }
    return out;
  }
}
