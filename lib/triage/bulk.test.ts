// The bulk pipeline against a fake Sentry that behaves like the real one where it hurts: it skips ids it does not
// have without saying so, answers with a delta, and when no id matches it changes the search's issues instead.
import { describe, expect, it } from 'vitest';
import type { Issue } from '../sentry/schemas';
import { changeIssues, describeState, planChange, restoreIssues, type BulkOps, type UpdateBody } from './bulk';
import { priorOf } from './prior';

const NOW = Date.parse('2026-03-01T12:00:00Z');

interface FakeOptions {
  runSize?: number;
  failPut?: (ids: readonly string[]) => Error | null;
  skip?: Set<string>;
  failRead?: (n: number) => boolean;
}

function fakeSentry(issues: Partial<Issue>[], o: FakeOptions = {}) {
  const db = new Map(
    issues.map((i) => [
      i.id!,
      {
        shortId: 'A',
        title: 't',
        status: 'unresolved',
        substatus: 'ongoing',
        statusDetails: {},
        project: { id: '7', slug: 'p' },
        ...i,
      } as Issue,
    ]),
  );
  const puts: { ids: string[]; body: UpdateBody }[] = [];
  let reads = 0;
  const apply = (i: Issue, body: UpdateBody) => {
    const details = body.statusDetails ?? {};
    i.status = body.status;
    i.substatus =
      body.substatus ??
      (body.status === 'unresolved'
        ? 'ongoing'
        : body.status === 'ignored'
          ? Object.keys(details).length
            ? 'archived_until_condition_met'
            : 'archived_forever'
          : null);
    i.statusDetails = details.ignoreDuration
      ? { ignoreUntil: new Date(NOW + Number(details.ignoreDuration) * 60_000).toISOString() }
      : details;
  };
  const ops: BulkOps = {
    chunks: (ids) =>
      Array.from({ length: Math.ceil(ids.length / (o.runSize ?? 3)) }, (_, k) =>
        ids.slice(k * (o.runSize ?? 3), (k + 1) * (o.runSize ?? 3)),
      ),
    async read(ids) {
      if (o.failRead?.(++reads)) throw new Error('HTTP 502');
      return ids
        .map((id) => db.get(id))
        .filter((i): i is Issue => !!i)
        .map((i) => structuredClone(i));
    },
    async put(ids, body) {
      puts.push({ ids: [...ids], body });
      const err = o.failPut?.(ids);
      if (err) throw err;
      const hit = ids.map((id) => db.get(id)).filter((i): i is Issue => !!i);
      // The footgun: no id matched → Sentry changes up to 1000 issues matching `is:unresolved`.
      const targets = hit.length
        ? hit.filter((i) => !o.skip?.has(i.id))
        : [...db.values()].filter((i) => i.status === 'unresolved');
      for (const i of targets) apply(i, body);
      return hit.length ? 200 : 204;
    },
    reason: (e) => (e instanceof Error ? e.message : String(e)),
  };
  return { db, ops, puts };
}

const issue = (id: string, over: Partial<Issue> = {}): Partial<Issue> => ({ id, ...over });

describe('changeIssues', () => {
  it('sends only ids that exist, reports each issue, and keeps the full prior state', async () => {
    const s = fakeSentry([
      issue('1'),
      issue('2', {
        status: 'ignored',
        substatus: 'archived_until_condition_met',
        statusDetails: { ignoreCount: 40, actor: { id: '9' } },
      }),
      issue('4'),
    ]);
    const r = await changeIssues(s.ops, ['1', '2', '3', '4'], { status: 'resolved' }, { status: 'resolved' });
    expect(s.puts.map((p) => p.ids)).toEqual([['1', '2'], ['4']]);
    expect(r.updated).toEqual(['1', '2', '4']);
    expect(r.failed).toEqual([{ id: '3', reason: expect.stringMatching(/no such issue.*nothing was sent/) }]);
    expect(r.prior.find((p) => p.id === '2')).toEqual({
      id: '2',
      project: '7',
      status: 'ignored',
      substatus: 'archived_until_condition_met',
      statusDetails: { ignoreCount: 40 },
    });
    expect(r.after.map((a) => a.status)).toEqual(['resolved', 'resolved', 'resolved']);
  });

  it('never sends a run whose ids are all missing, so Sentry cannot fall back to its search', async () => {
    const s = fakeSentry([issue('1'), issue('2')]);
    const r = await changeIssues(s.ops, ['8', '9'], { status: 'resolved' }, { status: 'resolved' });
    expect(s.puts).toHaveLength(0);
    expect(r.failed.map((f) => f.id)).toEqual(['8', '9']);
    expect([...s.db.values()].every((i) => i.status === 'unresolved')).toBe(true);
    // The fake does fall back, so this test would catch a pipeline that sent them.
    await s.ops.put(['8'], { status: 'resolved' });
    expect([...s.db.values()].every((i) => i.status === 'resolved')).toBe(true);
  });

  it('an id Sentry silently skipped inside a 200 is reported with what Sentry left it as, not as changed', async () => {
    const s = fakeSentry([issue('1'), issue('2', { substatus: 'regressed' }), issue('3')], { skip: new Set(['2']) });
    const r = await changeIssues(s.ops, ['1', '2', '3'], { status: 'ignored' }, { status: 'ignored' });
    expect(r.updated).toEqual(['1', '3']);
    expect(r.failed).toEqual([{ id: '2', reason: 'Sentry left it unresolved (regressed).' }]);
  });

  it('a failing run keeps Sentry’s reason on each of its issues; the other runs still go', async () => {
    const s = fakeSentry(
      ['1', '2', '3', '4', '5'].map((id) => issue(id)),
      {
        runSize: 2,
        failPut: (ids) =>
          ids.includes('3') ? new Error('Cannot set resolved in next release for multiple projects.') : null,
      },
    );
    const progress: number[] = [];
    const r = await changeIssues(
      s.ops,
      ['1', '2', '3', '4', '5'],
      { status: 'resolved' },
      { status: 'resolved' },
      { onProgress: (n) => progress.push(n) },
    );
    expect(r.updated).toEqual(['1', '2', '5']);
    expect(r.failed).toEqual(
      ['3', '4'].map((id) => ({ id, reason: 'Cannot set resolved in next release for multiple projects.' })),
    );
    expect(progress).toEqual([2, 4, 5]);
  });

  it('sends a rate-limited PUT once more (Sentry did not apply it), but not a failed one', async () => {
    let calls = 0;
    const s = fakeSentry([issue('1')], {
      failPut: () => (++calls === 1 ? Object.assign(new Error('HTTP 429'), { kind: 'rate-limited' }) : null),
    });
    s.ops.notApplied = (e) => (e as { kind?: string }).kind === 'rate-limited';
    expect((await changeIssues(s.ops, ['1'], { status: 'resolved' }, { status: 'resolved' })).updated).toEqual(['1']);
    expect(s.puts).toHaveLength(2);
    const down = fakeSentry([issue('1')], { failPut: () => new Error('HTTP 500') });
    down.ops.notApplied = (e) => (e as { kind?: string }).kind === 'rate-limited';
    expect((await changeIssues(down.ops, ['1'], { status: 'resolved' }, { status: 'resolved' })).failed).toEqual([
      { id: '1', reason: 'HTTP 500' },
    ]);
    expect(down.puts).toHaveLength(1);
  });

  it('an issue that did change despite a failed answer counts as changed (the re-read decides)', async () => {
    const s = fakeSentry([issue('1')]);
    const put = s.ops.put;
    s.ops.put = async (ids, body) => {
      await put(ids, body);
      throw new Error('HTTP 502 after the write');
    };
    const r = await changeIssues(s.ops, ['1'], { status: 'resolved' }, { status: 'resolved' });
    expect(r.updated).toEqual(['1']);
  });

  it('a run that cannot be read first is not sent; one that cannot be read back is reported unknown', async () => {
    const s = fakeSentry([issue('1'), issue('2')], { runSize: 1, failRead: (n) => n === 1 || n === 3 }); // run 1's read; run 2's read back
    const r = await changeIssues(s.ops, ['1', '2'], { status: 'resolved' }, { status: 'resolved' });
    expect(s.puts.map((p) => p.ids)).toEqual([['2']]);
    expect(r.failed).toEqual([
      {
        id: '1',
        reason: expect.stringMatching(/could not read it before changing it \(HTTP 502\), so nothing was sent/),
      },
      { id: '2', reason: expect.stringMatching(/could not read it back \(HTTP 502\).*not known/) },
    ]);
    expect(r.prior.map((p) => p.id)).toEqual(['2']);
  });
});

describe('planChange', () => {
  it('says before anything runs which issues would have no undo, and which do not exist', async () => {
    const s = fakeSentry([
      issue('1'),
      issue('2', { status: 'reprocessing' }),
      issue('3', { status: 'resolved', statusDetails: { inCommit: { id: 'abc' } } }),
    ]);
    const plan = await planChange(s.ops, ['1', '2', '3', '4'], NOW);
    expect(plan.missing).toEqual(['4']);
    expect(plan.noUndo.map((f) => f.id)).toEqual(['2', '3']);
    expect(plan.noUndo[0]!.reason).toMatch(/reprocessing/);
    expect(s.puts).toHaveLength(0);
    const unreadable = await planChange(fakeSentry([issue('1')], { failRead: () => true }).ops, ['1'], NOW);
    expect(unreadable.noUndo).toEqual([{ id: '1', reason: 'Dexter could not read its current state (HTTP 502).' }]);
  });
});

describe('restoreIssues', () => {
  it('puts ignore-until, in-next-release and regressed back exactly, one PUT per identical state and project', async () => {
    const until = new Date(NOW + 3 * 3600_000).toISOString();
    const s = fakeSentry([
      issue('1', {
        status: 'ignored',
        substatus: 'archived_until_condition_met',
        statusDetails: { ignoreUntil: until },
      }),
      issue('2', {
        status: 'resolved',
        substatus: null,
        statusDetails: { inNextRelease: true },
        project: { id: '7', slug: 'p' },
      }),
      issue('3', {
        status: 'resolved',
        substatus: null,
        statusDetails: { inNextRelease: true },
        project: { id: '8', slug: 'q' },
      }),
      issue('4', { substatus: 'regressed' }),
      issue('5', { substatus: 'regressed' }),
    ]);
    const prior = [...s.db.values()].map((i) => priorOf(structuredClone(i)));
    await changeIssues(s.ops, ['1', '2', '3', '4', '5'], { status: 'resolved' }, { status: 'resolved' });
    s.puts.length = 0;
    const r = await restoreIssues(s.ops, prior, 'resolved', NOW);
    expect(r.failed).toEqual([]);
    expect(r.updated.sort()).toEqual(['1', '2', '3', '4', '5']);
    expect(s.puts.map((p) => [p.ids, p.body])).toEqual([
      [['1'], { status: 'ignored', statusDetails: { ignoreDuration: 180 } }],
      [['2'], { status: 'resolved', statusDetails: { inNextRelease: true } }],
      [['3'], { status: 'resolved', statusDetails: { inNextRelease: true } }],
      [['4', '5'], { status: 'unresolved', substatus: 'regressed' }],
    ]);
    expect(s.db.get('1')).toMatchObject({ status: 'ignored', statusDetails: { ignoreUntil: until } });
    expect(s.db.get('4')).toMatchObject({ status: 'unresolved', substatus: 'regressed' });
  });

  it('leaves an issue someone changed since, and says why one cannot be set back', async () => {
    const s = fakeSentry([issue('1', { status: 'ignored', substatus: 'archived_forever' }), issue('2')]);
    const prior = [
      priorOf(structuredClone(s.db.get('1')!)),
      priorOf(structuredClone(s.db.get('2')!)),
      { id: '3', project: null, status: 'pending_merge', substatus: null, statusDetails: {} },
    ];
    // Dexter resolved both; then someone unresolved #1 in Sentry.
    Object.assign(s.db.get('2')!, { status: 'resolved', substatus: null });
    Object.assign(s.db.get('1')!, { status: 'unresolved', substatus: 'ongoing' });
    const r = await restoreIssues(s.ops, prior, 'resolved', NOW);
    expect(r.updated).toEqual(['2']);
    expect(r.failed).toEqual([
      { id: '3', reason: expect.stringMatching(/Undo could not set it back: .*pending_merge/) },
      {
        id: '1',
        reason: `It changed in Sentry since (now ${describeState({ status: 'unresolved', substatus: 'ongoing' })}); Dexter left it as it is.`,
      },
    ]);
    expect(s.db.get('1')!.status).toBe('unresolved');
  });
});
