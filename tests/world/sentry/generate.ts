// Generated issues with believable timelines: diurnal steady traffic, bursts, a few spikes, new and stopped issues,
// spread over environments, with users drifting over the issue's life. Counts, users, first/last seen and substatus
// all come from the same bucketed series (traffic.ts), so they agree for any window and environment.
import { BUCKETS, DAYS_KEPT, HOURS_KEPT, type Clock } from './buckets.ts';
import { catalogFor, type ErrorKind } from './catalog.ts';
import { HOUR, type Issue, type Org, type Project, type Substatus } from './model.ts';
import { intBetween, pick, type Rng } from './prng.ts';
import { edgeIn, seriesTotal, type Series, type Traffic } from './traffic.ts';

export type TimelineShape = 'steady' | 'bursty' | 'spike' | 'new' | 'stopped' | 'rare';

/** The environments every project reports (ProjectSerializer `environments`). */
export const ENVIRONMENTS = ['production', 'staging'] as const;

const MAX_BUCKET = 65_535;

/** Poisson-ish draw that stays cheap for 10,000 issues x 1,000 buckets. */
function draw(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean < 3) {
    let k = 0;
    let p = Math.exp(-mean);
    let s = p;
    const u = rng();
    while (u > s && k < 60) {
      k++;
      p *= mean / k;
      s += p;
    }
    return k;
  }
  const g = Math.sqrt(-2 * Math.log(rng() || 1e-9)) * Math.cos(2 * Math.PI * rng());
  return Math.min(MAX_BUCKET, Math.max(0, Math.round(mean + g * Math.sqrt(mean))));
}

/** Events per bucket (all environments): hourly for the last 30 days by shape, daily before that for old issues. */
export function generateCounts(rng: Rng, shape: TimelineShape, clock: Clock): Uint16Array {
  const counts = new Uint16Array(BUCKETS);
  const base = shape === 'rare' ? 0.03 + rng() * 0.1 : Math.exp(Math.log(0.2) + rng() * Math.log(150));
  const phase = rng() * 24;
  const firstActive = shape === 'new' ? HOURS_KEPT - intBetween(rng, 2, 72) : 0;
  const lastActive = shape === 'stopped' ? HOURS_KEPT - intBetween(rng, 24, 24 * 12) : HOURS_KEPT - 1;
  const spikeFrom = HOURS_KEPT - intBetween(rng, 1, 6);
  let burstLeft = 0;
  for (let i = firstActive; i <= lastActive; i++) {
    const diurnal = 1 + 0.6 * Math.sin(((i + phase) / 24) * 2 * Math.PI);
    let mean = base * diurnal;
    if (shape === 'bursty') {
      if (burstLeft === 0 && rng() < 0.03) burstLeft = intBetween(rng, 1, 6);
      mean = burstLeft > 0 ? base * 12 : base * 0.05;
      if (burstLeft > 0) burstLeft--;
    }
    if (shape === 'spike' && i >= spikeFrom) mean = base * (20 + rng() * 80) + 20;
    counts[DAYS_KEPT + i] = draw(rng, mean);
  }
  // The current hour is only partly over.
  const now = DAYS_KEPT + HOURS_KEPT - 1;
  const partial = (clock.end - clock.start(now)) / HOUR;
  counts[now] = Math.round((counts[now] ?? 0) * partial);
  // Most issues are older than the hourly window: a daily history back to their first day.
  if (shape !== 'new' && rng() < 0.85) {
    const days = intBetween(rng, 1, Math.min(330, DAYS_KEPT));
    const perDay = base * 24 * (0.2 + rng());
    for (let d = DAYS_KEPT - days; d < DAYS_KEPT; d++) counts[d] = draw(rng, perDay);
    if ((counts[DAYS_KEPT - days] ?? 0) === 0) counts[DAYS_KEPT - days] = 1;
  }
  if (!counts.some((n) => n > 0)) counts[Math.min(DAYS_KEPT + lastActive, now - 1)] = 1;
  return counts;
}

function series(env: string, counts: Uint16Array, users: { start: number; span: number; pool: number }): Series {
  return {
    env,
    counts,
    ...seriesTotal({ counts } as Series),
    userStart: users.start,
    userSpan: users.span,
    pool: users.pool,
  };
}

/**
 * Splits the events over environments (most issues live in production only, some in staging only, some in both) and
 * gives each environment an arc of the project's users. Users grow sub-linearly with events; 1 in 10 issues has no
 * user context at all.
 */
export function spreadTraffic(rng: Rng, counts: Uint16Array, project: Project): Traffic {
  const total = counts.reduce((a, b) => a + b, 0);
  const roll = rng();
  const stagingShare = roll < 0.7 ? 0 : roll < 0.8 ? 1 : 0.05 + rng() * 0.35;
  const noUsers = rng() < 0.1 || project.userBase.length === 0;
  const arc = (events: number) => {
    if (noUsers || events === 0) return { start: 0, span: 0, pool: 0 };
    const span = Math.min(project.userBase.length, Math.max(1, Math.round(Math.sqrt(events) * (0.3 + rng() * 1.2))));
    return {
      start: intBetween(rng, 0, project.userBase.length - span),
      span,
      pool: Math.max(1, Math.round(span * (0.15 + rng() * 0.35))),
    };
  };
  if (stagingShare === 0 || stagingShare === 1) {
    const env = stagingShare === 0 ? 'production' : 'staging';
    return { series: [series(env, counts, arc(total))], singles: [] };
  }
  const staging = new Uint16Array(BUCKETS);
  const production = new Uint16Array(BUCKETS);
  for (let i = 0; i < BUCKETS; i++) {
    const n = counts[i] ?? 0;
    if (n === 0) continue;
    const s = Math.min(n, Math.floor(n * stagingShare + rng()));
    staging[i] = s;
    production[i] = n - s;
  }
  const stagingTotal = staging.reduce((a, b) => a + b, 0);
  return {
    series: [
      series('production', production, arc(total - stagingTotal)),
      series('staging', staging, arc(stagingTotal)),
    ].filter((s) => s.total > 0),
    singles: [],
  };
}

function pickShape(rng: Rng): TimelineShape {
  const r = rng();
  if (r < 0.05) return 'spike';
  if (r < 0.2) return 'new';
  if (r < 0.35) return 'bursty';
  if (r < 0.45) return 'stopped';
  if (r < 0.55) return 'rare';
  return 'steady';
}

function substatusFor(shape: TimelineShape, rng: Rng): Substatus {
  if (shape === 'spike') return 'escalating';
  if (shape === 'new') return 'new';
  return rng() < 0.1 ? 'regressed' : 'ongoing';
}

export interface IssueSeed {
  id: string;
  shortId: string;
  org: Org;
  project: Project;
  clock: Clock;
  kind?: ErrorKind;
  shape?: TimelineShape;
}

export function generateIssue(rng: Rng, seed: IssueSeed): Issue {
  const catalog = catalogFor(seed.project.platform);
  const kind = seed.kind ?? pick(rng, catalog.kinds);
  // Vary the in-app frame so that thousands of issues don't all share one title and culprit.
  const variant = seed.kind
    ? kind
    : {
        ...kind,
        module: rng() < 0.5 ? kind.module : pick(rng, catalog.modules),
        fn: rng() < 0.6 ? kind.fn : pick(rng, catalog.fns),
      };
  const shape = seed.shape ?? pickShape(rng);
  const traffic = spreadTraffic(rng, generateCounts(rng, shape, seed.clock), seed.project);
  const statusRoll = rng();
  const resolved = shape === 'stopped' && statusRoll < 0.6;
  const ignored = !resolved && shape !== 'spike' && statusRoll > 0.95;
  const firstLine = variant.value.split('\n')[0] ?? variant.value;
  return {
    id: seed.id,
    orgId: seed.org.id,
    projectId: seed.project.id,
    shortId: seed.shortId,
    title: `${variant.type}: ${firstLine}`.slice(0, 200),
    culprit: catalog.culprit(variant),
    type: 'error',
    issueType: 'error',
    issueCategory: 'error',
    level: variant.level ?? (rng() < 0.08 ? 'fatal' : 'error'),
    metadata: {
      type: variant.type,
      value: variant.value,
      filename: catalog.fileOf(variant.module),
      function: variant.fn,
      in_app_frame_mix: 'mixed',
      initial_priority: 50,
    },
    platform: catalog.platform,
    logger: null,
    status: resolved ? 'resolved' : ignored ? 'ignored' : 'unresolved',
    substatus: resolved ? null : ignored ? 'archived_until_escalating' : substatusFor(shape, rng),
    statusDetails: {},
    priority: variant.level === 'fatal' || shape === 'spike' ? 'high' : rng() < 0.3 ? 'low' : 'medium',
    isUnhandled: variant.unhandled ?? rng() < 0.2,
    hasSeen: rng() < 0.4,
    isBookmarked: false,
    firstSeen: edgeIn(seed.clock, traffic, null, -Infinity, Infinity, 'first') ?? seed.clock.end,
    lastSeen: edgeIn(seed.clock, traffic, null, -Infinity, Infinity, 'last') ?? seed.clock.end,
    traffic,
    release: `${seed.project.slug}@1.${intBetween(rng, 0, 9)}.${intBetween(rng, 0, 20)}`,
    events: [],
    notes: [],
    fingerprint: `${variant.type}|${variant.module}.${variant.fn}`,
  };
}
