// The sparkline's larger view (a list row's hover card, the Explorer's and the panels' trend chart): event counts,
// today's escalation forecast as a dashed line when the buckets are hours (the forecast is events per hour), release
// and deploy ticks, and lines of text. Plain DOM and d3-path like the sparkline, so the overlay can carry it; every
// text goes in through textContent.
import { sparkPaths } from './sparkline';
import { tickX } from '@/lib/trends/markers';

const SVG = 'http://www.w3.org/2000/svg';

export interface TrendViewData {
  /** [bucket start in unix seconds, events], oldest first. */
  series: readonly (readonly [number, number])[];
  bucketSeconds: number;
  /** Today's forecast in events per hour (drawn only over hourly buckets). */
  forecast?: number | null;
  marks: readonly { at: number; kind: 'release' | 'deploy'; short: string; text: string }[];
  lines: readonly string[];
  label: string;
}

function el<K extends keyof SVGElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const e = doc.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** The chart alone: counts on a scale that holds the forecast, the forecast line, ticks. */
export function trendChart(doc: Document, d: TrendViewData, width = 300, height = 90): SVGSVGElement {
  const svg = el(doc, 'svg', {
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': d.label,
    class: 'trend-chart',
  });
  const title = el(doc, 'title', {});
  title.textContent = d.label;
  svg.append(title);
  const counts = d.series.map(([, c]) => Math.max(0, c));
  const hourly = d.bucketSeconds === 3600 && d.forecast != null && d.forecast > 0;
  const top = Math.max(1, ...counts, hourly ? d.forecast! : 0) * 1.08;
  // sparkPaths scales to the highest count: a made-up point at the top (not drawn) puts the forecast on the scale.
  const { xy } = sparkPaths([...counts, top], width, height);
  const pts = xy
    .slice(0, counts.length)
    .map(([x, y], i): [number, number] => [counts.length > 1 ? 1 + (i * (width - 2)) / (counts.length - 1) : x, y]);
  if (pts.length) {
    const line = pts.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`).join('');
    svg.append(
      el(doc, 'path', {
        class: 'area',
        d: `${line}L${pts.at(-1)![0].toFixed(1)},${height - 1}L${pts[0]![0].toFixed(1)},${height - 1}Z`,
        fill: 'rgba(108,95,199,.18)',
      }),
      el(doc, 'path', { class: 'line', d: line, fill: 'none', stroke: '#6c5fc7', 'stroke-width': 1.25 }),
    );
  }
  if (hourly) {
    const y = height - 1 - (d.forecast! / top) * (height - 3);
    const f = el(doc, 'line', {
      class: 'forecast',
      x1: 0,
      x2: width,
      y1: y.toFixed(1),
      y2: y.toFixed(1),
      stroke: '#f55459',
      'stroke-dasharray': '4 3',
      'stroke-width': 1,
    });
    const t = el(doc, 'title', {});
    t.textContent = `Today’s forecast: ${d.forecast!.toLocaleString('en-US')} events per hour`;
    f.append(t);
    const label = el(doc, 'text', {
      class: 'forecast-label',
      x: width - 2,
      y: Math.max(9, y - 2).toFixed(1),
      'text-anchor': 'end',
      'font-size': 9,
      fill: '#f55459',
    });
    label.textContent = `forecast ${d.forecast!.toLocaleString('en-US')}/h`;
    svg.append(f, label);
  }
  const times = d.series.map(([t]) => t);
  for (const m of d.marks) {
    const x = tickX(m.at, times, d.bucketSeconds, width);
    const g = el(doc, 'g', { class: `tick tick-${m.kind}`, 'data-x': x.toFixed(2) });
    const line = el(doc, 'line', {
      x1: x,
      x2: x,
      y1: m.kind === 'deploy' ? 10 : 14,
      y2: height,
      stroke: m.kind === 'deploy' ? '#2562d4' : '#8a7fa0',
      'stroke-width': m.kind === 'deploy' ? 1.5 : 1,
    });
    if (m.kind === 'release') line.setAttribute('stroke-dasharray', '2 1.5');
    const label = el(doc, 'text', {
      x,
      y: m.kind === 'deploy' ? 8 : 12,
      'text-anchor': 'middle',
      'font-size': 8,
      fill: m.kind === 'deploy' ? '#2562d4' : '#8a7fa0',
    });
    label.textContent = m.short;
    const t = el(doc, 'title', {});
    t.textContent = m.text;
    g.append(line, label, t);
    svg.append(g);
  }
  return svg;
}

/** Chart and lines together, in a box. */
export function renderTrendView(doc: Document, d: TrendViewData, width = 300, height = 90): HTMLElement {
  const box = doc.createElement('div');
  box.className = 'trend-view';
  box.append(trendChart(doc, d, width, height));
  for (const text of d.lines) {
    const p = doc.createElement('p');
    p.textContent = text;
    box.append(p);
  }
  return box;
}
