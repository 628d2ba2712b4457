import { escapeHtml, type Html, trusted } from './escape-html.js';

/** One line of a chart: points with a null y are gaps (no data in that look). */
export interface ChartSeries {
  name: string;
  points: Array<[number, number | null]>;
  /** A CSS class of the report's style: `canary`, `baseline`, `limit`, `tolerance`. */
  role: 'canary' | 'baseline' | 'limit' | 'tolerance';
}

export interface ChartMarker {
  x: number;
  label: string;
}

export interface LineChartOptions {
  title: string;
  /** Formats a y value for the axis and the tooltips, e.g. as a percentage. */
  formatY: (y: number) => string;
  series: ChartSeries[];
  /** Vertical lines: the look that failed. */
  markers?: ChartMarker[];
}

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 64, right: 12, top: 26, bottom: 40 };

/**
 * A line chart as inline SVG, drawn here rather than in the browser so that the page needs
 * no script and no library: every point carries a `<title>` with its figure.
 */
export function svgLineChart(options: LineChartOptions): Html {
  const all = options.series.flatMap((s) => s.points);
  const xs = all.map(([x]) => x).filter(Number.isFinite);
  const ys = all.map(([, y]) => y).filter((y): y is number => y !== null && Number.isFinite(y));
  const xMin = Math.min(0, ...xs);
  const xMax = Math.max(xMin + 1, ...xs);
  const yMax = niceMax(Math.max(0, ...ys));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const px = (x: number) => PAD.left + ((x - xMin) / (xMax - xMin)) * plotW;
  const py = (y: number) => PAD.top + plotH - (y / yMax) * plotH;
  const parts: string[] = [];
  parts.push(
    `<text class="chart-title" x="${PAD.left}" y="16">${escapeHtml(options.title)}</text>`,
  );
  for (let i = 0; i <= 4; i++) {
    const y = (yMax * i) / 4;
    parts.push(
      `<line class="grid" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${f(py(y))}" y2="${f(py(y))}"/>`,
      `<text class="axis" x="${PAD.left - 6}" y="${f(py(y) + 4)}" text-anchor="end">${escapeHtml(options.formatY(y))}</text>`,
    );
  }
  for (const x of ticks(xMin, xMax)) {
    parts.push(
      `<text class="axis" x="${f(px(x))}" y="${HEIGHT - PAD.bottom + 16}" text-anchor="middle">${escapeHtml(`${x} s`)}</text>`,
    );
  }
  for (const marker of options.markers ?? []) {
    parts.push(
      `<line class="marker" x1="${f(px(marker.x))}" x2="${f(px(marker.x))}" y1="${PAD.top}" y2="${PAD.top + plotH}"><title>${escapeHtml(marker.label)}</title></line>`,
    );
  }
  for (const series of options.series) {
    const segments = segmentsOf(series.points);
    for (const segment of segments) {
      const d = segment.map(([x, y], i) => `${i ? 'L' : 'M'}${f(px(x))},${f(py(y))}`).join(' ');
      parts.push(
        `<path class="line ${series.role}" d="${d}"><title>${escapeHtml(series.name)}</title></path>`,
      );
    }
    if (series.role === 'canary' || series.role === 'baseline') {
      for (const [x, y] of series.points) {
        if (y === null) continue;
        parts.push(
          `<circle class="point ${series.role}" cx="${f(px(x))}" cy="${f(py(y))}" r="2.5" data-x="${x}" data-y="${y}"><title>${escapeHtml(`${series.name} at ${x} s: ${options.formatY(y)}`)}</title></circle>`,
        );
      }
    }
  }
  let legendX = PAD.left;
  const legend = options.series
    .map((s) => {
      const at = legendX;
      legendX += 34 + s.name.length * 6;
      return `<g transform="translate(${at},${HEIGHT - 4})"><line class="line ${s.role}" x1="0" x2="16" y1="-4" y2="-4"/><text class="axis" x="20" y="0">${escapeHtml(s.name)}</text></g>`;
    })
    .join('');
  return trusted(
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(options.title)}">${parts.join('')}${legend}</svg>`,
  );
}

function segmentsOf(points: Array<[number, number | null]>): Array<Array<[number, number]>> {
  const segments: Array<Array<[number, number]>> = [];
  let current: Array<[number, number]> = [];
  for (const [x, y] of points) {
    if (y === null || !Number.isFinite(y) || !Number.isFinite(x)) {
      if (current.length) segments.push(current);
      current = [];
    } else current.push([x, y]);
  }
  if (current.length) segments.push(current);
  return segments;
}

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    if (value * 1.05 <= step * magnitude) return step * magnitude;
  }
  return 10 * magnitude;
}

function ticks(min: number, max: number): number[] {
  const span = max - min;
  const step =
    [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600].find((s) => span / s <= 8) ?? 3600;
  const out: number[] = [];
  for (let x = Math.ceil(min / step) * step; x <= max; x += step) out.push(x);
  return out;
}

function f(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}
