// React wrapper around the shared D3 sparkline (components/sparkline.ts), drawn into a ref, with the row's release
// and deploy ticks and Sentry's escalation rule (issue #18, rowTrends.ts) and, on hover, the issue's week by the hour
// with today's forecast as a line.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Issue } from '@/lib/sentry/schemas';
import type { RowTrend } from '@/lib/messages';
import { findPeaks } from '@/lib/scoring/peaks';
import { escalationText } from '@/lib/trends/forecast';
import { markerText, tickX } from '@/lib/trends/markers';
import { addTicks, renderSparkline, type SparkPoint } from '../sparkline';
import { TrendChart } from '../trends/TrendChart';
import { utcTime, weekView } from '../trends/trendData';
import { useIssueTrend } from '../trends/useIssueTrend';
import { useTriageStore } from '../triage/context';
import { useRowTrend } from './rowTrends';

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
    width: 96,
    height: 22,
    bucketSeconds: period === '24h' ? 3600 : 86_400,
    peaks: findPeaks(points.map((p) => p.count)),
    label: points.length
      ? `${total.toLocaleString()} events in the last ${period === '24h' ? '24 hours' : '14 days'}`
      : 'No event stats',
  });
  drawn.delete(key);
  drawn.set(key, { issue, svg });
  if (drawn.size > KEEP) drawn.delete(drawn.keys().next().value!);
  return svg;
}

/** The row's ticks on its sparkline (the same times the list's sparkline marks). */
function ticksOf(issue: Issue, period: '24h' | '14d', trend: RowTrend) {
  const times = sparkPoints(issue, period).map((p) => p.t);
  const bucket = period === '24h' ? 3600 : 86_400;
  return trend.marks.map((m) => ({ x: tickX(m.at, times, bucket, 96), kind: m.kind, title: markerText(m, utcTime) }));
}

export function SparkCell({ issue, period }: { issue: Issue; period: '24h' | '14d' }) {
  const ref = useRef<HTMLSpanElement>(null);
  const trend = useRowTrend(issue.id);
  // The week's view on hover (after a moment, so passing over rows asks nothing): one positioned box, no popover
  // machinery per row, so the virtual table's rows stay cheap.
  const [hover, setHover] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const svg = sparkline(el.ownerDocument, issue, period);
    if (trend) addTicks(svg, ticksOf(issue, period, trend));
    el.replaceChildren(svg);
  }, [issue, period, trend]);
  const escalating = trend?.escalation.state === 'escalating';
  const title = trend ? escalationText(trend.escalation, trend.sentry) : undefined;
  return (
    <span
      style={{ position: 'relative', display: 'inline-block' }}
      title={hover ? undefined : title}
      data-escalation={trend?.escalation.state}
      onMouseEnter={() => (timer.current = setTimeout(() => setHover(true), 300))}
      onMouseLeave={() => {
        clearTimeout(timer.current);
        setHover(false);
      }}
    >
      <span
        ref={ref}
        className="dexter-spark"
        style={{ display: 'inline-block', width: 96, height: 22, color: 'var(--mantine-color-violet-6)' }}
      />
      {escalating && (
        <span
          aria-label={title}
          style={{
            position: 'absolute',
            right: -6,
            top: -4,
            color: 'var(--mantine-color-red-7)',
            fontSize: 12,
            fontWeight: 700,
          }}
        >
          ⇡
        </span>
      )}
      {hover && (
        <div
          role="tooltip"
          style={{
            position: 'absolute',
            top: 26,
            left: 0,
            zIndex: 30,
            width: 316,
            padding: 6,
            background: 'var(--mantine-color-body)',
            border: '1px solid var(--mantine-color-default-border)',
            borderRadius: 6,
            boxShadow: 'var(--mantine-shadow-md)',
          }}
        >
          <IssueWeek issueId={issue.id} />
        </div>
      )}
    </span>
  );
}

function IssueWeek({ issueId }: { issueId: string }) {
  const target = useTriageStore().getState().target!;
  const { data, error } = useIssueTrend(target, issueId);
  const view = useMemo(() => (data ? weekView(data) : null), [data]);
  if (error) return <span>{error.message}</span>;
  return view ? <TrendChart data={view} /> : <span>Loading the week…</span>;
}
