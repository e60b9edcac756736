// React wrapper around the shared D3 sparkline (components/sparkline.ts), drawn into a ref.
import { useEffect, useRef } from 'react';
import type { Issue } from '@/lib/sentry/schemas';
import { findPeaks } from '@/lib/scoring/peaks';
import { renderSparkline, type SparkPoint } from '../sparkline';

export function sparkPoints(issue: Issue, period: '24h' | '14d'): SparkPoint[] {
  const series = issue.stats?.[period] ?? [];
  return series.map(([t, count]) => ({ t, count: Number.isFinite(count) && count >= 0 ? count : 0 }));
}

// Drawn sparklines by issue, most recent last: re-sorting or scrolling back shows the same issues again, and
// moving an existing <svg> is far cheaper than drawing it anew. Bounded, since each one holds a few nodes.
const drawn = new Map<string, { issue: Issue; svg: SVGSVGElement }>();
const KEEP = 400;

function sparkline(doc: Document, issue: Issue, period: '24h' | '14d'): SVGSVGElement {
  const key = `${period}:${issue.id}`;
  const hit = drawn.get(key);
  if (hit && hit.issue === issue && hit.svg.ownerDocument === doc) {
    drawn.delete(key);
    drawn.set(key, hit);
    return hit.svg;
  }
  const points = sparkPoints(issue, period);
  const total = points.reduce((a, p) => a + p.count, 0);
  const svg = renderSparkline(doc, points, {
    width: 96, height: 22, bucketSeconds: period === '24h' ? 3600 : 86_400, peaks: findPeaks(points.map((p) => p.count)),
    label: points.length ? `${total.toLocaleString()} events in the last ${period === '24h' ? '24 hours' : '14 days'}` : 'No event stats',
  });
  drawn.delete(key);
  drawn.set(key, { issue, svg });
  if (drawn.size > KEEP) drawn.delete(drawn.keys().next().value!);
  return svg;
}

export function SparkCell({ issue, period }: { issue: Issue; period: '24h' | '14d' }) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el) el.replaceChildren(sparkline(el.ownerDocument, issue, period));
  }, [issue, period]);
  return <span ref={ref} className="dexter-spark" style={{ display: 'inline-block', width: 96, height: 22, color: 'var(--mantine-color-violet-6)' }} />;
}
