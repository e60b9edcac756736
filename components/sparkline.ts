// A D3 sparkline of event counts, rendered as SVG with plain DOM (no React) so the content script stays small;
// the Explorer wraps the same function. Every label is set with textContent: bucket data is never HTML.
import { path } from 'd3-path';
import { formatExact } from '@/lib/scoring/format';

export interface SparkPoint {
  t: number /* unix seconds, bucket start */;
  count: number;
}
export interface SparklineOptions {
  width?: number;
  height?: number;
  peaks?: readonly number[];
  bucketSeconds: number;
  label: string;
  formatTime?: (t: number) => string;
  /** Build the per-bucket tooltips now rather than on first hover. */ eagerTooltips?: boolean;
}

const SVG = 'http://www.w3.org/2000/svg';
// One formatter, made once (one per call, as toLocaleString does, cost ~1 s per 100-row page) and only on the first
// tooltip: building a date formatter with options costs 20+ ms, which at module load lengthened the content
// script's evaluation on every Sentry page.
let time: Intl.DateTimeFormat | undefined;
/** The tooltips' time formatter, made on the first hover of a sparkline (its 15–20 ms would otherwise be spent on
 *  every list page load, hovered or not). */
export const timeFormat = (): Intl.DateTimeFormat =>
  (time ??= new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }));
const defaultTime = (t: number) => timeFormat().format(t * 1000);

/** The sparkline's geometry: points spread over the width with a pixel of margin, the highest count 2 px below
 *  the top, zero on the baseline (height - 1). */
export function sparkPaths(
  counts: readonly number[],
  width: number,
  height: number,
): { xy: [number, number][]; line: string; area: string } {
  if (!counts.length) return { xy: [], line: '', area: '' };
  const max = Math.max(1, ...counts);
  const step = (width - 2) / Math.max(1, counts.length - 1);
  const base = height - 1;
  const xy = counts.map((c, i): [number, number] => [1 + i * step, base - (Math.max(0, c) / max) * (base - 2)]);
  // D3's path serialiser (d3-path, 4 KB) rather than d3-shape's generators (23 KB, mostly curves a sparkline
  // never uses): the content script is evaluated on every Sentry page. The area is the line closed on the baseline.
  const p = path();
  xy.forEach(([x, y], i) => (i ? p.lineTo(x, y) : p.moveTo(x, y)));
  const d = p.toString();
  return { xy, line: d, area: `${d}L${xy[xy.length - 1]![0]},${base}L${xy[0]![0]},${base}Z` };
}

export function renderSparkline(doc: Document, points: readonly SparkPoint[], o: SparklineOptions): SVGSVGElement {
  const width = o.width ?? 96;
  const height = o.height ?? 22;
  const svg = doc.createElementNS(SVG, 'svg');
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', o.label);
  const title = doc.createElementNS(SVG, 'title');
  title.textContent = o.label;
  svg.append(title);
  if (points.length === 0) return svg;

  const {
    xy,
    line: lineD,
    area: areaD,
  } = sparkPaths(
    points.map((p) => p.count),
    width,
    height,
  );
  const x = (i: number) => xy[i]![0];
  const y = (i: number) => xy[i]![1];
  const a = doc.createElementNS(SVG, 'path');
  a.setAttribute('class', 'area');
  // Presentation attributes are the defaults; a page's CSS classes (the overlay's shadow styles) override them.
  a.setAttribute('fill', 'rgba(108,95,199,.18)');
  a.setAttribute('d', areaD);
  const l = doc.createElementNS(SVG, 'path');
  l.setAttribute('class', 'line');
  l.setAttribute('fill', 'none');
  l.setAttribute('stroke', '#6c5fc7');
  l.setAttribute('stroke-width', '1.25');
  l.setAttribute('d', lineD);
  svg.append(a, l);

  const fmt = o.formatTime ?? defaultTime;
  const step = width / points.length;
  // Exact-count tooltips: one invisible hit area per bucket with a native <title>. They are built on the first
  // pointer or focus on this sparkline, not up front: a 100-row list would otherwise create 4,800 nodes at load.
  const addHitAreas = () => {
    svg.removeEventListener('pointerenter', addHitAreas);
    svg.removeEventListener('focus', addHitAreas);
    points.forEach((p, i) => {
      const hit = doc.createElementNS(SVG, 'rect');
      hit.setAttribute('class', 'hit');
      hit.setAttribute('fill', 'transparent');
      hit.setAttribute('x', String(i * step));
      hit.setAttribute('y', '0');
      hit.setAttribute('width', String(step));
      hit.setAttribute('height', String(height));
      const t = doc.createElementNS(SVG, 'title');
      t.textContent = `${formatExact(p.count)} event${p.count === 1 ? '' : 's'} · ${fmt(p.t)} – ${fmt(p.t + o.bucketSeconds)}`;
      hit.append(t);
      svg.append(hit);
    });
  };
  if (o.eagerTooltips) addHitAreas();
  else {
    svg.addEventListener('pointerenter', addHitAreas);
    svg.addEventListener('focus', addHitAreas);
  }
  for (const i of o.peaks ?? []) {
    const p = points[i];
    if (!p) continue;
    const c = doc.createElementNS(SVG, 'circle');
    c.setAttribute('class', 'peak');
    c.setAttribute('fill', '#f55459');
    c.setAttribute('cx', String(x(i)));
    c.setAttribute('cy', String(y(i)));
    c.setAttribute('r', '2.2');
    svg.append(c);
  }
  return svg;
}

/** A tick's tooltip, or how to make it: a function is called on the sparkline's first pointer or focus (with the
 *  bucket tooltips), so a list of 100 rows formats no date at load. */
export interface Tick {
  x: number;
  kind: 'release' | 'deploy';
  title: string | (() => string);
}

/** Release and deploy ticks on a drawn sparkline (x from lib/trends/markers.ts tickX), each with its own tooltip:
 *  a release a dotted line, a deploy a solid one with a cap. */
export function addTicks(svg: SVGSVGElement, ticks: readonly Tick[]): void {
  const doc = svg.ownerDocument;
  const height = Number(svg.getAttribute('height')) || 22;
  svg.querySelectorAll('.tick').forEach((t) => t.remove());
  for (const tick of ticks) {
    const g = doc.createElementNS(SVG, 'g');
    g.setAttribute('class', `tick tick-${tick.kind}`);
    g.dataset.x = tick.x.toFixed(2);
    const line = doc.createElementNS(SVG, 'line');
    line.setAttribute('x1', String(tick.x));
    line.setAttribute('x2', String(tick.x));
    line.setAttribute('y1', tick.kind === 'deploy' ? '2' : '5');
    line.setAttribute('y2', String(height));
    line.setAttribute('stroke', tick.kind === 'deploy' ? '#2562d4' : '#8a7fa0');
    line.setAttribute('stroke-width', tick.kind === 'deploy' ? '1.5' : '1');
    if (tick.kind === 'release') line.setAttribute('stroke-dasharray', '2 1.5');
    // A wider transparent line so the tick can be hovered.
    const hit = doc.createElementNS(SVG, 'line');
    for (const a of ['x1', 'x2', 'y1', 'y2']) hit.setAttribute(a, line.getAttribute(a)!);
    hit.setAttribute('stroke', 'transparent');
    hit.setAttribute('stroke-width', '5');
    const title = doc.createElementNS(SVG, 'title');
    g.append(line, hit, title);
    svg.append(g);
    const text = tick.title;
    if (typeof text === 'string') title.textContent = text;
    else {
      const fill = () => {
        svg.removeEventListener('pointerenter', fill);
        svg.removeEventListener('focus', fill);
        if (g.parentNode === svg) title.textContent = text(); // not for a tick a later addTicks removed
      };
      svg.addEventListener('pointerenter', fill);
      svg.addEventListener('focus', fill);
    }
  }
}
