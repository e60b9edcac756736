// An issue's status as Sentry's GET shows it, kept before a bulk change so Undo can put it back exactly. Only the
// fields a PUT can set again are kept (the GET's `actor` and commit message are not), in a strict shape because the
// popup or Explorer hands it back to the background with the undo request.
import { z } from 'zod';
import type { Issue } from '../sentry/schemas';

const count = z.number().int().min(-1_000_000_000).max(1_000_000_000);

export const statusDetailsSchema = z.object({
  inRelease: z.string().min(1).max(250).optional(),
  inNextRelease: z.boolean().optional(),
  inUpcomingRelease: z.boolean().optional(),
  /** GET gives the serialized Commit; the PUT wants its sha and the repository's name. Null where GET lacked one. */
  inCommit: z.object({ commit: z.string().max(100).nullable(), repository: z.string().max(200).nullable() }).optional(),
  autoResolved: z.boolean().optional(),
  /** The end of an "ignore until" snooze, as GET gives it (a date; the PUT only takes minutes from now). */
  ignoreUntil: z.string().max(64).optional(),
  /** Remaining events (or users) when there is no window; the configured count when there is one. */
  ignoreCount: count.optional(),
  ignoreWindow: count.optional(),
  ignoreUserCount: count.optional(),
  ignoreUserWindow: count.optional(),
});
export type StatusDetails = z.infer<typeof statusDetailsSchema>;

export const priorStateSchema = z.object({
  id: z.string().regex(/^\d{1,20}$/),
  project: z
    .string()
    .regex(/^\d{1,20}$/)
    .nullable(),
  status: z.string().max(40),
  substatus: z.string().max(40).nullable(),
  statusDetails: statusDetailsSchema,
});
export type PriorState = z.infer<typeof priorStateSchema>;

const num = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** The restorable part of an issue's statusDetails (unknown keys and `actor` dropped). */
export function detailsOf(raw: Record<string, unknown> | undefined): StatusDetails {
  const d = raw ?? {};
  const out: StatusDetails = {};
  const inRelease = str(d.inRelease);
  if (inRelease) out.inRelease = inRelease.slice(0, 250);
  if (d.inNextRelease === true) out.inNextRelease = true;
  if (d.inUpcomingRelease === true) out.inUpcomingRelease = true;
  if (d.inCommit && typeof d.inCommit === 'object') {
    const c = d.inCommit as { id?: unknown; repository?: { name?: unknown } | null };
    out.inCommit = {
      commit: str(c.id)?.slice(0, 100) ?? null,
      repository: str(c.repository?.name)?.slice(0, 200) ?? null,
    };
  }
  if (d.autoResolved === true) out.autoResolved = true;
  const until = str(d.ignoreUntil);
  if (until) out.ignoreUntil = until.slice(0, 64);
  for (const k of ['ignoreCount', 'ignoreWindow', 'ignoreUserCount', 'ignoreUserWindow'] as const) {
    const n = num(d[k]);
    if (n !== undefined && Math.abs(n) <= 1_000_000_000) out[k] = n;
  }
  return out;
}

/** What Undo needs of an issue Sentry returned. */
export function priorOf(issue: Issue): PriorState {
  const project = issue.project?.id && /^\d{1,20}$/.test(issue.project.id) ? issue.project.id : null;
  return {
    id: issue.id,
    project,
    status: issue.status ?? 'unresolved',
    substatus: issue.substatus ?? null,
    statusDetails: detailsOf(issue.statusDetails),
  };
}
