// Test helpers: a fake background answering by request type, recorded, and a render wrapper.
import { MantineProvider } from '@mantine/core';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { Response } from '@/lib/messages';
import type { Issue } from '@/lib/sentry/schemas';
import { setSender, type Request } from '../api';

type Answer = (req: any) => Response | Promise<Response>;

/** Installs a fake background; `calls` records every request sent. Returns the restore function too. */
export function fakeBackground(answers: Partial<Record<Request['type'], Answer>>) {
  const calls: Request[] = [];
  const restore = setSender(async (req) => {
    calls.push(req);
    const a = answers[req.type];
    if (!a) return { ok: false, error: { kind: 'internal', message: `no fake for ${req.type}` } } as never;
    return (await a(req)) as never;
  });
  return { calls, restore, of: <T extends Request['type']>(type: T) => calls.filter((c) => c.type === type) as Extract<Request, { type: T }>[] };
}

export function renderPage(ui: ReactElement) {
  return render(<MantineProvider>{ui}</MantineProvider>);
}

const NOW = Date.now();
export function makeIssue(n: number, over: Partial<Issue> = {}): Issue {
  return {
    id: String(1000 + n), shortId: `APP-${n}`, title: `Error number ${n}`, culprit: `app/module${n}.ts`, level: n % 3 ? 'error' : 'warning',
    status: 'unresolved', count: String(10 * n + 1), userCount: n, firstSeen: new Date(NOW - 86_400_000 * 3).toISOString(),
    lastSeen: new Date(NOW - n * 60_000).toISOString(), isUnhandled: n % 2 === 0, substatus: 'ongoing', project: { id: '42', slug: 'web' },
    stats: { '24h': Array.from({ length: 24 }, (_, i) => [Math.floor(NOW / 1000) - (24 - i) * 3600, (i * n) % 7] as [number, number]) },
    ...over,
  };
}
