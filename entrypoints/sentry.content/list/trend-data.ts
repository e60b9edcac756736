// A list row's trend (issue #18: release and deploy markers, Sentry's escalation rule), shared by the features that
// draw it (list-sparkline's ticks and hover card, list-trends' chips): rows ask as they are drawn (rows far from the
// view are not drawn, so they do not ask), the asks of a moment go out as ONE message for the page, and two features
// asking for one row get one answer.
import type { DexterError, ReplyOf, RowTrend } from '@/lib/messages';
import type { FeatureContext } from '../registry';
import { listPage, type ListPage } from './page';

export type TrendReply = {
  trend: RowTrend | null;
  error: DexterError | null;
  releases: 'ok' | 'none' | 'unavailable' | null;
  deferred: boolean;
};

interface Batcher {
  asks: Map<string, Promise<TrendReply>>;
  waiting: Map<string, (r: TrendReply) => void>;
  timer: ReturnType<typeof setTimeout> | undefined;
}
const batchers = new WeakMap<ListPage, Batcher>();

/** The row's trend, asked with the other rows being drawn now. */
export function trendOf(ctx: FeatureContext, id: string): Promise<TrendReply> {
  const list = listPage(ctx.signal);
  let b = batchers.get(list);
  if (!b) batchers.set(list, (b = { asks: new Map(), waiting: new Map(), timer: undefined }));
  const known = b.asks.get(id);
  if (known) return known;
  const batch = b;
  const ask = new Promise<TrendReply>((resolve) => batch.waiting.set(id, resolve));
  batch.asks.set(id, ask);
  batch.timer ??= setTimeout(() => flush(ctx, batch), 30);
  return ask;
}

function flush(ctx: FeatureContext, b: Batcher): void {
  b.timer = undefined;
  const waiting = [...b.waiting];
  b.waiting.clear();
  if (!waiting.length || !ctx.page.org) return;
  const override = ctx.settings.list.sparkline;
  const filters = { ...ctx.filters, graph: override === 'page' ? ctx.filters.graph : override };
  for (let i = 0; i < waiting.length; i += 100) {
    const part = waiting.slice(i, i + 100);
    void ctx
      .send({
        type: 'trends.rows',
        target: { apiBase: ctx.page.apiBase, org: ctx.page.org },
        ids: part.map(([id]) => id),
        filters,
      })
      .then((r: ReplyOf<'trends.rows'>) => {
        for (const [id, resolve] of part) {
          if (!r.ok) resolve({ trend: null, error: r.error, releases: null, deferred: false });
          else
            resolve({
              trend: r.data.rows[id] ?? null,
              error: null,
              releases: r.data.releases,
              deferred: r.data.deferred.includes(id),
            });
        }
      });
  }
}
