// The protocol's contract is proven by the compiler: these lines compile only while every caller and handler agrees
// with lib/messages.ts `Answers`. Each `@ts-expect-error` marks a mistake tsc must refuse (`npm test` runs tsc; an
// unused `@ts-expect-error` is itself an error, so a contract that stops catching a mistake fails the build).
import { describe, expect, expectTypeOf, it } from 'vitest';
import { send } from '@/components/api';
import type { AnswerOf, ReplyOf } from '@/lib/messages';
import type { RowBadges } from '@/lib/scoring/badges';
import type { Settings } from '@/lib/settings';
import type { Handler, Handlers } from './router';
import { handlers } from './handlers';

const target = { apiBase: 'https://acme.sentry.io/api/0', org: 'acme' };

describe('the message contract', () => {
  it('infers each answer from the message', () => {
    expectTypeOf<ReturnType<typeof send<{ type: 'settings.get' }>>>().resolves.toEqualTypeOf<ReplyOf<'settings.get'>>();
    expectTypeOf<AnswerOf<'settings.get'>>().toEqualTypeOf<Settings>();
    expectTypeOf<AnswerOf<'issues.byIds'>['issues']>().toEqualTypeOf<RowBadges[]>();
  });

  it('refuses wrong shapes at compile time', () => {
    // A handler that answers the wrong shape:
    // @ts-expect-error issues must be RowBadges[]
    const wrongAnswer: Handler<'issues.byIds'> = async () => ({ issues: 'none', missing: [] });
    // A handler map that lacks a message type:
    // @ts-expect-error 'ping' (and every other handler) is missing
    const incomplete: Handlers = { 'settings.get': handlers['settings.get'] };
    // Callers: a message without its required fields, and reading a field the answer does not have.
    const callers = async () => {
      // @ts-expect-error issue.get needs an issueId
      await send({ type: 'issue.get', target });
      const r = await send({ type: 'llm.status' });
      // @ts-expect-error LlmStatus has no `token`
      if (r.ok) return r.data.token;
      return null;
    };
    expect([wrongAnswer, incomplete, callers].every((x) => x !== undefined)).toBe(true);
  });

  it('has a handler for every message type', () => {
    expect(Object.keys(handlers).sort()).toEqual([
      'auth.clear',
      'auth.set',
      'auth.status',
      'digest.build',
      'issue.analysis',
      'issue.comment',
      'issue.event',
      'issue.get',
      'issue.where',
      'issues.byIds',
      'issues.list',
      'issues.merge',
      'issues.page',
      'issues.plan',
      'issues.restore',
      'issues.update',
      'llm.key.clear',
      'llm.key.set',
      'llm.status',
      'open.explorer',
      'orgs.list',
      'page.report',
      'page.status',
      'ping',
      'privacy.load',
      'project.userBase',
      'projects.list',
      'prompt.preview',
      'release.get',
      'settings.get',
      'settings.set',
      'similar.issue',
      'similar.rows',
      'summary.cancel',
      'summary.get',
      'trends.issue',
      'trends.rows',
    ]);
  });
});
