// User impact of an issue: the share of the project's users it reached in the same period.
import { type ApiIssue, issueUserCount } from './issue';

export type ImpactLevel = 'critical' | 'high' | 'medium' | 'low';

export interface UserBase {
  count: number;
  /** 'sentry': the project's unique users from Sentry for the period; 'setting': typed in by the user. */
  source: 'sentry' | 'setting';
}

/** Share (0..1) of the user base at or above which each level starts. */
export interface ImpactThresholds {
  critical: number;
  high: number;
  medium: number;
}

export const DEFAULT_IMPACT_THRESHOLDS: ImpactThresholds = { critical: 0.1, high: 0.02, medium: 0.005 };

export interface UserImpact {
  users: number | null;
  share: number | null;
  level: ImpactLevel | null;
  /** Why share is unknown (the UI shows "—" with this as its tooltip). */
  reason?: string;
}

export function impactLevel(share: number, t: ImpactThresholds = DEFAULT_IMPACT_THRESHOLDS): ImpactLevel {
  if (share >= t.critical) return 'critical';
  if (share >= t.high) return 'high';
  if (share >= t.medium) return 'medium';
  return 'low';
}

export function userImpact(
  issue: ApiIssue,
  userBase: UserBase | null,
  thresholds: ImpactThresholds = DEFAULT_IMPACT_THRESHOLDS,
): UserImpact {
  return impactOf(issueUserCount(issue), userBase, thresholds);
}

/** The same from the users count alone (the list overlay gets only that from the background). */
export function impactOf(
  users: number | null,
  userBase: UserBase | null,
  thresholds: ImpactThresholds = DEFAULT_IMPACT_THRESHOLDS,
): UserImpact {
  if (users === null)
    return { users, share: null, level: null, reason: 'Sentry did not report how many users this issue affected.' };
  if (!userBase)
    return {
      users,
      share: null,
      level: null,
      reason:
        "The project's user count is unknown: Sentry sent none for this period and none is set in Dexter's settings.",
    };
  if (!Number.isFinite(userBase.count) || userBase.count <= 0) {
    return {
      users,
      share: null,
      level: null,
      reason:
        userBase.source === 'sentry'
          ? 'Sentry recorded no users for this project in the period.'
          : "The project user count in Dexter's settings is not set.",
    };
  }
  // Users of one window over the project's users of the same window and environments can never pass 100%. If they
  // do, the two figures are not of the same window (a stale setting, or a Sentry that counted differently): say so
  // instead of showing a share that cannot be.
  if (users > userBase.count) {
    return {
      users,
      share: null,
      level: null,
      reason:
        userBase.source === 'setting'
          ? `The project user count in Dexter’s settings (${userBase.count}) is below this issue’s ${users} users; update it.`
          : `Sentry counted ${userBase.count} users for the project but ${users} for this issue in the same window, so no share is shown.`,
    };
  }
  const share = users / userBase.count;
  return { users, share, level: impactLevel(share, thresholds) };
}
