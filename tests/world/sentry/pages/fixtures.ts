// Test inputs built from the real API examples in tests/fixtures/sentry/openapi-examples.
import { readSentryFixture, sentryFixturePath } from '../../../fixtures/sentry.ts';

const read = (name: string): any => readSentryFixture(`openapi-examples/${name}`);

export const REAL_PAGE_PATH = sentryFixturePath('pages/issue-page-real-2026-02.html');
export const HOSTILE = '<img src=x onerror=alert(1)>';

export function apiIssue(): any {
  return structuredClone(read('org-issues-list.json')[0]);
}
export function apiIssueDetail(): any {
  return read('issue-detail.json');
}
export function apiEvent(): any {
  return read('issue-event-javascript.json');
}

/** Five issues with varied ids, counts, seen/resolved state, all shaped like the list endpoint's. */
export function issueList(): any[] {
  const counts = ['150', '3808', '1500000', '7', '999'];
  return counts.map((count, n) => ({
    ...apiIssue(),
    id: String(4100 + n * 37),
    shortId: `PUMP-STATION-${n + 1}`,
    title: `Issue number ${n}`,
    count,
    userCount: n * 11,
    hasSeen: n % 2 === 0,
    status: n === 3 ? 'resolved' : 'unresolved',
    assignedTo: n === 1 ? null : apiIssue().assignedTo,
  }));
}

/** An event whose every attacker-controlled string is an HTML injection attempt. */
export function hostileEvent(): any {
  const ev = structuredClone(apiEvent());
  const exc = ev.entries.find((e: any) => e.type === 'exception').data.values[0];
  exc.type = HOSTILE;
  exc.value = HOSTILE;
  for (const f of exc.stacktrace.frames) {
    f.filename = HOSTILE;
    f.function = HOSTILE;
    f.context = [[f.lineNo, HOSTILE]];
  }
  exc.stacktrace.frames[exc.stacktrace.frames.length - 1].inApp = true;
  const crumbs = ev.entries.find((e: any) => e.type === 'breadcrumbs').data.values;
  crumbs.push({
    category: HOSTILE,
    level: HOSTILE,
    message: HOSTILE,
    timestamp: HOSTILE,
    data: { [HOSTILE]: HOSTILE },
    type: 'default',
  });
  ev.tags.push({ key: HOSTILE, value: HOSTILE });
  ev.entries.find((e: any) => e.type === 'request').data.headers.push([HOSTILE, HOSTILE]);
  ev.user.name = HOSTILE;
  ev.contexts[HOSTILE] = { [HOSTILE]: HOSTILE };
  return ev;
}
