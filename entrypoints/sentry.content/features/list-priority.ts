// Priority score 0–100 per row, worked out in the background from Sentry's data (lib/scoring/priority.ts documents
// the formula); the tooltip lists the factors.
import type { FeatureContext, FeatureMeta } from '../registry';
import { onRowData, unknownChip, whyNoData } from '../list/row-data';
import { formatExact } from '@/lib/scoring/format';

export const meta = {
  id: 'list-priority',
  label: 'Priority score on the issue list',
  description: 'A 0–100 score from recency, spikes, level, users and events; the tooltip lists the factors.',
  pages: ['issue-list'],
  order: 1,
} satisfies FeatureMeta;

export function init(ctx: FeatureContext) {
  onRowData(ctx, (slot, row, error, window) => {
    if (!row) {
      unknownChip(slot, 'Priority', whyNoData(error, 'No data from Sentry for this issue.'));
      return;
    }
    const { score, level, title, label } = row.priority;
    const chip = document.createElement('span');
    chip.className = `chip lvl lvl-${level}`;
    chip.tabIndex = 0;
    chip.textContent = `P${score} ${level}`; // the level's dot is the chip's ::before
    // The counts the score read, as Sentry's Events and Users columns beside it show them.
    chip.title = `${title}\n${formatExact(row.events)} events, ${formatExact(row.users)} users in the ${window.label}.`;
    chip.setAttribute('aria-label', label);
    slot.append(chip);
  });
}
