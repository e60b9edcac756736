import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseMessage, messageSchema } from './messages';

const target = { apiBase: 'https://acme.sentry.io/api/0', org: 'acme' };

describe('message protocol', () => {
  it('accepts well-formed requests and fills defaults', () => {
    const r = parseMessage({ type: 'issues.list', target });
    expect(r.ok).toBe(true);
    if (r.ok && r.message.type === 'issues.list') {
      expect(r.message.query).toBe('is:unresolved');
      expect(r.message.limit).toBe(100);
    }
    expect(
      parseMessage({ type: 'issues.byIds', target, ids: ['1', '22'], filters: { window: { statsPeriod: '14d' } } }).ok,
    ).toBe(true);
  });
  it('rejects malformed requests with a readable reason', () => {
    const bad = [
      { type: 'nope' },
      { type: 'issues.byIds', target, ids: ['1; DROP'], filters: { window: { statsPeriod: '14d' } } },
      { type: 'issues.byIds', target, ids: ['1'], filters: { window: { statsPeriod: 'forever' } } },
      { type: 'issues.byIds', target, ids: ['1'], filters: { window: { start: '2026-12-01', end: 'now' } } },
      { type: 'issues.byIds', target, ids: ['1'], filters: { window: { statsPeriod: '14d' }, environments: ['a/b'] } },
      { type: 'issues.byIds', target, ids: [], filters: { window: { statsPeriod: '14d' } } },
      {
        type: 'issues.update',
        target: { apiBase: 'javascript:alert(1)', org: 'acme' },
        ids: ['1'],
        status: 'resolved',
      },
      { type: 'issues.update', target: { ...target, org: '../../x' }, ids: ['1'], status: 'resolved' },
      { type: 'issues.update', target, ids: ['1'], status: 'deleted' },
      null,
      42,
      'ping',
    ];
    for (const b of bad) {
      const r = parseMessage(b);
      expect(r.ok, JSON.stringify(b)).toBe(false);
      if (!r.ok) expect(r.error.kind).toBe('invalid-request');
    }
  });
  it('never throws on fuzzed input', () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        parseMessage(x);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.record({
          type: fc.constantFrom(...messageSchema.options.map((o) => o.shape.type.value)),
          target: fc.anything(),
          ids: fc.anything(),
          issueId: fc.anything(),
        }),
        (x) => {
          parseMessage(x);
        },
      ),
    );
  });
});
