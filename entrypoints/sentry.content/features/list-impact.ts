// User-impact badge: users affected (the number in Sentry's Users column beside it) and their share of the project's
// users in the same window and environments. The user base comes from Sentry (Discover count_unique(user), the same
// `user` column) or the user's setting; otherwise the share is "—" and says why.
import type { FeatureContext, FeatureMeta } from '../registry';
import { onRowData, unknownChip, whyNoData } from '../list/row-data';
import { impactOf, type UserBase } from '@/lib/scoring/impact';
import { formatCount, formatPercent } from '@/lib/scoring/format';

export const meta = {
  id: 'list-impact',
  label: 'User impact on the issue list',
  description: 'Users affected and their share of the project’s users in the same window.',
  pages: ['issue-list'],
  order: 2,
} satisfies FeatureMeta;

export function init(ctx: FeatureContext) {
  const { settings, page, filters } = ctx;
  type Base = { base: UserBase | null; why?: string };
  const bases = new Map<string, Promise<Base>>();
  const known = new Map<string, Base>(); // rows drawn after the answer fill once, not twice
  const userBase = (projectId: string) => {
    let p = bases.get(projectId);
    if (!p) {
      // Asked in the next task: the rows in view are being drawn now, and a message costs a few ms to send.
      p = new Promise<void>((r) => setTimeout(r, 0))
        .then(() =>
          ctx.send({
            type: 'project.userBase',
            target: { apiBase: page.apiBase, org: page.org! },
            projectId,
            window: filters.window,
            environments: filters.environments,
          }),
        )
        .then((r): Base =>
          r.ok
            ? {
                base: r.data.count === null ? null : { count: r.data.count, source: r.data.source },
                why: r.data.reason,
              }
            : { base: null, why: r.error.message },
        )
        .then((b) => (known.set(projectId, b), b));
      bases.set(projectId, p);
    }
    return p;
  };
  onRowData(ctx, (slot, row, error, window) => {
    if (!row) {
      unknownChip(slot, 'Users', whyNoData(error, 'No data from Sentry for this issue.'));
      return;
    }
    const chip = document.createElement('span');
    chip.className = 'chip lvl';
    chip.tabIndex = 0;
    slot.append(chip); // the level's dot is the chip's ::before
    const fill = (base: UserBase | null, why?: string) => {
      const impact = impactOf(row.users, base, settings.list.impactThresholds);
      chip.className = `chip lvl${impact.level ? ` lvl-${impact.level}` : ''}`;
      chip.textContent = `${formatCount(impact.users)} users · ${impact.share === null ? '—' : formatPercent(impact.share)}`;
      // Without a user base, the specific reason (still loading, no project, what Sentry or the settings said)
      // beats the generic one.
      const reason =
        impact.users !== null && !base && why
          ? why
          : (impact.reason ??
            (impact.share !== null && base
              ? `${formatCount(impact.users)} of ${formatCount(base.count)} users of this project in the ${window.label}${filters.environments.length ? ` (${filters.environments.join(', ')})` : ''}, ${base.source === 'sentry' ? 'from Sentry' : 'from your setting'}.`
              : why));
      chip.title = `${impact.level ? `Impact: ${impact.level}. ` : ''}${reason ?? ''}`;
      chip.setAttribute(
        'aria-label',
        `Users affected: ${impact.users ?? 'unknown'}; share ${impact.share === null ? 'unknown' : formatPercent(impact.share)}. ${chip.title}`,
      );
    };
    const projectId = row.project?.id;
    if (!window.page)
      return fill(
        null,
        'This Sentry has no issues-stats endpoint, so the users are counted since the issue began, not in the page’s window; no share is shown.',
      );
    if (projectId === undefined)
      return fill(null, 'Sentry sent no project for this issue, so its project’s user count is unknown.');
    const had = known.get(projectId);
    if (had) return fill(had.base, had.why);
    fill(null, 'Loading the project’s user count…');
    void userBase(projectId).then(({ base, why }) => fill(base, why));
  });
}
