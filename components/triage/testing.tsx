// Test helpers: a fake background answering by request type, recorded, and a render wrapper.
import { MantineProvider } from '@mantine/core';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { MessageInput, MessageInputOf, MessageType, ReplyOf } from '@/lib/messages';
import type { Issue } from '@/lib/sentry/schemas';
import { setSender } from '../api';

type Answers = { [T in MessageType]: (message: MessageInputOf<T>) => ReplyOf<T> | Promise<ReplyOf<T>> };

/** Installs a fake background answering with the protocol's types; `calls` records every message sent. */
export function fakeBackground(answers: Partial<Answers>) {
  const calls: MessageInput[] = [];
  const restore = setSender(async (req) => {
    calls.push(req);
    const a = answers[req.type] as ((m: MessageInput) => ReplyOf<MessageType> | Promise<ReplyOf<MessageType>>) | undefined;
    if (!a) return { ok: false, error: { kind: 'internal', message: `no fake for ${req.type}` } };
    return a(req);
  });
  return { calls, restore, of: <T extends MessageType>(type: T) => calls.filter((c) => c.type === type) as MessageInputOf<T>[] };
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
