// Hostile event data for the security e2e tests: payloads an attacker can put in any string an SDK sends (titles,
// frames, breadcrumbs, tags, request, user, release, deadlock queries) and helpers that seed the Sentry world with
// API-shape events carrying them in every field. A payload that runs sets window.__pwned; one that loads something
// asks evil.example — the tests watch for both.
import type { Store } from './sentry/store.ts';

export const EVIL_HOST = 'evil.example';
export const TRAP = 'window.__pwned=1';

export interface Payload {
  name: string;
  text: string;
}

const LONG_UNIT = `<img src=x onerror="${TRAP}">${'\u202E'}${'x'.repeat(960)}`;

/** Every payload is one line (deadlock query lines must stay one line each). */
export const PAYLOADS: readonly Payload[] = [
  { name: 'script tag', text: `<script>${TRAP}</script>` },
  { name: 'img onerror', text: `<img src=x onerror="${TRAP}">` },
  { name: 'attribute break-out', text: `"><svg onload="${TRAP}"><"` },
  { name: 'svg onload', text: `<svg/onload=${TRAP}>` },
  { name: 'javascript: URL', text: `javascript:${TRAP}` },
  { name: 'data: URL', text: `data:text/html,<script>${TRAP}</script>` },
  { name: 'iframe javascript:', text: `<iframe src="javascript:${TRAP}"></iframe>` },
  { name: 'css injection', text: '</style><style>*{display:none}</style>' },
  {
    name: 'css remote load',
    text: `<style>@import url(https://${EVIL_HOST}/s.css);</style><div style="background:url(https://${EVIL_HOST}/bg.png)">bg</div>`,
  },
  { name: 'remote image tag', text: `<img src="https://${EVIL_HOST}/pixel.png">` },
  { name: 'markdown js link', text: `[click me](javascript:${TRAP})` },
  { name: 'markdown image', text: `![](https://${EVIL_HOST}/x.png)` },
  { name: 'markdown data link', text: `[x](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+)` },
  { name: 'template injection', text: `{{constructor.constructor('${TRAP}')()}}\${${TRAP}}` },
  { name: 'spreadsheet formula', text: `=HYPERLINK("https://${EVIL_HOST}/f","open")` },
  { name: 'lone surrogates', text: 'bad\uD800half\uDFFFsurrogate\uDBFF' },
  { name: 'rtl override', text: 'invoice\u202Egnp.exe\u202Dreport\u2066nested\u2069' },
  { name: 'zero width', text: 'ze\u200Bro\u200Cwi\u200Ddth\uFEFFjoiner\u2060' },
  { name: 'very long (100 KB)', text: LONG_UNIT.repeat(Math.ceil(100_000 / LONG_UNIT.length)) },
];

const iso = (ms: number) => new Date(ms).toISOString();
const hex32 = (n: number) => n.toString(16).padStart(32, '0');

/** An API-shape event (GET .../events/latest/) with the payload in every string Sentry renders. */
export function hostileEvent(p: Payload, index: number, at: number): Record<string, any> {
  const t = p.text;
  // Distinct per payload so each becomes its own issue, yet the payload stays whole at the start of the field.
  // The title (exception type and value, function, file) stays well-formed: Relay's JSON decoder replaces lone
  // surrogates there too, and the replica page puts the title in an HTTP header. Every other field keeps them.
  const w = t.toWellFormed();
  const fn = `${w}#fn${index}`;
  const file = `${w}#file${index}.py`;
  const frame = (line: number, inApp: boolean) => ({
    function: fn,
    module: t,
    filename: file,
    absPath: `/app/${t}`,
    lineNo: line,
    colNo: null,
    inApp,
    context: [
      [line - 1, t],
      [line, t],
      [line + 1, t],
    ],
    vars: { [t]: t },
    errors: null,
    package: t,
    platform: null,
    instructionAddr: null,
    symbolAddr: null,
    trust: null,
    symbol: null,
    rawFunction: t,
  });
  const release = { version: t, shortVersion: t, dateCreated: iso(at), dateReleased: null, ref: t, url: t };
  return {
    id: hex32(0xbad0000 + index),
    eventID: hex32(0xbad0000 + index),
    size: t.length * 40,
    entries: [
      {
        type: 'exception',
        data: {
          values: [
            {
              type: `${w}Error${index}`,
              value: w,
              module: t,
              threadId: null,
              rawStacktrace: null,
              mechanism: { type: 'generic', handled: false },
              stacktrace: {
                frames: [frame(10, false), frame(20, true)],
                framesOmitted: null,
                registers: null,
                hasSystemFrames: true,
              },
            },
          ],
          excOmitted: null,
          hasSystemFrames: true,
        },
      },
      { type: 'message', data: { formatted: w, message: t, params: [] } },
      {
        type: 'breadcrumbs',
        data: {
          values: [
            {
              type: 'default',
              timestamp: iso(at - 2_000),
              level: 'info',
              message: t,
              category: t,
              data: { [t]: t, url: t },
              event_id: null,
            },
            {
              type: 'navigation',
              timestamp: iso(at - 1_000),
              level: 'warning',
              message: t,
              category: 'navigation',
              data: { from: t, to: `javascript:${TRAP}` },
              event_id: null,
            },
          ],
        },
      },
      {
        type: 'request',
        data: {
          method: 'POST',
          url: `https://shop.example.com/${t}`,
          query: [[t, t]],
          fragment: t,
          data: { [t]: t },
          headers: [
            ['Referer', t],
            [t, t],
          ],
          cookies: [[t, t]],
          env: { REMOTE_ADDR: t },
          inferredContentType: null,
          apiTarget: null,
        },
      },
    ],
    dist: t,
    message: t,
    title: `${w}Error${index}: ${w}`,
    location: file,
    culprit: `${fn}(${file})`,
    user: {
      id: `hostile-${index}-${t.slice(0, 200)}`,
      email: `${t}@example.com`,
      username: t,
      ip_address: t,
      name: t,
      geo: { country_code: t, city: t, region: t },
      data: { [t]: t },
    },
    contexts: { runtime: { name: t, version: t, type: 'runtime' }, browser: { name: t, version: t, type: 'browser' } },
    sdk: { name: t, version: t },
    context: { [t]: t },
    packages: { [t]: t },
    type: 'error',
    metadata: { type: `${w}Error${index}`, value: w, filename: file, function: fn },
    tags: [
      { key: t, value: t },
      { key: 'release', value: t },
      { key: 'environment', value: t },
      { key: 'url', value: `javascript:${TRAP}` },
    ],
    platform: 'python',
    dateReceived: iso(at),
    dateCreated: iso(at),
    errors: [],
    occurrence: null,
    _meta: {},
    crashFile: null,
    fingerprints: [hex32(index)],
    release,
    userReport: null,
    sdkUpdates: [],
    resolvedWith: [],
    nextEventID: null,
    previousEventID: null,
  };
}

/** A real psycopg2 deadlock report whose `Process N:` query lines carry the payloads. */
export function hostileDeadlockText(payloads: readonly Payload[] = PAYLOADS): string {
  const short = payloads.filter((p) => p.text.length < 2_000);
  return [
    'psycopg2.errors.DeadlockDetected: deadlock detected',
    'DETAIL:  Process 4242 waits for ShareLock on transaction 9001; blocked by process 4343.',
    'Process 4343 waits for ShareLock on transaction 9000; blocked by process 4242.',
    `Process 4242: UPDATE accounts SET note = '${short.map((p) => p.text).join(' ')}' WHERE id = 1`,
    `Process 4343: UPDATE accounts SET note = '${short
      .map((p) => p.text)
      .reverse()
      .join(' ')}' WHERE id = 2`,
    'HINT:  See server log for query details.',
    `CONTEXT:  while updating tuple (3057,109) in relation "${short[0]?.text ?? 'accounts'}"`,
  ].join('\n');
}

export function hostileDeadlockEvent(at: number): Record<string, any> {
  const text = hostileDeadlockText();
  const base = hostileEvent({ name: 'deadlock', text: '<img src=x onerror="window.__pwned=1">' }, 999, at);
  base.entries[0].data.values[0].type = 'DeadlockDetected';
  base.entries[0].data.values[0].value = text.replace(/^psycopg2\.errors\.DeadlockDetected:\s*/, '');
  base.context = { sqlstate: '40P01', db: 'postgresql', driver: 'psycopg2 (Python)', pg_error: text };
  base.metadata = { ...base.metadata, type: 'DeadlockDetected' };
  return base;
}

/** The LLM's own answer: Markdown and HTML with every payload, as a hijacked or confused model could write. */
export function hostileAnswer(): string {
  return [
    '## What happened',
    ...PAYLOADS.map((p) => `- ${p.name}: ${p.text}`),
    '',
    `<script>${TRAP}</script>`,
    `[docs](javascript:${TRAP})`,
    `![tracker](https://${EVIL_HOST}/t.png)`,
    '```html',
    `<img src=x onerror="${TRAP}">`,
    '```',
  ].join('\n');
}

/** How many string places (keys and values) of an event hold the payload — what the suite reports it tried. */
export function payloadFields(value: unknown, payload: string): number {
  if (typeof value === 'string') return value.includes(payload) ? 1 : 0;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + payloadFields(v, payload), 0);
  if (value && typeof value === 'object') {
    return Object.entries(value).reduce(
      (n, [k, v]) => n + (k.includes(payload) ? 1 : 0) + payloadFields(v, payload),
      0,
    );
  }
  return 0;
}

export interface HostileSeed {
  issueIds: string[];
  deadlockIssueId: string;
  fieldsTried: number;
  payloads: number;
}

/** Adds one issue per payload (newest first on the list) and one deadlock issue to the org's project. */
export function seedHostile(store: Store, orgSlug = 'acme', projectSlug = 'api'): HostileSeed {
  const org = store.findOrg(orgSlug);
  const project = org && store.findProject(org, projectSlug);
  if (!project) throw new Error(`no project ${orgSlug}/${projectSlug} in the world`);
  const now = store.now();
  let fieldsTried = 0;
  const issueIds = PAYLOADS.map((p, i) => {
    const event = hostileEvent(p, i, now - i * 1_000);
    fieldsTried += payloadFields(event, p.text);
    return store.addEvent(project.id, event).issue.id;
  });
  const deadlock = store.addEvent(project.id, hostileDeadlockEvent(now - 60_000));
  return { issueIds, deadlockIssueId: deadlock.issue.id, fieldsTried, payloads: PAYLOADS.length };
}
