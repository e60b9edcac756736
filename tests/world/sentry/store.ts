// The Sentry test world's state: organisations, projects, issues (generated + real fixtures), notes, sessions.
// Everything the API serves and every state change (resolve, ignore, new events) lives here, in memory.
import { randomBytes } from 'node:crypto';
import { Clock } from './buckets.ts';
import { buildEvent } from './events.ts';
import { deadlockMessages, fixtureIssues } from './fixtures.ts';
import { generateIssue } from './generate.ts';
import { DAY, HOUR, type Issue, type Note, type Org, type Project, type Region, type Release } from './model.ts';
import { createRng, hashString, type Rng } from './prng.ts';
import { countIn, edgeIn, nthLatest, userRuns, usersIn, type Envs, type Runs } from './traffic.ts';
import { projectReleases, releaseAt } from './releases.ts';
import { applyEscalation, sentryEscalation } from './escalation.ts';
import { shapeIssue, TREND_ISSUES } from './trend-issues.ts';

export interface StoreOptions {
  issueCount?: number;
  seed?: number;
  now?: () => number;
}

interface ProjectSpec {
  slug: string;
  name: string;
  platform: string;
}
interface OrgSpec {
  slug: string;
  name: string;
  region: Region;
  projects: ProjectSpec[];
}

export const WORLD: OrgSpec[] = [
  {
    slug: 'acme',
    name: 'Acme Corp',
    region: 'us',
    projects: [
      { slug: 'api', name: 'api', platform: 'python-django' },
      { slug: 'web-frontend', name: 'web-frontend', platform: 'javascript-react' },
      { slug: 'payments', name: 'payments', platform: 'node-express' },
      { slug: 'android', name: 'android', platform: 'android' },
    ],
  },
  {
    slug: 'kaffeehaus',
    name: 'Kaffeehaus GmbH',
    region: 'de',
    projects: [
      { slug: 'shop', name: 'shop', platform: 'python-django' },
      { slug: 'storefront', name: 'storefront', platform: 'javascript-react' },
    ],
  },
];

/** Crockford-style base32 that Sentry uses for the suffix of short ids (PROJECT-1A). */
function shortIdSuffix(n: number): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let out = '';
  do {
    out = alphabet[n % 32] + out;
    n = Math.floor(n / 32);
  } while (n > 0);
  return out;
}

export class Store {
  readonly now: () => number;
  readonly orgs: Org[] = [];
  readonly projects: Project[] = [];
  readonly issues = new Map<string, Issue>();
  /** Every project's releases, newest first per project (releases.ts). */
  readonly releases: Release[] = [];
  /** The time buckets of every issue's event history, ending when the world was built. */
  readonly clock: Clock;
  readonly sessions = new Map<string, { csrf: string }>();
  private nextIssueId = 4_200_000_001;
  private nextNoteId = 9_000_001;
  private shortCounters = new Map<string, number>();
  private rng: Rng;

  constructor(opts: StoreOptions = {}) {
    this.now = opts.now ?? Date.now;
    const now = this.now();
    this.clock = new Clock(now);
    this.rng = createRng(opts.seed ?? 42);
    const perOrg = Math.max(0, opts.issueCount ?? 60);
    WORLD.forEach((spec, orgIndex) => this.buildOrg(spec, orgIndex, perOrg, now));
  }

  private buildOrg(spec: OrgSpec, orgIndex: number, count: number, now: number): void {
    const org: Org = {
      id: String(1_000_001 + orgIndex),
      slug: spec.slug,
      name: spec.name,
      region: spec.region,
      dateCreated: now - 400 * 24 * HOUR,
    };
    this.orgs.push(org);
    const projects = spec.projects.map((p, i): Project => ({
      id: String(4_500_000_000 + orgIndex * 100 + i + 1),
      orgId: org.id,
      slug: p.slug,
      name: p.name,
      platform: p.platform,
      dateCreated: org.dateCreated + i * 24 * HOUR,
      teamSlug: 'core',
      userBase: Array.from(
        { length: 40 + Math.ceil(count / spec.projects.length) * 6 },
        (_, n) => `${p.slug}-user-${n + 1}`,
      ),
    }));
    this.projects.push(...projects);
    for (const p of projects) this.releases.push(...projectReleases(p, now));
    const special =
      org.slug === 'acme' ? this.addSpecialIssues(org, projects, now) + this.addTrendIssues(org, projects) : 0;
    for (let i = special; i < count; i++) {
      const project = projects[Math.floor(this.rng() * projects.length)] ?? projects[0]!;
      const issue = generateIssue(this.rng, {
        id: this.newIssueId(),
        shortId: this.newShortId(project),
        org,
        project,
        clock: this.clock,
      });
      this.settle(issue);
      // A spike (generated as escalating) or an issue archived until escalating is as Sentry's rule leaves it now.
      if (issue.substatus === 'escalating' || issue.substatus === 'archived_until_escalating')
        applyEscalation(this, issue, now);
      this.insert(issue);
    }
  }

  /** The issue's first release (the project's release at its first event) and, for a regressed one, when and in
   *  which release it regressed. */
  private settle(issue: Issue): void {
    const releases = this.releasesOf(issue.projectId);
    issue.release = releaseAt(releases, issue.firstSeen)?.version ?? null;
    if (issue.substatus === 'regressed' && !issue.activity?.length) {
      const at = Math.max(issue.firstSeen, this.clock.end - (1 + (hashString(issue.id) % 5)) * DAY);
      const version = releaseAt(releases, at)?.version ?? '';
      issue.activity = [
        { id: `reg-${issue.id}`, type: 'set_regression', dateCreated: at, data: { event_id: null, version } },
      ];
    }
  }

  /** acme's issues shaped for the trends (trend-issues.ts), after the other special ones so their ids stay put. Their
   *  own random stream, so the generated issues after them are the same as without them. */
  private addTrendIssues(org: Org, projects: Project[]): number {
    const rng = createRng(18);
    for (const spec of TREND_ISSUES) {
      const project = projects.find((p) => p.slug === spec.project)!;
      const issue = generateIssue(rng, {
        id: this.newIssueId(),
        shortId: this.newShortId(project),
        org,
        project,
        clock: this.clock,
        kind: spec.kind,
        shape: 'steady',
      });
      shapeIssue(issue, spec, project, this.releasesOf(project.id), this.clock);
      issue.firstSeen = edgeIn(this.clock, issue.traffic, null, -Infinity, Infinity, 'first') ?? this.clock.end;
      issue.lastSeen = edgeIn(this.clock, issue.traffic, null, -Infinity, Infinity, 'last') ?? this.clock.end;
      issue.fingerprint = `trend:${spec.shape}`;
      this.settle(issue);
      if (issue.substatus === 'archived_until_escalating') applyEscalation(this, issue, this.clock.end);
      this.insert(issue);
    }
    return TREND_ISSUES.length;
  }

  /** A project's releases, newest first. */
  releasesOf(projectId: string): Release[] {
    return this.releases.filter((r) => r.projectIds.includes(projectId));
  }
  findRelease(org: Org, version: string): Release | undefined {
    return this.releases.find((r) => r.orgId === org.id && r.version === version);
  }

  /** acme gets the PostgreSQL deadlock issues and the real fixture issues; returns how many were added. */
  private addSpecialIssues(org: Org, projects: Project[], now: number): number {
    const api = projects.find((p) => p.slug === 'api')!;
    const messages = deadlockMessages().filter((m) => m.driver.includes('Python'));
    const picks = [messages[0], messages[1], messages[3]].filter((m) => m !== undefined);
    picks.forEach((message, i) => {
      // psycopg2 prints "psycopg2.errors.DeadlockDetected: <value>"; Sentry's exception value is the part after it.
      const value = message.text.replace(/^psycopg2\.errors\.DeadlockDetected:\s*/, '');
      const kind = {
        type: i === 1 ? 'OperationalError' : 'DeadlockDetected',
        value,
        module: ['orders.services', 'billing.tasks', 'inventory.models'][i] ?? 'orders.services',
        fn: ['reserve_stock', 'settle_invoice', 'save'][i] ?? 'save',
      };
      const issue = generateIssue(this.rng, {
        id: this.newIssueId(),
        shortId: this.newShortId(api),
        org,
        project: api,
        clock: this.clock,
        kind,
        shape: i === 0 ? 'spike' : 'steady',
      });
      Object.assign(issue, { status: 'unresolved', substatus: 'ongoing', level: 'error', isUnhandled: true });
      this.settle(issue);
      // The spiking one is escalating where Sentry's rule says so (unresolved either way: the deadlock tests open it).
      if (i === 0 && sentryEscalation(this, issue, now).escalating) applyEscalation(this, issue, now);
      issue.events.push(
        ...this.sampleEvents(issue, api, {
          sqlstate: '40P01',
          db: 'postgresql',
          driver: message.driver,
          pg_error: message.text,
          source: message.source,
        }),
      );
      this.insert(issue);
    });
    for (const { issue: real, event } of fixtureIssues()) {
      const project = projects.find((p) => p.platform.startsWith(String(real.platform))) ?? api;
      const issue = generateIssue(this.rng, {
        id: this.newIssueId(),
        shortId: this.newShortId(project),
        org,
        project,
        clock: this.clock,
      });
      Object.assign(issue, {
        title: real.title,
        culprit: real.culprit ?? '',
        metadata: real.metadata ?? {},
        type: real.type === 'default' ? 'default' : 'error',
        issueType: real.issueType ?? 'error',
        issueCategory: real.issueCategory ?? 'error',
        level: real.level ?? 'error',
        isUnhandled: Boolean(real.isUnhandled),
        substatus: real.substatus === 'regressed' ? 'regressed' : issue.substatus,
        fingerprint: `fixture:${real.shortId}`,
      });
      this.settle(issue);
      if (event)
        issue.events.push({
          ...event,
          groupID: issue.id,
          projectID: project.id,
          dateCreated: new Date(issue.lastSeen).toISOString(),
        });
      this.insert(issue);
    }
    return picks.length + fixtureIssues().length;
  }

  private insert(issue: Issue): void {
    this.issues.set(issue.id, issue);
  }
  private newIssueId(): string {
    return String(this.nextIssueId++);
  }
  private newShortId(project: Project): string {
    const n = (this.shortCounters.get(project.id) ?? 0) + 1;
    this.shortCounters.set(project.id, n);
    return `${project.slug.toUpperCase()}-${shortIdSuffix(n)}`;
  }

  findOrg(idOrSlug: string): Org | undefined {
    return this.orgs.find((o) => o.slug === idOrSlug || o.id === idOrSlug);
  }
  projectsOf(org: Org): Project[] {
    return this.projects.filter((p) => p.orgId === org.id);
  }
  findProject(org: Org, idOrSlug: string): Project | undefined {
    return this.projectsOf(org).find((p) => p.slug === idOrSlug || p.id === idOrSlug);
  }
  projectById(id: string): Project | undefined {
    return this.projects.find((p) => p.id === id);
  }
  issuesOf(org: Org): Issue[] {
    return [...this.issues.values()].filter((i) => i.orgId === org.id);
  }
  findIssue(org: Org, id: string): Issue | undefined {
    const issue = this.issues.get(id) ?? [...this.issues.values()].find((i) => i.shortId === id.toUpperCase());
    return issue && issue.orgId === org.id ? issue : undefined;
  }

  /** The events of an issue, oldest first; generated issues get theirs (a few real points of their history) on first use. */
  eventsOf(issue: Issue): Record<string, unknown>[] {
    if (issue.events.length === 0) {
      const project = this.projectById(issue.projectId);
      if (project) issue.events.push(...this.sampleEvents(issue, project));
    }
    return issue.events;
  }

  /** Up to six stored events taken from the issue's own history (time, environment, user), oldest first: the first
   *  event, a few spread over its life, and the latest three — so event navigation has somewhere to go. */
  private sampleEvents(issue: Issue, project: Project, extra?: Record<string, unknown>): Record<string, unknown>[] {
    const total = countIn(this.clock, issue.traffic, null, -Infinity, Infinity);
    const picks = [...new Set([total - 1, Math.floor(total * 0.5), Math.floor(total * 0.1), 2, 1, 0])]
      .filter((n) => n >= 0 && n < total)
      .sort((a, b) => b - a);
    return picks.map((nth) => {
      const at = nthLatest(this.clock, issue.traffic, nth);
      const user = at?.user === null || at === null ? null : (project.userBase[at.user] ?? null);
      const when = at?.at ?? issue.lastSeen;
      return buildEvent(
        issue,
        project,
        {
          at: when,
          environment: at?.env ?? 'production',
          user,
          nth,
          release: issue.release === null ? null : releaseAt(this.releasesOf(project.id), when),
        },
        extra,
      );
    });
  }

  /** Events of the issue in [from, to) in the environments (null = all). */
  countIn(issue: Issue, envs: Envs, from: number, to: number): number {
    return countIn(this.clock, issue.traffic, envs, from, to);
  }
  /** Distinct users of those events. */
  usersIn(issue: Issue, envs: Envs, from: number, to: number): number {
    return usersIn(this.clock, issue.traffic, envs, from, to);
  }
  /** The same users as userBase index runs, to union across issues (Discover). */
  userRunsIn(issue: Issue, envs: Envs, from: number, to: number): Runs {
    return userRuns(this.clock, issue.traffic, envs, from, to);
  }
  /** Time of the first or last of those events, null when there are none. */
  edgeIn(issue: Issue, envs: Envs, from: number, to: number, which: 'first' | 'last'): number | null {
    return edgeIn(this.clock, issue.traffic, envs, from, to, which);
  }

  addNote(issue: Issue, text: string, userName: string): Note {
    const note: Note = { id: String(this.nextNoteId++), issueId: issue.id, text, dateCreated: this.now(), userName };
    issue.notes.push(note);
    return note;
  }

  createSession(): { sentrysid: string; sc: string; cookie: string } {
    const sentrysid = randomBytes(16).toString('hex');
    const sc = randomBytes(16).toString('hex');
    this.sessions.set(sentrysid, { csrf: sc });
    return { sentrysid, sc, cookie: `sentrysid=${sentrysid}; sc=${sc}` };
  }

  /**
   * Groups an API-shape event into an issue the way Sentry's default grouping roughly does: exception type plus
   * the top in-app frame, else the message. A resolved issue that gets a new event regresses.
   */
  addEvent(projectId: string, event: Record<string, any>): { issue: Issue; created: boolean } {
    const project = this.projectById(projectId);
    if (!project) throw new Error(`unknown project ${projectId}`);
    const org = this.orgs.find((o) => o.id === project.orgId)!;
    const { fingerprint, title, culprit, type, value, fn, file } = groupingOf(event);
    const at = Date.parse(String(event.dateCreated ?? '')) || this.now();
    let issue = [...this.issues.values()].find((i) => i.projectId === projectId && i.fingerprint === fingerprint);
    const created = !issue;
    if (!issue) {
      issue = generateIssue(this.rng, {
        id: this.newIssueId(),
        shortId: this.newShortId(project),
        org,
        project,
        clock: this.clock,
        shape: 'new',
      });
      const level = event.level ?? 'error';
      Object.assign(issue, {
        title,
        culprit,
        fingerprint,
        traffic: { series: [], singles: [] },
        firstSeen: at,
        lastSeen: at,
        substatus: 'new',
        status: 'unresolved',
        events: [],
        release: typeof event.release === 'string' ? event.release : (event.release?.version ?? null),
        metadata: { type, value, filename: file, function: fn },
        level,
        platform: event.platform ?? project.platform,
        priority: initialPriority(level),
      });
      this.insert(issue);
    } else if (issue.status !== 'unresolved') {
      Object.assign(issue, {
        status: 'unresolved',
        substatus: issue.status === 'resolved' ? 'regressed' : 'escalating',
        statusDetails: {},
      });
    }
    issue.lastSeen = Math.max(issue.lastSeen, at);
    issue.firstSeen = Math.min(issue.firstSeen, at);
    const userId = event.user?.id ?? event.user?.email ?? event.user?.ip_address;
    let user: number | null = null;
    if (userId !== undefined && userId !== null) {
      user = project.userBase.indexOf(String(userId));
      if (user < 0) user = project.userBase.push(String(userId)) - 1;
    }
    const env =
      typeof event.tags?.find === 'function' ? event.tags.find((t: any) => t.key === 'environment')?.value : undefined;
    issue.traffic.singles.push({ at, env: String(env ?? event.environment ?? 'production'), user });
    issue.events.push({ ...event, groupID: issue.id, projectID: project.id });
    return { issue, created };
  }
}

/** A new group's priority from its first event's level, as event_manager._get_priority_for_group decides it when Seer
 *  gives no severity score: info/debug low, warning medium, error and fatal high. */
function initialPriority(level: string): Issue['priority'] {
  if (level === 'info' || level === 'debug') return 'low';
  return level === 'warning' ? 'medium' : 'high';
}

function groupingOf(event: Record<string, any>) {
  const exception = (event.entries ?? []).find((e: any) => e.type === 'exception')?.data?.values?.at(-1);
  const frames: any[] = exception?.stacktrace?.frames ?? [];
  const top = [...frames].reverse().find((f) => f.inApp) ?? frames.at(-1);
  if (exception) {
    const fn = String(top?.function ?? '?');
    const file = String(top?.filename ?? top?.module ?? '?');
    return {
      fingerprint: `${exception.type}|${file}.${fn}`,
      title: `${exception.type}: ${String(exception.value ?? '').split('\n')[0]}`,
      culprit: `${fn}(${file})`,
      type: exception.type,
      value: exception.value,
      fn,
      file,
    };
  }
  const message = String(
    (event.entries ?? []).find((e: any) => e.type === 'message')?.data?.formatted ??
      event.message ??
      event.title ??
      '<unlabeled event>',
  );
  return {
    fingerprint: `message|${message}`,
    title: message.split('\n')[0] ?? message,
    culprit: '',
    type: undefined,
    value: message,
    fn: undefined,
    file: undefined,
  };
}
