// Generated issues with believable timelines: diurnal steady traffic, bursts, a few spikes, new and stopped issues.
// Counts, users, firstSeen/lastSeen and substatus are all derived from the same hourly series, so they agree.
import { catalogFor, type ErrorKind } from './catalog.ts';
import { DAY, HOUR, HOURS_KEPT, type Issue, type Org, type Project, type Substatus } from './model.ts';
import { intBetween, pick, type Rng } from './prng.ts';

export type TimelineShape = 'steady' | 'bursty' | 'spike' | 'new' | 'stopped' | 'rare';

export interface Timeline {
  hourly: Uint32Array;
  olderCount: number;
  firstSeen: number;
  lastSeen: number;
}

export function windowStartFor(now: number): number {
  return Math.floor(now / HOUR) * HOUR - (HOURS_KEPT - 1) * HOUR;
}

/** Poisson-ish draw that stays cheap for 10,000 issues x 720 hours. */
function draw(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean < 3) {
    let k = 0;
    let p = Math.exp(-mean);
    let s = p;
    const u = rng();
    while (u > s && k < 60) { k++; p *= mean / k; s += p; }
    return k;
  }
  const g = Math.sqrt(-2 * Math.log(rng() || 1e-9)) * Math.cos(2 * Math.PI * rng());
  return Math.max(0, Math.round(mean + g * Math.sqrt(mean)));
}

export function generateTimeline(rng: Rng, shape: TimelineShape, now: number): Timeline {
  const start = windowStartFor(now);
  const hourly = new Uint32Array(HOURS_KEPT);
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
    hourly[i] = draw(rng, mean);
  }
  // The current hour is only partly over.
  const partial = (now - (start + (HOURS_KEPT - 1) * HOUR)) / HOUR;
  hourly[HOURS_KEPT - 1] = Math.round((hourly[HOURS_KEPT - 1] ?? 0) * partial);
  let first = hourly.findIndex((n) => n > 0);
  if (first < 0) { first = Math.min(lastActive, HOURS_KEPT - 2); hourly[first] = 1; }
  let last = HOURS_KEPT - 1;
  while (last > 0 && (hourly[last] ?? 0) === 0) last--;
  const old = shape !== 'new' && rng() < 0.85;
  const olderDays = old ? intBetween(rng, 1, 330) : 0;
  const olderCount = old ? Math.round(base * 24 * olderDays * (0.2 + rng())) : 0;
  const hourStart = (i: number) => start + i * HOUR;
  const lastCap = Math.min(HOUR - 1, now - hourStart(last));
  return {
    hourly,
    olderCount,
    firstSeen: old && olderCount > 0 ? start - olderDays * DAY + Math.floor(rng() * DAY) : hourStart(first) + Math.floor(rng() * HOUR * 0.5),
    lastSeen: hourStart(last) + Math.floor(rng() * Math.max(1, lastCap)),
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
  now: number;
  kind?: ErrorKind;
  shape?: TimelineShape;
}

/** Users affected grow sub-linearly with events; some issues carry no user context at all. */
export function pickUsers(rng: Rng, project: Project, events: number): string[] {
  if (rng() < 0.1 || project.userBase.length === 0) return [];
  // Most events come from a few users: sqrt keeps users well under events, as on real issues.
  const want = Math.min(project.userBase.length, Math.max(1, Math.round(Math.sqrt(events) * (0.3 + rng() * 1.2))));
  const startAt = intBetween(rng, 0, project.userBase.length - 1);
  const out: string[] = [];
  for (let i = 0; i < want; i++) out.push(project.userBase[(startAt + i * 7) % project.userBase.length] ?? '');
  return [...new Set(out)];
}

export function generateIssue(rng: Rng, seed: IssueSeed): Issue {
  const catalog = catalogFor(seed.project.platform);
  const kind = seed.kind ?? pick(rng, catalog.kinds);
  // Vary the in-app frame so that thousands of issues don't all share one title and culprit.
  const variant = seed.kind ? kind : { ...kind, module: rng() < 0.5 ? kind.module : pick(rng, catalog.modules), fn: rng() < 0.6 ? kind.fn : pick(rng, catalog.fns) };
  const shape = seed.shape ?? pickShape(rng);
  const timeline = generateTimeline(rng, shape, seed.now);
  const total = timeline.olderCount + timeline.hourly.reduce((a, b) => a + b, 0);
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
    metadata: { type: variant.type, value: variant.value, filename: catalog.fileOf(variant.module), function: variant.fn, in_app_frame_mix: 'mixed', initial_priority: 50 },
    platform: catalog.platform,
    logger: null,
    status: resolved ? 'resolved' : ignored ? 'ignored' : 'unresolved',
    substatus: resolved ? null : ignored ? 'archived_until_escalating' : substatusFor(shape, rng),
    statusDetails: {},
    priority: variant.level === 'fatal' || shape === 'spike' ? 'high' : rng() < 0.3 ? 'low' : 'medium',
    isUnhandled: variant.unhandled ?? rng() < 0.2,
    hasSeen: rng() < 0.4,
    isBookmarked: false,
    firstSeen: timeline.firstSeen,
    lastSeen: timeline.lastSeen,
    hourly: timeline.hourly,
    olderCount: timeline.olderCount,
    users: pickUsers(rng, seed.project, total),
    release: `${seed.project.slug}@1.${intBetween(rng, 0, 9)}.${intBetween(rng, 0, 20)}`,
    environment: rng() < 0.85 ? 'production' : 'staging',
    events: [],
    notes: [],
    fingerprint: `${variant.type}|${variant.module}.${variant.fn}`,
  };
}
