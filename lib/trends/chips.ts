// Chips that say where an issue comes from, from the issue itself: the release its first event carried
// (`firstRelease`, group_details.py get_first_last_release), the release it regressed in (the latest
// `set_regression` activity's `data.version`, the event's release: event_manager.py _handle_regression), the release
// it is resolved in (`statusDetails.inRelease`), and a deploy that finished shortly before it started.
import { shortVersion, type Marker } from './markers';

export interface TrendChip {
  kind: 'first-release' | 'regressed' | 'resolved-in' | 'after-deploy';
  text: string;
  title: string;
}

/** The parts of an issue (GET …/issues/{id}/) the chips read. */
export interface IssueReleaseFacts {
  firstRelease?: { version?: string | null } | null;
  activity?: readonly { type: string; dateCreated?: string; data?: unknown }[];
  statusDetails?: Record<string, unknown> | null;
}

/** How soon after a deploy an issue's start counts as following it. */
export const AFTER_DEPLOY_MS = 30 * 60_000;

export function releaseChips(issue: IssueReleaseFacts): TrendChip[] {
  const out: TrendChip[] = [];
  const first = issue.firstRelease?.version;
  if (first)
    out.push({
      kind: 'first-release',
      text: `first seen in ${shortVersion(first)}`,
      title: `Its first event carried release ${first} (Sentry’s firstRelease).`,
    });
  const regression = [...(issue.activity ?? [])]
    .filter((a) => a.type === 'set_regression')
    .sort((a, b) => Date.parse(b.dateCreated ?? '') - Date.parse(a.dateCreated ?? ''))[0];
  const data = (regression?.data ?? {}) as { version?: unknown; resolved_in_version?: unknown };
  if (regression && typeof data.version === 'string' && data.version) {
    const was =
      typeof data.resolved_in_version === 'string' && data.resolved_in_version
        ? ` after it was resolved in ${data.resolved_in_version}`
        : '';
    out.push({
      kind: 'regressed',
      text: `regressed in ${shortVersion(data.version)}`,
      title: `It came back${was} with an event of release ${data.version}${regression.dateCreated ? ` (${regression.dateCreated.replace('T', ' ').slice(0, 16)} UTC)` : ''} — Sentry’s regression activity.`,
    });
  }
  const resolvedIn = issue.statusDetails?.inRelease;
  if (typeof resolvedIn === 'string' && resolvedIn)
    out.push({
      kind: 'resolved-in',
      text: `resolved in ${shortVersion(resolvedIn)}`,
      title: `Resolved in release ${resolvedIn} (Sentry’s statusDetails).`,
    });
  return out;
}

/** The deploy that finished at most 30 minutes before `start` (the latest such), as a chip; `what` says what started
 *  then ("Its first event", "Its first unusual hour"). */
export function afterDeployChip(
  start: number,
  deploys: readonly Marker[],
  what: string,
  format: (ms: number) => string,
): TrendChip | null {
  const d = deploys
    .filter((m) => m.kind === 'deploy' && m.at <= start && start - m.at <= AFTER_DEPLOY_MS)
    .sort((a, b) => b.at - a.at)[0];
  if (!d) return null;
  const minutes = Math.round((start - d.at) / 60_000);
  return {
    kind: 'after-deploy',
    text: `${minutes} min after deploy ${d.short}`, // short: a row's chips fit one line at common widths
    title: `${what} (${format(start)}) came ${minutes} min after ${d.version} finished deploying to ${d.environment ?? 'an environment'} (${format(d.at)}).`,
  };
}

/** When an hourly series' first unusual hour began (its first peak), for the after-deploy chip; null without one or
 *  when the buckets are coarser than an hour (a day's bucket cannot place a start within 30 minutes). */
export function firstSpikeStart(
  times: readonly number[],
  peaks: readonly number[],
  bucketSeconds: number,
): number | null {
  if (bucketSeconds > 3600 || !peaks.length) return null;
  const t = times[Math.min(...peaks)];
  return t === undefined ? null : t * 1000;
}
