import { describe, expect, it } from 'vitest';
import { analyseDeadlock, deadlockPromptSection, findDeadlockText, parseDeadlock } from './index';

const rows =
  'ERROR:  deadlock detected\nDETAIL:  Process 10 waits for ShareLock on transaction 5; blocked by process 11.\nProcess 11 waits for ShareLock on transaction 6; blocked by process 10.\nHINT:  See server log for query details.\nCONTEXT:  while updating tuple (0,8) in relation "accounts"';

function analyse(text: string) {
  const report = parseDeadlock(text);
  if (!report) throw new Error('no deadlock parsed');
  return { report, analysis: analyseDeadlock(report) };
}

describe('analyseDeadlock', () => {
  it('row-order inversion: explains the cycle and recommends ordered row locks first', () => {
    const { analysis } = analyse(rows);
    expect(analysis.pattern).toBe('row-order-inversion');
    expect(analysis.steps[0]).toBe(
      "Process 10 was updating row (0,8) of accounts and waits (ShareLock) for process 11's transaction (5) to finish, because it holds a row this one needs.",
    );
    expect(analysis.summary).toContain('10 → 11 → 10');
    expect(analysis.recommendations[0]?.example).toContain('ORDER BY id FOR UPDATE');
    expect(analysis.recommendations.map((r) => r.id)).toContain('retry');
    for (const r of analysis.recommendations) expect(r.docs[0]?.url).toMatch(/^https:\/\/www\.postgresql\.org\/docs\//);
  });

  it.each([
    [
      'fk-parent-child',
      rows.replace(
        'while updating tuple (0,8) in relation "accounts"',
        'while locking tuple (0,2) in relation "parent"\nSQL statement "SELECT 1 FROM ONLY "public"."parent" x WHERE "id" OPERATOR(pg_catalog.=) $1 FOR KEY SHARE OF x"',
      ),
      'foreign-keys',
    ],
    ['unique-insert', rows.replace('updating tuple', 'inserting index tuple'), 'upsert-order'],
    [
      'table-lock-upgrade',
      'ERROR:  deadlock detected\nDETAIL:  Process 1 waits for AccessExclusiveLock on relation 16384 of database 5; blocked by process 2.\nProcess 2 waits for AccessExclusiveLock on relation 16384 of database 5; blocked by process 1.',
      'table-lock-order',
    ],
    [
      'table-lock-order',
      'ERROR:  deadlock detected\nDETAIL:  Process 1 waits for ExclusiveLock on relation 16384 of database 5; blocked by process 2.\nProcess 2 waits for ExclusiveLock on relation 16390 of database 5; blocked by process 1.',
      'table-lock-order',
    ],
    [
      'advisory-key-order',
      'ERROR:  deadlock detected\nDETAIL:  Process 1 waits for ExclusiveLock on advisory lock [5,0,7,1]; blocked by process 2.\nProcess 2 waits for ExclusiveLock on advisory lock [5,0,8,1]; blocked by process 1.',
      'advisory-order',
    ],
    ['unknown', 'ERROR: deadlock detected (SQLSTATE 40P01)', 'retry'],
  ])('%s', (pattern, text, firstFix) => {
    const { analysis } = analyse(text);
    expect(analysis.pattern).toBe(pattern);
    expect(analysis.recommendations[0]?.id).toBe(firstFix);
  });

  it('prompt section carries the graph, the pattern and the fixes', () => {
    const { report, analysis } = analyse(rows);
    const section = deadlockPromptSection(report, analysis);
    expect(section).toContain('Cycle: 10 → 11 → 10');
    expect(section).toContain('- 10 waits for ShareLock on transactionid "transaction 5", blocked by 11');
    expect(section).toContain('Relations: accounts');
    expect(section).toContain('Pattern: Row-order inversion');
    expect(section.length).toBeLessThan(1500);
  });
});

describe('findDeadlockText', () => {
  it('joins node-postgres detail from contexts into the message (ingest shape)', () => {
    const event = {
      exception: { values: [{ type: 'error', value: 'deadlock detected' }] },
      contexts: {
        DatabaseError: {
          code: '40P01',
          detail:
            'Process 1 waits for ShareLock on transaction 2; blocked by process 3.\nProcess 3 waits for ShareLock on transaction 4; blocked by process 1.',
          hint: 'See server log for query details.',
          where: 'while updating tuple (0,1) in relation "t"',
        },
      },
    };
    const report = parseDeadlock(findDeadlockText(event) ?? '');
    expect(report?.cycles).toEqual([[1, 3]]);
    expect(report?.context).toEqual(['while updating tuple (0,1) in relation "t"']);
  });

  it('reads the API shape (entries) and prefers a value that holds the whole report', () => {
    const event = {
      title: 'DeadlockDetected: deadlock detected',
      entries: [{ type: 'exception', data: { values: [{ type: 'DeadlockDetected', value: rows }] } }],
    };
    expect(findDeadlockText(event)).toBe(rows);
  });

  it('returns null for events without a deadlock', () => {
    expect(findDeadlockText({ exception: { values: [{ type: 'TypeError', value: 'x is undefined' }] } })).toBeNull();
    expect(findDeadlockText(null)).toBeNull();
  });
});
