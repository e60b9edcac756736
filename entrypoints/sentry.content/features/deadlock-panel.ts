// The PostgreSQL deadlock panel, shown by itself on an issue page whose event is a deadlock (40P01).
import { defineFeature } from '../registry';
import { createPanelHost } from '../panel-host';

export default defineFeature({
  id: 'deadlock-panel',
  pages: ['issue'],
  async init({ page, signal, send }) {
    if (!page.org || !page.issueId) return;
    const res = await send({ type: 'issue.analysis', target: { apiBase: page.apiBase, org: page.org }, issueId: page.issueId });
    if (signal.aborted) return;
    if (!res.ok) throw new Error(res.error.message);
    if (!res.data.isDeadlock) return;
    const panel = createPanelHost('deadlock', page, signal);
    panel?.open('deadlock');
  },
});
