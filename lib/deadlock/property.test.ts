// Property tests: the parser never throws, stays linear on hostile input, and finds a deadlock buried in noise.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDeadlockText, parseDeadlock, parseDeadlocks } from './index';

const piece = fc.constantFrom(
  'Process ',
  ' waits for ',
  'ShareLock',
  ' on ',
  'transaction ',
  '; blocked by process ',
  '.',
  '\n',
  '\\n',
  'DETAIL:  ',
  'deadlock detected',
  '40P01',
  'CONTEXT:  ',
  'while updating tuple (',
  ',',
  ') in relation "',
  '"',
  'Prozess ',
  'プロセス ',
  '[for Statement "',
  '#011',
  '\t',
  ' ',
  '123',
  '4294967295',
  '(',
  ')',
  'advisory lock [',
  ']',
);
const hostile = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.array(piece, { maxLength: 200 }).map((a) => a.join('')),
);

describe('parser properties', () => {
  it('never throws and always returns well-formed reports', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        for (const r of parseDeadlocks(text)) {
          expect(Array.isArray(r.edges)).toBe(true);
          for (const e of r.edges) expect(Number.isFinite(e.waiterPid) && Number.isFinite(e.blockerPid)).toBe(true);
          for (const c of r.cycles) for (const pid of c) expect(r.edges.some((e) => e.waiterPid === pid)).toBe(true);
          if (r.complete) expect(r.cycles.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('finds a deadlock wherever it is put in noise', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.string({ maxLength: 300 }),
        fc.integer({ min: 1, max: 2 ** 22 }),
        (before, after, pid) => {
          const text = `${before.replace(/[Pp]roce|\d|dead|40P|lock/g, '')}\nERROR:  deadlock detected\nDETAIL:  Process ${pid} waits for ShareLock on transaction 9; blocked by process ${pid + 1}.\nProcess ${pid + 1} waits for ShareLock on transaction 8; blocked by process ${pid}.\n\n${after.replace(/[Pp]roce|\d|dead|40P|lock/g, '')}`;
          const report = parseDeadlock(text);
          expect(report?.cycles).toEqual([[pid, pid + 1]]);
          expect(report?.complete).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('handles 1 MB of noise and 1 MB of repeated near-misses without blowing up', () => {
    const noise = 'x'.repeat(1 << 20);
    expect(parseDeadlock(noise)).toBeNull();
    const nearMiss = 'Process 1 waits for ShareLock on '.repeat(32_000) + 'x'.repeat(300);
    expect(() => parseDeadlocks(nearMiss)).not.toThrow();
    const reports = parseDeadlocks(
      `ERROR:  deadlock detected\nDETAIL:  Process 1 waits for ShareLock on transaction 2; blocked by process 3.\nProcess 3 waits for ShareLock on transaction 4; blocked by process 1.\n`.repeat(
        5_000,
      ),
    );
    expect(reports).toHaveLength(5_000);
  });

  it('findDeadlockText never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = findDeadlockText(v);
        expect(text === null || typeof text === 'string').toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
