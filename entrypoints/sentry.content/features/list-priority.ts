// Priority score 0–100 per row, worked out in the background from Sentry's data (lib/scoring/priority.ts documents
// the formula); the tooltip lists the factors.
import { defineFeature } from '../registry';
import { onRowData, unknownChip, whyNoData } from '../row-data';

export default defineFeature({
  id: 'list-priority',
  pages: ['issue-list'],
  init(ctx) {
    onRowData(ctx, 'list-priority', (slot, row, error) => {
      if (!row) {
        unknownChip(slot, 'Priority', whyNoData(error, 'No data from Sentry for this issue.'));
        return;
      }
      const { score, level, title, label } = row.priority;
      const chip = document.createElement('span');
      chip.className = `chip lvl lvl-${level}`;
      chip.tabIndex = 0;
      chip.textContent = `P${score} ${level}`; // the level's dot is the chip's ::before
      chip.title = title;
      chip.setAttribute('aria-label', label);
      slot.append(chip);
    });
  },
});
