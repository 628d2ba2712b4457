import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MetricPreset } from '../../src/metrics/mapping/metric-mapping.js';
import { METRIC_PRESETS } from '../../src/metrics/mapping/presets.js';

/** Labels each instrumentation puts beside its status and route, as it really names them. */
const EXTRA_LABELS: Record<MetricPreset, string> = {
  'health-server': 'method="GET"',
  'express-prom-bundle': 'method="GET"',
  opentelemetry: 'http_request_method="GET",otel_scope_name="@opentelemetry/instrumentation-http"',
  'spring-boot': 'exception="None",method="GET",outcome="SUCCESS"',
  'go-promhttp': 'method="get"',
  istio: 'reporter="destination",destination_workload="orders",request_protocol="http"',
  'nginx-ingress': 'controller_class="k8s.io/ingress-nginx",ingress="orders",method="GET"',
};

/** Bucket bounds as each instrumentation exposes them (Istio in milliseconds). */
const BOUNDS_SEC = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

export interface PresetService {
  url: string;
  /** Share of requests answered 5xx, 0..1. */
  errorRate: number;
  close(): Promise<void>;
}

/**
 * A service whose /metrics uses one instrumentation's series names, labels and units: its
 * counters grow with time at `rps` requests per second (all of them 20 ms), `errorRate` of
 * them answered 503. /health and /ready answer `healthStatus` (200). `exposition` replaces the series with
 * any text, for a service whose metrics the runner cannot read.
 */
export async function startPresetService(
  preset: MetricPreset,
  options: { errorRate?: number; rps?: number; exposition?: string; healthStatus?: number } = {},
): Promise<PresetService> {
  const started = Date.now();
  const rps = options.rps ?? 200;
  const state = { errorRate: options.errorRate ?? 0 };
  const server: Server = createServer((req, res) => {
    req.resume();
    if (req.url !== '/metrics') {
      const status = options.healthStatus ?? 200;
      res.writeHead(status, { 'content-type': 'application/health+json' });
      return res.end(JSON.stringify({ status: status === 200 ? 'pass' : 'fail' }));
    }
    const total = Math.floor(((Date.now() - started) / 1000) * rps);
    const failed = Math.round(total * state.errorRate);
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(options.exposition ?? exposition(preset, total - failed, failed));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

function exposition(preset: MetricPreset, ok: number, failed: number): string {
  const m = METRIC_PRESETS[preset];
  const route = m.routeLabel ? `${m.routeLabel}="/api/v1/orders",` : '';
  const scale = m.latencyUnit === 'milliseconds' ? 1000 : 1;
  const lines: string[] = [];
  for (const [status, count] of [
    ['200', ok],
    ['503', failed],
  ] as const) {
    if (count === 0 && status === '503') continue;
    const labels = `${route}${m.statusLabel}="${status}",${EXTRA_LABELS[preset]}`;
    // Every request takes 20 ms: it lands in the 0.025 s bucket and every one above.
    for (const le of BOUNDS_SEC)
      lines.push(
        `${m.latencyHistogram}_bucket{${labels},le="${le * scale}"} ${le >= 0.025 ? count : 0}`,
      );
    lines.push(`${m.latencyHistogram}_bucket{${labels},le="+Inf"} ${count}`);
    lines.push(`${m.latencyHistogram}_sum{${labels}} ${count * 0.02 * scale}`);
    lines.push(`${m.latencyHistogram}_count{${labels}} ${count}`);
    if (!m.requestCounter.endsWith('_count')) lines.push(`${m.requestCounter}{${labels}} ${count}`);
  }
  return `${lines.join('\n')}\n`;
}
