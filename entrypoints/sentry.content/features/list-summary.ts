// One line per issue on the list (issue #17): the user's own model summarises the row's latest event in a line and
// names a suspected cause. Off until asked: a "Summarize" chip on each row summarises the rows on screen; with
// Settings → automatic summaries, the rows in view are summarised as they are drawn. The background queues the calls
// (rows in view first, one at a time per server) and drops this page's when the user leaves.
import type { FeatureContext, FeatureMeta } from '../registry';
import { onRowData } from '../list/row-data';
import { CAUSE_LABELS } from '@/lib/summary/causes';

export const meta = {
  id: 'list-summary',
  label: 'One-line summaries on the issue list',
  description: 'A line and a suspected cause per issue from your own LLM (scrubbed prompt); on demand or automatic.',
  pages: ['issue-list'],
  order: 5,
} satisfies FeatureMeta;

const CLIP = 'max-width: 46ch; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; display: inline-block;';

export function init(ctx: FeatureContext) {
  const { page, signal, settings } = ctx;
  if (!page.org) return;
  const target = { apiBase: page.apiBase, org: page.org };
  const owner = `list-${Math.random().toString(36).slice(2, 12)}`;
  const slots = new Map<string, HTMLElement>(); // row id → its slot, for "summarize the rows on screen"
  const asked = new Set<string>();
  let auto = settings.insights.autoSummaries;

  const show = (slot: HTMLElement, text: string, title: string, cls = 'chip') => {
    const chip = document.createElement('span');
    chip.className = cls;
    chip.tabIndex = 0;
    chip.setAttribute('style', CLIP);
    chip.textContent = text; // event-derived text: never HTML
    chip.title = title;
    slot.replaceChildren(chip);
    return chip;
  };

  const summarize = (id: string) => {
    const slot = slots.get(id);
    if (!slot || asked.has(id)) return;
    asked.add(id);
    show(slot, '✦ summarizing…', 'Your model is writing a one-line summary.', 'chip muted');
    void ctx.send({ type: 'summary.get', target, issueId: id, owner, priority: 'view' }).then((r) => {
      if (signal.aborted || !slot.isConnected) return;
      if (!r.ok) {
        asked.delete(id);
        return void show(slot, '✦ —', [r.error.message, r.error.nextStep].filter(Boolean).join(' '), 'chip muted');
      }
      const s = r.data;
      if (s.status !== 'ok')
        return void show(
          slot,
          '✦ unknown',
          `The model gave no usable answer: ${s.reason ?? 'unknown reason'}.`,
          'chip muted',
        );
      const chip = show(
        slot,
        `✦ ${s.summary}`,
        `${s.summary}\nSuspected cause: ${CAUSE_LABELS[s.cause]} (confidence ${Math.round(s.confidence * 100)}%)\nFrom ${s.model}${s.cached ? ', cached' : ''}; the prompt was scrubbed of personal data.`,
      );
      chip.dataset.cause = s.cause;
    });
  };

  onRowData(ctx, (slot, row) => {
    if (!row) return;
    slots.set(row.id, slot);
    if (auto) return summarize(row.id);
    // A small ✦ in the row's Dexter bar: the line itself comes under the title once asked for.
    const button = show(
      slot,
      '✦',
      'Summarize the issues on screen with your own model (personal data is scrubbed first).',
      'chip muted',
    );
    button.setAttribute('role', 'button');
    button.setAttribute('aria-label', 'Summarize the issues on screen');
    const go = () => {
      auto = true; // from now on, rows drawn on this page are summarised too
      for (const [id, s] of slots) if (s.isConnected) summarize(id);
    };
    button.addEventListener('click', go, { signal });
    button.addEventListener('keydown', (e) => (e.key === 'Enter' || e.key === ' ') && go(), { signal });
  });
  signal.addEventListener('abort', () => void ctx.send({ type: 'summary.cancel', owner }), { once: true });
}
