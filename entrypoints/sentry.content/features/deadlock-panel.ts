// The PostgreSQL deadlock panel, shown by itself on an issue page whose event is a deadlock (40P01).
import type { FeatureContext, FeatureMeta } from '../registry';
import { createPanelHost } from '../panel-host';

export const meta = {
  id: 'deadlock-panel',
  label: 'PostgreSQL deadlock analyzer',
  description: 'Opens by itself on a deadlock (40P01): the wait-for graph, the queries and what to change.',
  pages: ['issue'],
  order: 11,
} satisfies FeatureMeta;

export async function init({ page, signal, send }: FeatureContext) {
  if (!page.org || !page.issueId) return;
  const res = await send({ type: 'issue.analysis', target: { apiBase: page.apiBase, org: page.org }, issueId: page.issueId });
  if (signal.aborted) return;
  if (!res.ok) throw new Error(res.error.message);
  if (!res.data.isDeadlock) return;
  const panel = createPanelHost('deadlock', page, signal);
  panel?.open('deadlock');
}
