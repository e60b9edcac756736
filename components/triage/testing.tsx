// Test helpers: a fake background answering by request type, recorded, and a render wrapper.
import { MantineProvider } from '@mantine/core';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { MessageInput, MessageInputOf, MessageType, ReplyOf } from '@/lib/messages';
import type { Issue } from '@/lib/sentry/schemas';
import type { IssueSummary } from '@/lib/summary/schema';
import { setSender } from '../api';

type Answers = { [T in MessageType]: (message: MessageInputOf<T>) => ReplyOf<T> | Promise<ReplyOf<T>> };

/** Installs a fake background answering with the protocol's types; `calls` records every message sent. */
export function fakeBackground(answers: Partial<Answers>) {
  const calls: MessageInput[] = [];
  const restore = setSender(async (req) => {
    calls.push(req);
    const a = answers[req.type] as
      ((m: MessageInput) => ReplyOf<MessageType> | Promise<ReplyOf<MessageType>>) | undefined;
    if (!a) return { ok: false, error: { kind: 'internal', message: `no fake for ${req.type}` } };
    return a(req);
  });
  return {
    calls,
    restore,
    of: <T extends MessageType>(type: T) => calls.filter((c) => c.type === type) as MessageInputOf<T>[],
  };
}

export function renderPage(ui: ReactElement) {
  return render(<MantineProvider>{ui}</MantineProvider>);
}

const NOW = Date.now();
export function makeIssue(n: number, over: Partial<Issue> = {}): Issue {
  return {
    id: String(1000 + n),
    shortId: `APP-${n}`,
    title: `Error number ${n}`,
    culprit: `app/module${n}.ts`,
    level: n % 3 ? 'error' : 'warning',
    status: 'unresolved',
    count: String(10 * n + 1),
    userCount: n,
    firstSeen: new Date(NOW - 86_400_000 * 3).toISOString(),
    lastSeen: new Date(NOW - n * 60_000).toISOString(),
    isUnhandled: n % 2 === 0,
    substatus: 'ongoing',
    project: { id: '42', slug: 'web' },
    stats: {
      '24h': Array.from(
        { length: 24 },
        (_, i) => [Math.floor(NOW / 1000) - (24 - i) * 3600, (i * n) % 7] as [number, number],
      ),
    },
    ...over,
  };
}

/** A query's issues as Sentry pages them: `issues.page` answers with `limit` issues from the cursor
 *  ("0:<offset>:0"), Link-like next/previous cursors, and X-Hits (capped at `maxHits` when given). */
export function pagedIssues(issues: readonly Issue[], o: { maxHits?: number } = {}) {
  return (req: MessageInputOf<'issues.page'>): ReplyOf<'issues.page'> => {
    const start = req.cursor ? Number(req.cursor.split(':')[1]) : 0;
    const limit = req.limit ?? 100;
    const slice = issues.slice(start, start + limit);
    const end = start + slice.length;
    const hits = o.maxHits !== undefined ? Math.min(issues.length, o.maxHits) : issues.length;
    return {
      ok: true,
      data: {
        issues: [...slice],
        nextCursor: end < issues.length ? `0:${end}:0` : null,
        prevCursor: start > 0 ? `0:${Math.max(0, start - limit)}:1` : null,
        hits,
        maxHits: o.maxHits ?? null,
      },
    };
  };
}

/** A background that changes issues like Dexter's does: per issue, changed or not and why. `refuse` names issues
 *  Sentry leaves as they were (with a reason, or null for "Sentry left it …"); `noUndo` those the plan flags. */
export function bulkBackground(o: { refuse?: Record<string, string | null>; noUndo?: Record<string, string> } = {}) {
  const state = new Map<string, string>();
  const statusOf = (id: string) => state.get(id) ?? 'unresolved';
  return {
    'issues.plan': (req: MessageInputOf<'issues.plan'>): ReplyOf<'issues.plan'> => ({
      ok: true,
      data: {
        missing: [],
        noUndo: req.ids.filter((id) => o.noUndo?.[id]).map((id) => ({ id, reason: o.noUndo![id]! })),
      },
    }),
    'issues.update': (req: MessageInputOf<'issues.update'>): ReplyOf<'issues.update'> => {
      const prior = req.ids.map((id) => ({
        id,
        project: '42',
        status: statusOf(id),
        substatus: null,
        statusDetails: {},
      }));
      const refused = req.ids.filter((id) => o.refuse && id in o.refuse);
      const updated = req.ids.filter((id) => !refused.includes(id));
      for (const id of updated) state.set(id, req.status);
      const failed = refused.map((id) => ({ id, reason: o.refuse![id] ?? `Sentry left it ${statusOf(id)}.` }));
      const after = req.ids.map((id) => ({ id, status: statusOf(id), substatus: null }));
      return {
        ok: true,
        data: {
          status: req.status,
          updated,
          failed,
          previous: Object.fromEntries(prior.map((p) => [p.id, p.status])),
          prior,
          after,
        },
      };
    },
    'issues.restore': (req: MessageInputOf<'issues.restore'>): ReplyOf<'issues.restore'> => {
      for (const p of req.items) state.set(p.id, p.status);
      return {
        ok: true,
        data: {
          updated: req.items.map((p) => p.id),
          failed: [],
          after: req.items.map((p) => ({ id: p.id, status: p.status, substatus: p.substatus })),
        },
      };
    },
    statusOf,
  };
}

/** A one-line summary as the background answers `summary.get`. */
export function summaryOf(issueId: string, over: Partial<IssueSummary> = {}): IssueSummary {
  return {
    issueId,
    eventId: 'e'.repeat(32),
    status: 'ok',
    summary: `Line for ${issueId}`,
    cause: 'database',
    confidence: 0.8,
    model: 'llama3.2:latest',
    cached: false,
    ...over,
  };
}
