import { describe, expect, it } from 'vitest';
import { normalizeFunction, normalizeMessage, normalizeModule } from './normalize';
import { eventSignature, issueSignature, signatureText, topFrames } from './signature';
import { cosine, hashedVector, quantize } from './vector';
import { VectorIndex } from './index';
import { matchReason, reasonText } from './why';
import { retrievalQuality } from './evaluate';
import { labelledSet, toApiEvent } from '../../tests/fixtures/grouping/load';

const event = (
  type: string,
  value: string,
  frames: { function?: string; module?: string; filename?: string; inApp?: boolean }[],
) => ({
  platform: 'python',
  entries: [{ type: 'exception', data: { values: [{ type, value, stacktrace: { frames } }] } }],
});

describe('normalizeMessage', () => {
  it('sets ids, numbers, paths, hex, urls and quoted values aside', () => {
    expect(
      normalizeMessage(
        'User 12345 not found at /srv/app/users.py (0xdeadbeef) id=3f2a9c1e-0b1d-4c5e-9a7b-1234567890ab',
      ),
    ).toBe('user <n> not found at <path> (<hex>) id=<uuid>');
    expect(normalizeMessage('GET https://api.example.com/v1/orders?id=9 failed: "timeout"')).toBe(
      'get <url> failed: <str>',
    );
    expect(normalizeMessage("KeyError: 'customer_42'")).toBe(normalizeMessage("KeyError: 'customer_977'"));
  });
  it('keeps the words that say what went wrong', () => {
    expect(normalizeMessage("Cannot read properties of undefined (reading 'total')")).toContain(
      'cannot read properties of undefined',
    );
    expect(normalizeMessage(null)).toBe('');
  });
  it('is bounded on hostile input', () => {
    expect(normalizeMessage('x'.repeat(1_000_000)).length).toBeLessThanOrEqual(400);
  });
});

describe('normalizeFunction and normalizeModule', () => {
  it('reads the browsers’ spellings of one function as one', () => {
    expect(normalizeFunction('Object.aha')).toBe('aha');
    expect(normalizeFunction('Foo.prototype.testMethod')).toBe('Foo.testMethod');
    expect(normalizeFunction('test/<')).toBe('test');
    expect(normalizeFunction('Anonymous function')).toBeNull();
  });
  it('drops generated suffixes and keeps a file apart from a module', () => {
    expect(normalizeModule('com.example.User$HibernateProxy$oRWxjAWT', null)).toBe('com.example.User');
    expect(normalizeModule(null, '/tmp/test.html')).toBe('test.html');
    expect(normalizeModule('test', '/test.html')).toBe('test');
    expect(normalizeModule(null, '[native code]')).toBeNull();
  });
});

describe('signatures', () => {
  it('takes in-app frames crash site first, else all frames', () => {
    expect(
      topFrames([
        { function: 'main', module: 'app', inApp: true },
        { function: 'lib', module: 'x', inApp: false },
        { function: 'handler', module: 'app.views', inApp: true },
      ]),
    ).toEqual(['app.views.handler', 'app.main']);
    expect(
      topFrames([
        { function: 'a', module: 'm' },
        { function: 'b', module: 'm' },
      ]),
    ).toEqual(['m.b', 'm.a']);
  });
  it('builds the same signature for two events of one bug', () => {
    const a = eventSignature(
      event('KeyError', "'customer_42'", [{ function: 'load', module: 'shop.cart', inApp: true }]),
    );
    const b = eventSignature(
      event('KeyError', "'customer_99'", [{ function: 'load', module: 'shop.cart', inApp: true }]),
    );
    expect(a).toEqual(b);
    expect(signatureText(a)).toBe('KeyError: <str>\nat shop.cart.load');
  });
  it('reads an issue’s metadata and culprit when no event was read', () => {
    const s = issueSignature({
      culprit: 'shop.cart in load',
      metadata: { type: 'KeyError', value: "'customer_42'" },
      platform: 'python',
    });
    expect(s).toMatchObject({ type: 'KeyError', message: '<str>', frames: ['shop.cart.load'] });
    expect(
      issueSignature({ culprit: 'aha(/tmp/test.html)', metadata: { type: 'Error', value: 'bad' } }).frames,
    ).toEqual(['test.html.aha']);
  });
  it('never throws on odd shapes', () => {
    for (const odd of [
      null,
      1,
      'x',
      { entries: 'no' },
      { entries: [{ type: 'exception', data: { values: [null, { stacktrace: { frames: [null, 3] } }] } }] },
    ]) {
      expect(() => eventSignature(odd)).not.toThrow();
    }
  });
});

describe('vectors and the index', () => {
  const sig = (type: string, msg: string, frames: string[]) => ({
    type,
    message: normalizeMessage(msg),
    frames,
    causes: [],
    platform: '',
  });
  const meta = (id: string, seenAt = 0) => ({
    id,
    projectId: '1',
    shortId: `P-${id}`,
    title: id,
    seenAt,
    signature: sig('', '', []),
  });

  it('scores one bug’s events alike and different bugs apart', () => {
    const a = hashedVector(
      sig('TypeError', "Cannot read properties of undefined (reading 'total')", [
        'cart.ts.computeTotal',
        'checkout.ts.submit',
      ]),
    );
    const b = hashedVector(
      sig('TypeError', "Cannot read properties of undefined (reading 'price')", [
        'cart.ts.computeTotal',
        'checkout.ts.submit',
      ]),
    );
    const c = hashedVector(sig('DeadlockDetected', 'deadlock detected', ['orders.py.reserve']));
    expect(cosine(a, b)).toBeGreaterThan(0.8);
    expect(cosine(a, c)).toBeLessThan(0.2);
    expect(cosine(quantize(a), quantize(b))).toBeCloseTo(cosine(a, b), 1);
  });

  it('finds the top k, excludes the asking issue, evicts by age and round-trips', () => {
    const index = new VectorIndex('hashed-v1', 4, 1);
    index.upsert(meta('1', 10), [1, 0, 0, 0]);
    index.upsert(meta('2', 20), [0.9, 0.1, 0, 0]);
    index.upsert(meta('3', 30), [0, 0, 1, 0]);
    expect(index.query([1, 0, 0, 0], 2, { exclude: '1' }).map((m) => m.issue.id)).toEqual(['2', '3']);
    expect(index.query([1, 0, 0, 0], 5, { min: 0.5 }).map((m) => m.issue.id)).toEqual(['1', '2']);
    expect(index.evictOlderThan(15)).toBe(1);
    expect(index.has('1')).toBe(false);
    const back = VectorIndex.from(index.toJSON());
    expect(back.size).toBe(2);
    expect(back.query([0, 0, 1, 0], 1)[0]!.issue.id).toBe('3');
    expect(() => index.upsert(meta('9'), [1, 2])).toThrow(RangeError);
  });

  it('explains a match', () => {
    const r = matchReason(sig('KeyError', "'a1'", ['cart.load', 'cart.view']), sig('KeyError', "'b2'", ['cart.load']));
    expect(r).toEqual({ sameType: true, sameMessage: true, sharedFrames: ['cart.load'] });
    expect(reasonText(r)).toMatch(/1 shared frame \(cart\.load\); the same message/);
  });
});

describe('the labelled set (Sentry grouping inputs and derived variants)', () => {
  const set = labelledSet();
  it('has at least 200 events with their sources', () => {
    expect(set.length).toBeGreaterThanOrEqual(200);
    for (const e of set) expect(e.commit).toMatch(/^[0-9a-f]{40}$/);
  });
  it('the model-free method meets precision@3 ≥ 0.9 and recall@10 ≥ 0.8', () => {
    const q = retrievalQuality(
      set.map((e) => ({ id: e.id, group: e.group, vector: hashedVector(eventSignature(toApiEvent(e))) })),
    );
    expect(q.queries).toBeGreaterThan(150);
    expect(q.precisionAt3).toBeGreaterThanOrEqual(0.9);
    expect(q.recallAt10).toBeGreaterThanOrEqual(0.8);
  });
});
