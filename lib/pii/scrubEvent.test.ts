// scrubEvent over the shared Sentry fixtures (API and ingest shape): planted PII goes, frames, line numbers,
// versions and ids stay, the input is untouched; and the false-positive count on unplanted fixtures is printed.
import { describe, expect, it } from 'vitest';
import { scrubEvent } from './index';
import {
  FIXTURE_EVENTS,
  FIXTURE_TRUE_PII,
  fixtureFindings,
  loadFixture,
  PLANTED,
  plantPii,
} from '@/tests/fixtures/pii';

interface Frame {
  lineNo?: number;
  lineno?: number;
  function?: string;
  filename?: string;
}

/** Frames of either shape, wherever the exception lives. */
function frames(event: Record<string, unknown>): Frame[] {
  const found: Frame[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (k === 'frames' && Array.isArray(child)) found.push(...(child as Frame[]));
        else walk(child);
      }
    }
  };
  walk(event);
  return found;
}

describe.each(FIXTURE_EVENTS)('%s', (name) => {
  const original = loadFixture(name);

  it('removes every planted value and keeps frames, line numbers, release and ids', () => {
    const planted = plantPii(original);
    const before = JSON.stringify(planted);
    const { event, findings } = scrubEvent(planted);
    expect(JSON.stringify(planted)).toBe(before); // input untouched
    const out = JSON.stringify(event);
    for (const value of Object.values(PLANTED)) expect(out).not.toContain(value);
    expect(findings.length).toBeGreaterThanOrEqual(6);
    expect(findings.every((f) => f.path.length > 0)).toBe(true);

    const a = frames(original);
    const b = frames(event as Record<string, unknown>);
    expect(b.length).toBe(a.length);
    b.forEach((frame, i) => {
      expect(frame.lineNo ?? frame.lineno).toBe(a[i]?.lineNo ?? a[i]?.lineno);
      expect(frame.function).toBe(a[i]?.function);
    });
    for (const key of ['release', 'eventID', 'id', 'platform', 'dateCreated'] as const) {
      expect((event as Record<string, unknown>)[key]).toEqual(original[key]);
    }
  });
});

it('false positives on the unplanted fixtures come only from the rules documented as aggressive', () => {
  const all = fixtureFindings((event) => scrubEvent(event));
  const falsePositives = all.filter((f) => !FIXTURE_TRUE_PII.has(f.text));
  console.log(
    `PII findings on unplanted fixtures: ${all.length}, false positives: ${falsePositives.length}\n` +
      falsePositives.map((f) => `  ${f.rule} ${JSON.stringify(f.text)} @ ${f.fixture} ${f.path}`).join('\n'),
  );
  // Every true PII value the fixtures carry is found.
  const texts = all.map((f) => f.text);
  for (const value of FIXTURE_TRUE_PII) expect(texts).toContain(value);
  // Relay's @uuid takes 32-hex asset hashes and ids; its @userpath takes what follows `/users/` in API URLs.
  for (const f of falsePositives) expect(['uuid', 'userpath']).toContain(f.rule);
});

it('API-shape tags [{key, value}] and pair lists filter by the key', () => {
  const { event } = scrubEvent({
    tags: [
      { key: 'api_key', value: 'abc' },
      { key: 'browser', value: 'Chrome 60.0' },
    ],
    entries: [
      {
        type: 'request',
        data: {
          headers: [
            ['X-Api-Key', 'k1'],
            ['Accept', 'text/html'],
          ],
          cookies: [
            ['csrftoken', 'c1'],
            ['theme', 'dark'],
          ],
        },
      },
    ],
    ingestTags: [
      ['session_id', 's1'],
      ['os', 'Mac OS X 10.12.6'],
    ],
  });
  expect(event.tags).toEqual([
    { key: 'api_key', value: '[Filtered]' },
    { key: 'browser', value: 'Chrome 60.0' },
  ]);
  expect(event.entries[0]?.data).toEqual({
    headers: [
      ['X-Api-Key', '[Filtered]'],
      ['Accept', 'text/html'],
    ],
    cookies: [
      ['csrftoken', '[Filtered]'],
      ['theme', 'dark'],
    ],
  });
  expect(event.ingestTags).toEqual([
    ['session_id', '[Filtered]'],
    ['os', 'Mac OS X 10.12.6'],
  ]);
});

it('frame vars, context lines and user: sensitive keys filtered, booleans kept, ids exempt only outside user', () => {
  const { event, findings } = scrubEvent({
    eventID: '9fac2ceed9344f2bbfdd1fdacb0ed9b1',
    frames: [
      { vars: { password: 'p', is_auth: true, credentials: { a: 1 }, n: 3 }, context: [[10, 'send(to="a@b.io")']] },
    ],
    user: { id: 'jane@corp.example', ip_address: '10.1.1.1' },
  });
  expect(event.eventID).toBe('9fac2ceed9344f2bbfdd1fdacb0ed9b1');
  expect(event.frames[0]?.vars).toEqual({ password: '[Filtered]', is_auth: true, credentials: '[Filtered]', n: 3 });
  expect(event.frames[0]?.context).toEqual([[10, 'send(to="[email]")']]);
  expect(event.user).toEqual({ id: '[email]', ip_address: '[ip]' });
  expect(findings.map((f) => f.path)).toContain('frames[0].context[0][1]');
});

it('preserve and rule switches reach scrubEvent', () => {
  const { event } = scrubEvent(
    { message: 'pid 123456789012345 at 10.0.0.1' },
    { preserve: ['123456789012345'], rules: { ip: false } },
  );
  expect(event.message).toBe('pid 123456789012345 at 10.0.0.1');
});
