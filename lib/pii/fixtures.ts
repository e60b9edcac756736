// Sentry events from tests/fixtures/sentry (both shapes) with known PII planted, for tests and bench/pii.ts.
import { readSentryFixture } from '@/tests/fixtures/sentry';

export const FIXTURE_EVENTS = [
  'sentry-mcp/event-javascript-cloudflare.json',
  'sentry-mcp/event-python-n-plus-one-transaction.json',
  'openapi-examples/issue-event-javascript.json',
  'sentry-samples/python-modern.ingest.json',
  'sentry-samples/java.ingest.json',
];

export function loadFixture(name: string): Record<string, unknown> {
  return readSentryFixture<Record<string, unknown>>(name);
}

/** Every value planted by `plantPii`; none may survive scrubbing. */
export const PLANTED = {
  email: 'jane.roe@customer-mail.example',
  ip: '203.0.113.77',
  card: '4111 1111 1111 1111',
  password: 'hunter2-Secret!',
  header: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln',
  cookie: 'sess-8f2b9c1d7e',
  user: 'jroe',
} as const;

/** A copy of `event` carrying PLANTED in its message, its extra/vars, headers and a user path. */
export function plantPii(event: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(event);
  copy.message = `Payment for ${PLANTED.email} from ${PLANTED.ip} with card ${PLANTED.card} failed`;
  copy.extra = { password: PLANTED.password, note: `see /home/${PLANTED.user}/upload.csv` };
  const headers = [
    ['Authorization', PLANTED.header],
    ['Cookie', `sessionid=${PLANTED.cookie}`],
  ];
  if (Array.isArray(copy.entries)) {
    copy.entries = [...copy.entries, { type: 'request', data: { url: 'https://x.example/pay', headers } }];
  } else {
    copy.request = { url: 'https://x.example/pay', headers: Object.fromEntries(headers) };
  }
  return copy;
}

/**
 * Hand-checked real PII already in the unplanted fixtures (user IPs and emails, a `/Users/user` home, an IPv6
 * loopback in a server env). Any other finding on an unplanted fixture counts as a false positive.
 */
export const FIXTURE_TRUE_PII = new Set([
  '2a06:98c0:3600::103',
  '192.168.1.1',
  'hell@boy.cat',
  'user',
  '172.56.7.13',
  'user@sentry.io',
  '0:0:0:0:0:0:0:1',
]);

export interface FixtureFinding {
  fixture: string;
  rule: string;
  path: string;
  text: string;
}

/** Every finding of `scrub` on every unplanted fixture, with the text it matched. */
export function fixtureFindings(
  scrub: (event: Record<string, unknown>) => { findings: { rule: string; path: string; start: number; end: number }[] },
): FixtureFinding[] {
  const out: FixtureFinding[] = [];
  for (const fixture of FIXTURE_EVENTS) {
    const event = loadFixture(fixture);
    for (const f of scrub(event).findings) {
      out.push({ fixture, rule: f.rule, path: f.path, text: String(valueAt(event, f.path)).slice(f.start, f.end) });
    }
  }
  return out;
}

/** Reads `a.b[0]["c d"]` paths as scrubEvent writes them. */
function valueAt(root: unknown, path: string): unknown {
  const parts = path.match(/[A-Za-z_$][\w$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\]/g) ?? [];
  let v: unknown = root;
  for (const part of parts) {
    const key = part.startsWith('["') ? (JSON.parse(part.slice(1, -1)) as string) : part.startsWith('[') ? Number(part.slice(1, -1)) : part;
    v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[key] : undefined;
  }
  return v;
}
