// React wrapper around the shared D3 sparkline (components/sparkline.ts), drawn into a ref.
import { useEffect, useRef } from 'react';
import type { Issue } from '@/lib/sentry/schemas';
import { findPeaks } from '@/lib/scoring/peaks';
import { renderSparkline, type SparkPoint } from '../sparkline';

export function sparkPoints(issue: Issue, period: '24h' | '14d'): SparkPoint[] {
  const series = issue.stats?.[period] ?? [];
  return series.map(([t, count]) => ({ t, count: Number.isFinite(count) && count >= 0 ? count : 0 }));
}

export function SparkCell({ issue, period }: { issue: Issue; period: '24h' | '14d' }) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const points = sparkPoints(issue, period);
    const total = points.reduce((a, p) => a + p.count, 0);
    const svg = renderSparkline(el.ownerDocument, points, {
      width: 96, height: 22, bucketSeconds: period === '24h' ? 3600 : 86_400, peaks: findPeaks(points.map((p) => p.count)),
      label: points.length ? `${total.toLocaleString()} events in the last ${period === '24h' ? '24 hours' : '14 days'}` : 'No event stats',
    });
    el.replaceChildren(svg);
  }, [issue, period]);
  return <span ref={ref} className="dexter-spark" style={{ display: 'inline-block', width: 96, height: 22, color: 'var(--mantine-color-violet-6)' }} />;
}
