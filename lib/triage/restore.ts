// Undo: from an issue's prior state (what GET showed before Dexter changed it) to the bulk PUT body that sets it
// again. Sentry's GET and PUT speak differently (notes: escalation-releases.md §2.5, "Undo recipes"):
//   unresolved (+ substatus)     → {status: unresolved, substatus}   (ongoing is what Sentry infers anyway)
//   resolved                     → {status: resolved}
//   resolved, auto-resolved      → {status: unresolved}: Sentry shows an old unresolved issue as resolved
//   resolved in release V        → {status: resolved, statusDetails: {inRelease: V}}         one PUT per project
//   resolved in next release     → {status: resolved, statusDetails: {inNextRelease: true}}  one PUT per project
//   resolved in commit           → {status: resolved, statusDetails: {inCommit: {commit, repository}}}, per project
//   ignored until a time         → {status: ignored, statusDetails: {ignoreDuration: minutes left}}: no absolute time
//   ignored for counts / users   → ignoreCount + ignoreWindow, ignoreUserCount + ignoreUserWindow as GET gave them
//                                  (GET gives the count left when there is no window, the configured one otherwise)
//   archived until escalating    → {status: ignored, substatus: archived_until_escalating} (Sentry makes a new forecast)
//   archived forever             → {status: ignored, substatus: archived_forever}
// Release-based resolutions are refused for issues of several projects in one PUT, so those group by project.
import type { PriorState, StatusDetails } from './prior';

export interface RestoreBody {
  status: 'resolved' | 'unresolved' | 'ignored';
  substatus?: string;
  statusDetails?: Record<string, unknown>;
}

export interface RestorePlan {
  ok: true;
  body: RestoreBody;
  /** What a re-read must show for the undo to count as done. */
  expect: { status: string; substatus?: string };
  /** The PUT may hold issues of one project only. */
  perProject: boolean;
}
export type Restore = RestorePlan | { ok: false; reason: string };

const UNRESOLVED_SUBSTATUS = new Set(['ongoing', 'escalating', 'regressed', 'new']);
/** Sentry's validators cap ignore windows at a week (validators/status_details.py, max_value=10080). */
const MAX_WINDOW_MIN = 10_080;

const no = (reason: string): Restore => ({ ok: false, reason });

function resolved(d: StatusDetails): Restore {
  const plain = { status: 'resolved' } as const;
  if (d.autoResolved)
    return { ok: true, body: { status: 'unresolved' }, expect: { status: 'resolved' }, perProject: false };
  if (d.inRelease)
    return { ok: true, body: { ...plain, statusDetails: { inRelease: d.inRelease } }, expect: plain, perProject: true };
  if (d.inNextRelease)
    return { ok: true, body: { ...plain, statusDetails: { inNextRelease: true } }, expect: plain, perProject: true };
  if (d.inUpcomingRelease)
    return {
      ok: true,
      body: { ...plain, statusDetails: { inUpcomingRelease: true } },
      expect: plain,
      perProject: true,
    };
  if (d.inCommit) {
    if (!d.inCommit.commit || !d.inCommit.repository)
      return no(
        'it was resolved in a commit Sentry did not fully name (no sha or repository), so Dexter cannot resolve it in that commit again',
      );
    return {
      ok: true,
      body: { ...plain, statusDetails: { inCommit: { commit: d.inCommit.commit, repository: d.inCommit.repository } } },
      expect: plain,
      perProject: true,
    };
  }
  return { ok: true, body: plain, expect: plain, perProject: false };
}

function positive(n: number | undefined, what: string, max = Infinity): number | undefined | string {
  if (n === undefined) return undefined;
  if (n < 1) return `its ${what} had already run out`;
  if (n > max) return `its ${what} (${n}) is longer than Sentry accepts`;
  return n;
}

function ignored(p: PriorState, now: number): Restore {
  const d = p.statusDetails;
  if (p.substatus === 'archived_until_escalating')
    return {
      ok: true,
      body: { status: 'ignored', substatus: 'archived_until_escalating' },
      expect: { status: 'ignored', substatus: 'archived_until_escalating' },
      perProject: false,
    };
  const conditions: Record<string, number> = {};
  if (d.ignoreUntil !== undefined) {
    const until = Date.parse(d.ignoreUntil);
    if (!Number.isFinite(until)) return no(`Sentry gave its snooze end as “${d.ignoreUntil}”, not a date`);
    const minutes = Math.ceil((until - now) / 60_000);
    if (minutes < 1) return no('its “ignore until” time has passed');
    conditions.ignoreDuration = minutes;
  }
  const fields: [keyof StatusDetails & string, string, number][] = [
    ['ignoreCount', 'event count', Infinity],
    ['ignoreWindow', 'event window', MAX_WINDOW_MIN],
    ['ignoreUserCount', 'user count', Infinity],
    ['ignoreUserWindow', 'user window', MAX_WINDOW_MIN],
  ];
  for (const [key, what, max] of fields) {
    const v = positive(d[key] as number | undefined, what, max);
    if (typeof v === 'string') return no(v);
    if (v !== undefined) conditions[key] = v;
  }
  if (Object.keys(conditions).length) {
    // No substatus: Sentry infers archived_until_condition_met from the conditions, and a Sentry from before
    // substatuses (self-hosted) would refuse the field.
    return {
      ok: true,
      body: { status: 'ignored', statusDetails: conditions },
      expect: { status: 'ignored' },
      perProject: false,
    };
  }
  if (p.substatus === 'archived_until_condition_met')
    return no('it was archived until a condition Sentry did not show');
  // A Sentry from before substatuses shows none: a plain ignore is what it had.
  const body: RestoreBody =
    p.substatus === 'archived_forever' ? { status: 'ignored', substatus: 'archived_forever' } : { status: 'ignored' };
  return { ok: true, body, expect: { status: 'ignored' }, perProject: false };
}

/** The PUT that puts the issue back as `prior` shows it, or why that cannot be done. */
export function restoreBody(prior: PriorState, now: number): Restore {
  switch (prior.status) {
    case 'unresolved': {
      const sub =
        prior.substatus && UNRESOLVED_SUBSTATUS.has(prior.substatus) && prior.substatus !== 'ongoing'
          ? prior.substatus
          : undefined;
      return {
        ok: true,
        body: sub ? { status: 'unresolved', substatus: sub } : { status: 'unresolved' },
        expect: sub ? { status: 'unresolved', substatus: sub } : { status: 'unresolved' },
        perProject: false,
      };
    }
    case 'resolved':
      return resolved(prior.statusDetails);
    case 'ignored':
    case 'muted':
      return ignored(prior, now);
    default:
      return no(`Sentry cannot be asked to put an issue back to “${prior.status}”`);
  }
}

/** Issues whose undo is the same request: same body, and the same project where the body needs one. */
export function restoreKey(prior: PriorState, plan: RestorePlan): string {
  return JSON.stringify([plan.body, plan.perProject ? prior.project : null]);
}
