// Priority score 0–100 on each row (lib/scoring/priority.ts documents the formula); the tooltip lists the factors.
import { defineFeature } from '../registry';
import { onRowData, unknownChip, whyNoData } from '../row-data';
import { priorityScore } from '@/lib/scoring/priority';

export default defineFeature({
  id: 'list-priority',
  pages: ['issue-list'],
  init(ctx) {
    onRowData(ctx, 'list-priority', (slot, issue, error) => {
      if (!issue) {
        unknownChip(slot, 'Priority', whyNoData(error, 'No data from Sentry for this issue.'));
        return;
      }
      const p = priorityScore(issue, { now: Date.now() });
      const chip = document.createElement('span');
      chip.className = `chip lvl-${p.level}`;
      chip.tabIndex = 0;
      const dot = document.createElement('span');
      dot.className = 'dot';
      const text = document.createElement('span');
      text.textContent = `P${p.score} ${p.level}`;
      chip.append(dot, text);
      const lines = p.factors
        .filter((f) => f.contribution > 0 || !f.known)
        .sort((a, b) => b.contribution - a.contribution)
        .map((f) => `${f.known ? `+${f.contribution.toFixed(1)}` : '  ?'}  ${f.name}: ${f.explanation}`);
      chip.title = `Priority ${p.score}/100 (${p.level})\n${lines.join('\n')}`;
      chip.setAttribute('aria-label', `Priority ${p.score} of 100, ${p.level}`);
      slot.append(chip);
    });
  },
});
