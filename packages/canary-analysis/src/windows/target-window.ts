/** One latency bucket: requests whose duration was at most `le` seconds and above the previous bucket. */
export interface LatencyBucket {
  /** Upper bound in seconds; `Infinity` for the `+Inf` bucket. */
  le: number;
  /** Requests in this bucket alone (not cumulative). */
  count: number;
}

/** Requests and errors of one route, for the per-route comparison. */
export interface RouteCounts {
  requests: number;
  errors: number;
  /** The route's latency histogram, when the histogram carries the route label too. */
  latency?: LatencyBucket[];
}

/** What one target (canary or baseline) served in one window, as the analysis sees it. */
export interface TargetWindow {
  requests: number;
  /** Failed requests: a 5xx status, or a status the mapping could not read (never a success). */
  errors: number;
  /** Latency histogram of those requests, buckets ascending. */
  latency: LatencyBucket[];
  /** The same requests by route, when the metrics carry a route label. */
  routes?: Record<string, RouteCounts>;
}

export const EMPTY_WINDOW: TargetWindow = { requests: 0, errors: 0, latency: [] };
