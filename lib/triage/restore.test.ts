// The undo recipes of escalation-releases.md §2.5, row by row: the GET a prior state came from → the PUT body.
import { describe, expect, it } from 'vitest';
import type { Issue } from '../sentry/schemas';
import { priorOf, priorStateSchema, type PriorState } from './prior';
import { restoreBody, restoreKey, type RestorePlan } from './restore';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const prior = (
  status: string,
  substatus: string | null,
  statusDetails: Record<string, unknown> = {},
  project = '7',
): PriorState =>
  priorOf({
    id: '42',
    shortId: 'A-1',
    title: 't',
    status,
    substatus,
    statusDetails,
    project: { id: project, slug: 'p' },
  } as Issue);
const body = (p: PriorState) => {
  const r = restoreBody(p, NOW);
  if (!r.ok) throw new Error(r.reason);
  return r;
};
const refused = (p: PriorState) => {
  const r = restoreBody(p, NOW);
  return r.ok ? null : r.reason;
};

describe('restoreBody: the note’s undo recipes', () => {
  it('unresolved → status unresolved; a substatus other than the inferred “ongoing” is sent back', () => {
    expect(body(prior('unresolved', 'ongoing')).body).toEqual({ status: 'unresolved' });
    expect(body(prior('unresolved', null)).body).toEqual({ status: 'unresolved' });
    const regressed = body(prior('unresolved', 'regressed'));
    expect(regressed.body).toEqual({ status: 'unresolved', substatus: 'regressed' });
    expect(regressed.expect).toEqual({ status: 'unresolved', substatus: 'regressed' });
    expect(body(prior('unresolved', 'new')).body).toEqual({ status: 'unresolved', substatus: 'new' });
  });

  it('resolved (plain) → status resolved, any project mix', () => {
    expect(body(prior('resolved', null, { actor: { id: '1' } }))).toMatchObject({
      body: { status: 'resolved' },
      perProject: false,
    });
  });

  it('resolved in release V → inRelease V, one PUT per project', () => {
    const r = body(prior('resolved', null, { inRelease: 'api@1.4.2', actor: { id: '1', name: 'Ann' } }));
    expect(r.body).toEqual({ status: 'resolved', statusDetails: { inRelease: 'api@1.4.2' } });
    expect(r.perProject).toBe(true);
  });

  it('resolved in next release → inNextRelease true, one PUT per project', () => {
    const r = body(prior('resolved', null, { inNextRelease: true, actor: null }));
    expect(r.body).toEqual({ status: 'resolved', statusDetails: { inNextRelease: true } });
    expect(r.perProject).toBe(true);
    expect(body(prior('resolved', null, { inUpcomingRelease: true })).body).toEqual({
      status: 'resolved',
      statusDetails: { inUpcomingRelease: true },
    });
  });

  it('resolved in commit → the serialized Commit mapped to {commit: sha, repository: name}', () => {
    const commit = {
      id: 'a1b2c3d4',
      message: 'fix: the thing',
      repository: { id: '3', name: 'acme/api', url: 'https://github.com/acme/api' },
      dateCreated: '2026-02-01T00:00:00Z',
    };
    const r = body(prior('resolved', null, { inCommit: commit }));
    expect(r.body).toEqual({
      status: 'resolved',
      statusDetails: { inCommit: { commit: 'a1b2c3d4', repository: 'acme/api' } },
    });
    expect(r.perProject).toBe(true);
    expect(refused(prior('resolved', null, { inCommit: { id: 'a1b2c3d4', repository: null } }))).toMatch(
      /did not fully name/,
    );
  });

  it('auto-resolved (an old unresolved issue Sentry shows as resolved) → unresolved, which GET again shows resolved', () => {
    const r = body(prior('resolved', null, { autoResolved: true }));
    expect(r.body).toEqual({ status: 'unresolved' });
    expect(r.expect).toEqual({ status: 'resolved' });
  });

  it('ignored until a time → ignoreDuration in minutes left (rounded up), never an absolute time', () => {
    const until = new Date(NOW + 90 * 60_000 + 20_000).toISOString();
    const r = body(
      prior('ignored', 'archived_until_condition_met', {
        ignoreUntil: until,
        ignoreCount: null,
        ignoreWindow: null,
        ignoreUserCount: null,
        ignoreUserWindow: null,
        actor: { id: '1' },
      }),
    );
    expect(r.body).toEqual({ status: 'ignored', statusDetails: { ignoreDuration: 91 } });
    expect(r.expect).toEqual({ status: 'ignored' });
    expect(
      refused(prior('ignored', 'archived_until_condition_met', { ignoreUntil: new Date(NOW - 1000).toISOString() })),
    ).toMatch(/has passed/);
  });

  it('ignored for counts and users → the counts and windows as GET gave them', () => {
    // No window: GET's ignoreCount is what is left of it, which is what must be left again after undo.
    expect(
      body(prior('ignored', 'archived_until_condition_met', { ignoreCount: 37, ignoreWindow: null })).body,
    ).toEqual({ status: 'ignored', statusDetails: { ignoreCount: 37 } });
    expect(
      body(
        prior('ignored', 'archived_until_condition_met', {
          ignoreCount: 100,
          ignoreWindow: 60,
          ignoreUserCount: 5,
          ignoreUserWindow: 1440,
        }),
      ).body,
    ).toEqual({
      status: 'ignored',
      statusDetails: { ignoreCount: 100, ignoreWindow: 60, ignoreUserCount: 5, ignoreUserWindow: 1440 },
    });
    expect(refused(prior('ignored', 'archived_until_condition_met', { ignoreCount: 0 }))).toMatch(
      /event count had already run out/,
    );
    expect(refused(prior('ignored', 'archived_until_condition_met', { ignoreCount: 5, ignoreWindow: 20_000 }))).toMatch(
      /longer than Sentry accepts/,
    );
    expect(refused(prior('ignored', 'archived_until_condition_met', {}))).toMatch(/condition Sentry did not show/);
  });

  it('archived until escalating → that substatus; archived forever → that substatus; a Sentry without substatuses → plain ignore', () => {
    const esc = body(prior('ignored', 'archived_until_escalating', { ignoreUntilEscalating: true }));
    expect(esc.body).toEqual({ status: 'ignored', substatus: 'archived_until_escalating' });
    expect(esc.expect).toEqual({ status: 'ignored', substatus: 'archived_until_escalating' });
    expect(body(prior('ignored', 'archived_forever')).body).toEqual({
      status: 'ignored',
      substatus: 'archived_forever',
    });
    expect(body(prior('ignored', null)).body).toEqual({ status: 'ignored' });
  });

  it('says why a state cannot be set again', () => {
    expect(refused(prior('reprocessing', null))).toMatch(/cannot be asked to put an issue back to “reprocessing”/);
    expect(refused(prior('pending_deletion', null))).toMatch(/pending_deletion/);
  });

  it('groups identical undos, and release-based ones by project', () => {
    const key = (p: PriorState) => restoreKey(p, body(p) as RestorePlan);
    expect(key(prior('resolved', null, {}, '1'))).toBe(key(prior('resolved', null, {}, '2')));
    expect(key(prior('resolved', null, { inNextRelease: true }, '1'))).not.toBe(
      key(prior('resolved', null, { inNextRelease: true }, '2')),
    );
    expect(key(prior('resolved', null, { inNextRelease: true }, '1'))).toBe(
      key(prior('resolved', null, { inNextRelease: true }, '1')),
    );
    expect(key(prior('resolved', null))).not.toBe(key(prior('unresolved', null)));
  });

  it('keeps only what a PUT can set, in the shape the protocol checks', () => {
    const p = prior('resolved', null, {
      inCommit: { id: 'abc', repository: { name: 'r' }, message: 'x'.repeat(10_000), author: { email: 'a@b.c' } },
      actor: { email: 'x@y.z' },
      extra: 1,
    });
    expect(p.statusDetails).toEqual({ inCommit: { commit: 'abc', repository: 'r' } });
    expect(priorStateSchema.parse(p)).toEqual(p);
  });
});
