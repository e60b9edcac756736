// API-shape events (what GET .../events/latest/ returns) built for generated issues.
// Field set follows the real example event in tests/fixtures/sentry/openapi-examples/issue-event-javascript.json.
import { catalogFor } from './catalog.ts';
import type { Issue, Project } from './model.ts';
import { createRng, hashString, hex, intBetween, pick } from './prng.ts';
import { userTags } from './user-tags.ts';

export const iso = (ms: number): string => new Date(ms).toISOString();

function frames(issue: Issue, seed: number) {
  const rng = createRng(seed);
  const catalog = catalogFor(issue.platform);
  const meta = issue.metadata as { filename?: string; function?: string };
  const library = {
    function: 'dispatch',
    module: issue.platform === 'python' ? 'django.core.handlers.base' : 'node_modules/express/lib/router',
    file: issue.platform === 'python' ? 'django/core/handlers/base.py' : 'node_modules/express/lib/router/index.js',
  };
  const lineNo = intBetween(rng, 20, 400);
  const top = {
    function: meta.function ?? 'handle',
    module: issue.culprit.split(' ')[0] ?? null,
    filename: meta.filename ?? 'app',
    absPath: `/app/${meta.filename ?? 'app'}`,
    lineNo,
    colNo: issue.platform === 'python' ? null : intBetween(rng, 1, 80),
    inApp: true,
    context: [
      [lineNo - 1, '    order = load_order(request)'],
      [lineNo, '    total = compute_total(order)'],
      [lineNo + 1, '    return render(total)'],
    ],
  };
  const lib = {
    function: library.function,
    module: library.module,
    filename: library.file,
    absPath: `/usr/lib/${library.file}`,
    lineNo: 197,
    colNo: null,
    inApp: false,
    context: [],
  };
  const extra = pick(rng, catalog.fns);
  const mid = { ...top, function: extra, lineNo: lineNo + 40, context: [] };
  const fill = (f: Record<string, unknown>) => ({
    errors: null,
    vars: null,
    package: null,
    platform: null,
    instructionAddr: null,
    symbolAddr: null,
    trust: null,
    symbol: null,
    rawFunction: null,
    ...f,
  });
  // Sentry lists frames oldest first: the crashing in-app frame is last.
  return [lib, mid, top].map(fill);
}

/** Tags as the API sends them: [{key, value}]. */
function tagsOf(
  issue: Issue,
  environment: string,
  user: Record<string, unknown> | null,
  release: string | null,
): { key: string; value: string }[] {
  const tags = [
    { key: 'environment', value: environment },
    { key: 'level', value: issue.level },
    { key: 'handled', value: issue.isUnhandled ? 'no' : 'yes' },
  ];
  if (release) tags.push({ key: 'release', value: release });
  if (user) {
    // The same country, browser and OS as the tag-value counts give this user (user-tags.ts).
    const t = userTags(String(user.id), issue.platform);
    tags.push({ key: 'user', value: `id:${String(user.id)}` }, { key: 'geo.country_code', value: t.country });
    if (t.browser)
      tags.push({ key: 'browser', value: `${t.browser} 126.0.0` }, { key: 'browser.name', value: t.browser });
    if (t.os) tags.push({ key: 'os.name', value: t.os });
  }
  return tags.sort((a, b) => a.key.localeCompare(b.key));
}

/** Where in the issue's history a stored event sits: its time, environment and user (traffic.ts), and which event it
 *  is counted from the newest (its id derives from that, so it is stable). */
export interface EventPoint {
  at: number;
  environment: string;
  user: string | null;
  nth: number;
  release?: { version: string; dateCreated: number } | null;
}

export function buildEvent(
  issue: Issue,
  project: Project,
  point: EventPoint,
  extra?: Record<string, unknown>,
): Record<string, unknown> {
  const seed = hashString(`event:${issue.id}:${point.nth}`);
  const rng = createRng(seed);
  const eventID = hex(rng, 32);
  const userId = point.user;
  const user = userId
    ? {
        id: userId,
        email: `${userId}@example.com`,
        username: null,
        ip_address: '203.0.113.7',
        name: null,
        geo: { country_code: userTags(userId, issue.platform).country },
        data: null,
      }
    : null;
  const meta = issue.metadata as { type?: string; value?: string };
  const catalog = catalogFor(issue.platform);
  return {
    id: eventID,
    groupID: issue.id,
    eventID,
    projectID: project.id,
    size: 4_000 + intBetween(rng, 0, 6_000),
    entries: [
      {
        type: 'exception',
        data: {
          values: [
            {
              type: meta.type ?? 'Error',
              value: meta.value ?? issue.title,
              module: null,
              threadId: null,
              rawStacktrace: null,
              mechanism: { type: issue.platform === 'python' ? 'django' : 'generic', handled: !issue.isUnhandled },
              stacktrace: { frames: frames(issue, seed), framesOmitted: null, registers: null, hasSystemFrames: true },
            },
          ],
          excOmitted: null,
          hasSystemFrames: true,
        },
      },
      {
        type: 'breadcrumbs',
        data: {
          values: [
            {
              type: 'default',
              timestamp: iso(point.at - 1_500),
              level: 'info',
              message: 'GET /api/orders/ 200',
              category: 'http',
              data: null,
              event_id: null,
            },
          ],
        },
      },
      {
        type: 'request',
        data: {
          method: 'POST',
          url: `https://${project.slug}.example.com/checkout/`,
          query: [],
          fragment: null,
          data: null,
          headers: [['User-Agent', 'Mozilla/5.0']],
          cookies: [],
          env: null,
          inferredContentType: null,
          apiTarget: null,
        },
      },
    ],
    dist: null,
    message: '',
    title: issue.title,
    location: (issue.metadata as { filename?: string }).filename ?? null,
    user,
    contexts: {
      runtime: {
        name: issue.platform === 'python' ? 'CPython' : 'node',
        version: issue.platform === 'python' ? '3.12.4' : 'v20.15.0',
        type: 'runtime',
      },
      trace: { trace_id: hex(rng, 32), span_id: hex(rng, 16), op: 'http.server', type: 'trace' },
    },
    sdk: { name: catalog.sdk, version: '2.8.0' },
    // The API calls an event's `extra` data `context`.
    context: extra ?? {},
    packages: {},
    type: 'error',
    metadata: issue.metadata,
    tags: tagsOf(issue, point.environment, user, point.release?.version ?? null),
    platform: issue.platform,
    dateReceived: iso(point.at + 250),
    errors: [],
    occurrence: null,
    _meta: {},
    crashFile: null,
    culprit: issue.culprit,
    dateCreated: iso(point.at),
    fingerprints: [hex(rng, 32)],
    groupingConfig: { enhancements: 'eJybzDRxY25-UmZeqpWRgaGugYGJrpGxQQAteALt', id: 'newstyle:2023-01-11' },
    release: point.release
      ? {
          version: point.release.version,
          shortVersion: point.release.version.split('@').pop() ?? point.release.version,
          dateCreated: iso(point.release.dateCreated),
          dateReleased: null,
          url: null,
          ref: null,
          data: {},
          commitCount: 0,
          deployCount: 0,
          lastDeploy: null,
          lastCommit: null,
        }
      : null,
    userReport: null,
    sdkUpdates: [],
    resolvedWith: [],
    nextEventID: null,
    previousEventID: null,
  };
}
