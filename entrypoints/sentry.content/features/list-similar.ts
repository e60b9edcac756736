// "≈ N similar" on each issue row (issue #17): issues of this organization, in any project, whose signature (type,
// normalised message, top frames) is close to the row's, from Dexter's local index. One ask per batch of rows, no
// request per row; the tooltip names the closest ones and why.
import type { FeatureContext, FeatureMeta } from '../registry';
import { onRowData } from '../list/row-data';
import type { ReplyOf } from '@/lib/messages';

export const meta = {
  id: 'list-similar',
  label: 'Similar issues on the issue list',
  description: 'How many issues across your projects look like this one (local index; nothing leaves your machine).',
  pages: ['issue-list'],
  order: 4,
} satisfies FeatureMeta;

export function init(ctx: FeatureContext) {
  const { page, signal } = ctx;
  if (!page.org) return;
  const target = { apiBase: page.apiBase, org: page.org };
  // Rows come drawn a few at a time: their ids are gathered for a moment and asked for together.
  let batch: { id: string; slot: HTMLElement }[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    const rows = batch;
    batch = [];
    timer = undefined;
    void ctx.send({ type: 'similar.rows', target, ids: rows.map((r) => r.id) }).then((r: ReplyOf<'similar.rows'>) => {
      if (signal.aborted) return;
      for (const { id, slot } of rows) draw(slot, r, id);
    });
  };
  onRowData(ctx, (slot, row) => {
    if (!row) return;
    batch.push({ id: row.id, slot });
    if (batch.length >= 100) flush();
    else timer ??= setTimeout(flush, 30);
  });
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
}

function draw(slot: HTMLElement, r: ReplyOf<'similar.rows'>, id: string): void {
  if (!slot.isConnected) return;
  const chip = document.createElement('span');
  chip.tabIndex = 0;
  if (!r.ok) {
    chip.className = 'chip muted';
    chip.textContent = '≈ —';
    chip.title = [r.error.message, r.error.nextStep].filter(Boolean).join(' ');
  } else {
    const matches = r.data.rows[id] ?? [];
    // None similar: nothing drawn, so the row's bar stays one line for the badges that say something.
    if (!matches.length) return slot.replaceChildren();
    chip.className = 'chip';
    chip.textContent = `≈ ${matches.length} similar`;
    chip.title = matches
      .slice(0, 5)
      .map(
        (m) =>
          `${m.shortId} (${Math.round(m.score * 100)}%${m.sameProject ? '' : ', another project'}): ${m.title}\n  ${m.reason}`,
      )
      .join('\n');
  }
  chip.setAttribute('aria-label', chip.textContent + '. ' + chip.title);
  slot.replaceChildren(chip);
}
