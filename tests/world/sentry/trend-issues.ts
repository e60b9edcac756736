// Issues of acme shaped for issue #18's features, with exact, made-to-order histories (the generated ones are random):
// - four issues archived until escalating, two that escalate by Sentry's rule and two that do not — one steady every
//   hour of the week (the weighted-average rule), one with empty hours (ten times its busiest hour) of each;
// - an issue that starts 12 minutes after web-frontend's latest production deploy;
// - an issue resolved in api@2.14.0 that regressed in api@2.15.1 a few minutes after that release reached production.
// Each knows only its history; whether it escalates is decided by escalation.ts, as for every other issue.
import { BUCKETS, DAYS_KEPT, HOURS_KEPT, type Clock } from './buckets.ts';
import type { ErrorKind } from './catalog.ts';
import { HOUR, DAY, type Issue, type Project, type Release } from './model.ts';
import { seriesTotal, type Single, type Traffic } from './traffic.ts';
import { lastDeploy } from './releases.ts';

export type TrendShape =
  'escalates-steady' | 'calm-steady' | 'calm-gaps' | 'escalates-gaps' | 'after-deploy' | 'regressed';

export interface TrendIssue {
  shape: TrendShape;
  project: string;
  kind: ErrorKind;
  /** Events in the hour `ago` hours before the current one (0: the current hour so far). */
  hourly?: (ago: number) => number;
  history?: number;
}

const steady = (now: number) => (ago: number) => (ago === 0 ? now : ago > 10 * 24 ? 0 : 18 + ((ago * 7) % 9));
const gaps = (now: number) => (ago: number) =>
  ago === 0 ? now : ago > 10 * 24 || ago % 5 === 0 ? 0 : 3 + (ago % 4) * 2;

export const TREND_ISSUES: TrendIssue[] = [
  {
    shape: 'escalates-steady',
    project: 'api',
    kind: {
      type: 'TimeoutError',
      value: 'Timed out waiting for the payments gateway',
      module: 'billing.gateway',
      fn: 'authorize',
    },
    hourly: steady(400),
  },
  {
    shape: 'calm-steady',
    project: 'api',
    kind: { type: 'RedisError', value: 'Connection reset by peer', module: 'sessions.store', fn: 'load' },
    hourly: steady(60),
  },
  {
    shape: 'calm-gaps',
    project: 'web-frontend',
    kind: {
      type: 'TypeError',
      value: "Cannot read properties of null (reading 'price')",
      module: 'components/PriceTag',
      fn: 'PriceTag',
    },
    hourly: gaps(70),
  },
  {
    shape: 'escalates-gaps',
    project: 'web-frontend',
    kind: { type: 'ChunkLoadError', value: 'Loading chunk 913 failed.', module: 'pages/Orders', fn: 'lazyLoad' },
    hourly: (ago) => (ago === 0 ? 55 : ago > 10 * 24 || ago % 3 === 0 ? 0 : 2 + (ago % 3)),
  },
  {
    shape: 'after-deploy',
    project: 'web-frontend',
    kind: {
      type: 'TypeError',
      value: "Cannot read properties of undefined (reading 'currency')",
      module: 'components/Checkout',
      fn: 'Checkout.render',
    },
  },
  {
    shape: 'regressed',
    project: 'api',
    kind: { type: 'KeyError', value: "'currency'", module: 'billing.invoices', fn: 'render_invoice' },
  },
];

const bucketOfHourAgo = (ago: number) => DAYS_KEPT + HOURS_KEPT - 1 - ago;

/** Users of the shaped issues: a fixed arc of the project's user base. */
function users(project: Project) {
  const span = Math.min(project.userBase.length, 60);
  return { userStart: 0, userSpan: span, pool: Math.max(1, Math.round(span / 3)) };
}

function hourlyTraffic(project: Project, hourly: (ago: number) => number, singles: Single[] = []): Traffic {
  const counts = new Uint16Array(BUCKETS);
  for (let ago = 0; ago < HOURS_KEPT; ago++) counts[bucketOfHourAgo(ago)] = hourly(ago);
  const s = { env: 'production', counts, ...users(project), total: 0, first: -1, last: -1 };
  Object.assign(s, seriesTotal(s));
  return { series: s.total ? [s] : [], singles };
}

/** The shaped issue's history, status and activity, onto an issue generateIssue made (ids, title, culprit…). */
export function shapeIssue(
  issue: Issue,
  spec: TrendIssue,
  project: Project,
  releases: readonly Release[],
  clock: Clock,
): void {
  const end = clock.end;
  const hourStart = Math.floor(end / HOUR) * HOUR;
  Object.assign(issue, { priority: 'high', level: 'error', isUnhandled: true, statusDetails: {} });
  if (spec.hourly) {
    issue.traffic = hourlyTraffic(project, spec.hourly);
    // Sentry's rule decides (escalation.ts): they were archived until escalating.
    Object.assign(issue, { status: 'ignored', substatus: 'archived_until_escalating' });
  } else if (spec.shape === 'after-deploy') {
    // The first event 12 minutes after the latest production deploy, then a steady trickle every hour since.
    const deploy = releases
      .flatMap((r) => r.deploys)
      .filter((d) => d.environment === 'production')
      .sort((a, b) => b.dateFinished - a.dateFinished)[0]!;
    const first = deploy.dateFinished + 12 * 60_000;
    const firstHourAgo = Math.floor((hourStart - Math.floor(first / HOUR) * HOUR) / HOUR);
    issue.traffic = hourlyTraffic(project, (ago) => (ago < firstHourAgo ? 15 : 0), [
      { at: first, env: 'production', user: 0 },
    ]);
    Object.assign(issue, { status: 'unresolved', substatus: 'new' });
  } else {
    // Events for 20 days until it was resolved in 2.14.0, none after, then again from a few minutes after 2.15.1
    // reached production.
    const byVersion = (suffix: string) => releases.find((r) => r.version.endsWith(suffix))!;
    const resolvedIn = byVersion('@2.14.0');
    const regressedIn = byVersion('@2.15.1');
    const resolvedAt = resolvedIn.dateCreated + 3 * HOUR;
    const shipped = regressedIn.deploys.find((d) => d.environment === 'production') ?? lastDeploy(regressedIn)!;
    const back = shipped.dateFinished + 5 * 60_000;
    const startedAgo = Math.floor((hourStart - (resolvedAt - 20 * DAY)) / HOUR);
    const resolvedAgo = Math.ceil((hourStart - resolvedAt) / HOUR);
    const singles: Single[] = Array.from({ length: 8 }, (_, k) => ({
      at: back + Math.floor((k * (end - back)) / 8),
      env: 'production',
      user: k % 3,
    }));
    issue.traffic = hourlyTraffic(
      project,
      (ago) => (ago > resolvedAgo && ago <= Math.min(startedAgo, HOURS_KEPT - 1) ? 2 + (ago % 3) : 0),
      singles,
    );
    Object.assign(issue, { status: 'unresolved', substatus: 'regressed' });
    issue.activity = [
      {
        id: `res-${issue.id}`,
        type: 'set_resolved_in_release',
        dateCreated: resolvedAt,
        data: { version: resolvedIn.version },
      },
      {
        id: `reg-${issue.id}`,
        type: 'set_regression',
        dateCreated: back,
        data: {
          event_id: null,
          version: regressedIn.version,
          resolved_in_version: resolvedIn.version,
          follows_semver: true,
        },
      },
    ];
  }
}
