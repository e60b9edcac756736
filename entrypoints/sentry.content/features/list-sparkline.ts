// Event-frequency sparkline on each issue row, from the stats Sentry's list API returns (24h hourly or 14d daily).
import { defineFeature } from '../registry';
import { onRowData, unknownChip, whyNoData } from '../row-data';
import { requestIdle } from '../rows';
import { renderSparkline, timeFormat } from '@/components/sparkline';
import { changeVsPrevious, findPeaks } from '@/lib/scoring/peaks';
import { formatChange, formatExact } from '@/lib/scoring/format';

export default defineFeature({
  id: 'list-sparkline',
  pages: ['issue-list'],
  init(ctx) {
    const period = ctx.settings.list.statsPeriod;
    onRowData(ctx, 'list-sparkline', (slot, issue, error) => {
      const series = issue?.stats?.[period];
      if (!issue || !series?.length) {
        unknownChip(slot, 'Trend', whyNoData(error, `Sentry sent no ${period} stats for this issue.`));
        return;
      }
      const counts = series.map(([, c]) => c);
      const peaks = findPeaks(counts);
      const total = counts.reduce((a, b) => a + b, 0);
      const wrap = document.createElement('span');
      wrap.className = 'spark';
      wrap.tabIndex = 0;
      const bucketSeconds = period === '24h' ? 3600 : 86400;
      const label = `${formatExact(total)} events in the last ${period === '24h' ? '24 hours' : '14 days'}${peaks.length ? `, ${peaks.length} unusual peak${peaks.length > 1 ? 's' : ''}` : ''}`;
      wrap.append(renderSparkline(document, series.map(([t, count]) => ({ t, count })), { peaks, bucketSeconds, label }));
      const change = changeVsPrevious(issue.stats);
      const pct = document.createElement('span');
      pct.className = change?.status === 'up' ? 'up' : change?.status === 'down' ? 'down' : 'muted';
      pct.textContent = change ? (change.status === 'new' ? 'new' : formatChange(change.percent)) : '—';
      pct.title = change
        ? `Last ${change.window}: ${formatExact(change.current)} events; the ${change.window} before: ${formatExact(change.previous)}.`
        : 'Not enough stats to compare windows.';
      wrap.append(pct);
      slot.append(wrap);
    });
    // The exact-count tooltips are built on the first hover; their date formatter costs 10–20 ms to make.
    requestIdle(() => ctx.signal.aborted || timeFormat(), { timeout: 5000 });
  },
});
