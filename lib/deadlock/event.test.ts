import { describe, expect, it } from 'vitest';
import { deadlockSection, eventDeadlocks } from './index';

const detail =
  'Process 4242 waits for ShareLock on transaction 901; blocked by process 4343.\nProcess 4343 waits for ShareLock on transaction 900; blocked by process 4242.';

describe('eventDeadlocks', () => {
  it('reads a deadlock whose whole report is in the exception value (psycopg, pgjdbc)', () => {
    const event = {
      eventID: 'a'.repeat(32),
      entries: [
        {
          type: 'exception',
          data: {
            values: [
              {
                type: 'DeadlockDetected',
                value: `deadlock detected\nDETAIL:  ${detail}\nHINT:  See server log for query details.`,
              },
            ],
          },
        },
      ],
    };
    const r = eventDeadlocks(event);
    expect(r).toMatchObject({ eventId: 'a'.repeat(32), isDeadlock: true, hasException: true });
    expect(r.deadlocks).toHaveLength(1);
    expect(r.deadlocks[0]!.cycles).toEqual([[4242, 4343]]);
    expect(deadlockSection(r)).toMatch(/Cycle: 4242 → 4343 → 4242/);
  });
  it('joins node-postgres’s separate DETAIL from the event’s contexts', () => {
    const event = {
      id: 'b1',
      entries: [{ type: 'exception', data: { values: [{ type: 'error', value: 'deadlock detected' }] } }],
      contexts: { error: { code: '40P01', detail } },
    };
    const r = eventDeadlocks(event);
    expect(r.isDeadlock).toBe(true);
    expect(r.deadlocks[0]?.edges.map((e) => e.waiterPid)).toEqual([4242, 4343]);
  });
  it('knows a deadlock without its graph, and an event that is none', () => {
    const bare = eventDeadlocks({ message: 'SQLSTATE[40P01]: deadlock detected' });
    expect(bare).toMatchObject({ isDeadlock: true, hasException: false, eventId: null });
    expect(bare.deadlocks.every((d) => !d.complete && d.edges.length === 0)).toBe(true);
    expect(deadlockSection(bare)).toMatch(/partial|no DETAIL/);
    expect(deadlockSection({ deadlocks: [], isDeadlock: true })).toMatch(/no DETAIL/);
    const none = eventDeadlocks({
      entries: [{ type: 'exception', data: { values: [{ type: 'TypeError', value: 'x is undefined' }] } }],
    });
    expect(none).toMatchObject({ isDeadlock: false, deadlocks: [], hasException: true });
    expect(deadlockSection(none)).toBeUndefined();
    expect(eventDeadlocks(null)).toMatchObject({ isDeadlock: false, deadlocks: [] });
  });
});
