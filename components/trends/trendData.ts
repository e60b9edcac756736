// What the trend chart shows for an issue's `trends.issue` answer: its week by the hour, today's forecast as a line,
// markers with their words, and the verdict and chips as lines of text.
import type { IssueTrendAnswer } from '@/lib/messages';
import { escalationText } from '@/lib/trends/forecast';
import { markerText } from '@/lib/trends/markers';
import type { TrendViewData } from '../trend-view';

export const utcTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export function weekView(t: IssueTrendAnswer, withText = true): TrendViewData {
  return {
    series: t.hourly,
    bucketSeconds: 3600,
    forecast: t.escalation.forecast,
    marks: t.marks.map((m) => ({ at: m.at, kind: m.kind, short: m.short, text: markerText(m, utcTime) })),
    lines: withText ? [escalationText(t.escalation, t.sentry)] : [],
    label: `Events per hour since a week before midnight UTC${t.escalation.forecast !== null ? `; today’s forecast ${t.escalation.forecast} per hour` : ''}`,
  };
}
