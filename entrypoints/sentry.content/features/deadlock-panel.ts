// The PostgreSQL deadlock panel, shown by itself on an issue page whose event (the one the URL names) is a deadlock
// (40P01). The analysis is asked for at once; the panel comes when Sentry has drawn the issue page (attach.ts).
import type { FeatureContext, FeatureMeta } from '../registry';
import { createPanelHost } from '../panel-host';
import { attachToIssuePage } from '../attach';

export const meta = {
  id: 'deadlock-panel',
  label: 'PostgreSQL deadlock analyzer',
  description: 'Opens by itself on a deadlock (40P01): the wait-for graph, the queries and what to change.',
  pages: ['issue'],
  order: 11,
} satisfies FeatureMeta;

export async function init(ctx: FeatureContext) {
  const { page, signal, send } = ctx;
  if (!page.org || !page.issueId) return;
  const res = await send({
    type: 'issue.analysis',
    target: { apiBase: page.apiBase, org: page.org },
    issueId: page.issueId,
    eventId: page.eventId ?? undefined,
  });
  if (signal.aborted) return;
  if (!res.ok) throw new Error(res.error.message);
  if (!res.data.isDeadlock) return;
  void attachToIssuePage(ctx, (at, mounted) => {
    const panel = createPanelHost('deadlock', page, at, mounted);
    panel.open('deadlock');
    return panel.host;
  });
}
