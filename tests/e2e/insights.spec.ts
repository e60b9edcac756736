// Issue #17 in the production build: one line per issue and "≈ N similar" on Sentry's list, similar issues of one
// issue, and the on-call digest with its cited narrative, against the world's Sentry and Ollama.
import { test, expect, ask, readDownTheList, setSettings, setToken } from './fixtures';

const target = { apiBase: 'https://acme.sentry.io/api/0', org: 'acme' };
const slotTexts = (page: import('@playwright/test').Page, slot: string) =>
  page.evaluate((s) => [...document.querySelectorAll('dexter-row')].map((h) => h.shadowRoot?.querySelector(`[data-slot="${s}"]`)?.textContent ?? ''), slot);

test.beforeEach(async ({ ext, world }) => {
  await setToken(ext, world.sentry.tokens.readWrite);
  world.ollama.setMode('normal');
  world.ollama.setAnswer(undefined); // an earlier spec's fixed answer would not follow the schema
  world.ollama.setStructured('follow');
});

test('summaries on demand: “Summarize” fills the rows on screen from the model’s structured answers', async ({ ext, world }) => {
  await setSettings(ext, { llm: { model: 'llama3.2:latest' } });
  const page = await ext.context.newPage();
  await page.goto('https://acme.sentry.io/issues/');
  await expect.poll(async () => (await slotTexts(page, 'list-summary'))[0]).toBe('✦');
  const before = world.ollama.requests.filter((r) => r.path === '/api/chat').length;
  await page.locator('dexter-row').first().locator('[data-slot="list-summary"] .chip').click();
  await expect.poll(async () => (await slotTexts(page, 'list-summary'))[0], { timeout: 30_000 }).toMatch(/^✦ (?!summarizing)\S/);
  const chats = world.ollama.requests.filter((r) => r.path === '/api/chat').slice(before);
  expect(chats.length).toBeGreaterThan(0);
  expect(chats[0]!.body.format).toMatchObject({ type: 'object', properties: { summary: {}, cause: {}, confidence: {} } });
  const title = await page.evaluate(() => document.querySelector('dexter-row')!.shadowRoot!.querySelector('[data-slot="list-summary"] .chip')!.getAttribute('title'));
  expect(title).toMatch(/Suspected cause: [a-z ]+ \(confidence \d+%\)/);
});

test('automatic summaries and “≈ N similar” on every row in view; leaving the page drops the queue', async ({ ext, world }) => {
  await setSettings(ext, { llm: { model: 'llama3.2:latest' }, insights: { autoSummaries: true } });
  const page = await ext.context.newPage();
  await page.goto('https://acme.sentry.io/issues/');
  // "≈ N similar" where Dexter's index has similar issues, nothing where it has none: the chips match its answer.
  await expect.poll(async () => (await slotTexts(page, 'list-summary')).filter((t) => t.startsWith('✦')).length).toBeGreaterThan(3);
  const ids = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('dexter-row')].map((h) => h.dataset.issueId!));
  const similar = await ask(ext, { type: 'similar.rows', target, ids });
  expect(similar.ok).toBe(true);
  const now = ids.map((id) => (similar.data.rows[id] ?? []).length);
  expect(now.some((n: number) => n > 0), 'the world has similar issues on this page').toBe(true);
  // Every row drawn (the list read down as a user would) shows a chip only where the index had similar issues.
  await readDownTheList(page);
  const shown = await slotTexts(page, 'list-similar');
  expect(shown.filter(Boolean).length).toBeGreaterThan(0);
  shown.forEach((text, i) => {
    if (!text) return;
    const n = Number(/^≈ (\d+) similar$/.exec(text)?.[1]);
    expect(n, `issue ${ids[i]}: ${text}`).toBeGreaterThanOrEqual(1);
  });
  await expect.poll(async () => (await slotTexts(page, 'list-summary')).filter((t) => /^✦ (?!summarizing)/.test(t)).length, { timeout: 45_000 }).toBeGreaterThan(3);
  // Far rows were never drawn, so never asked: the model saw calls only for rows near the view.
  const asked = world.ollama.requests.filter((r) => r.path === '/api/chat').length;
  const rows = await page.locator('[data-test-id="group"]').count();
  expect(asked).toBeLessThan(rows);
  // Leave for a page with no rows to summarise: what the old page had queued must not reach the model.
  await page.goto('https://acme.sentry.io/issues/?layout=unknown');
  const settled = world.ollama.requests.filter((r) => r.path === '/api/chat').length;
  await page.waitForTimeout(1500);
  expect(world.ollama.requests.filter((r) => r.path === '/api/chat').length - settled).toBeLessThanOrEqual(1);
});

test('similar issues of one issue, with score and why', async ({ ext }) => {
  const list = await ask(ext, { type: 'issues.list', target, limit: 50 });
  expect(list.ok).toBe(true);
  const ids = list.data.issues.map((i: { id: string }) => i.id);
  const rows = await ask(ext, { type: 'similar.rows', target, ids });
  expect(rows.ok).toBe(true);
  const r = await ask(ext, { type: 'similar.issue', target, issueId: ids[0] });
  expect(r.ok).toBe(true);
  expect(r.data.method).toBe('hashed-v1');
  expect(r.data.signature.length).toBeGreaterThan(3);
  for (const m of r.data.matches) {
    expect(m.score).toBeGreaterThanOrEqual(0.5);
    expect(m.reason.length).toBeGreaterThan(3);
  }
});

test('the digest: data without an LLM, and a narrative whose every kept citation is a real issue', async ({ ext, world }) => {
  await setSettings(ext, { llm: { model: '' } });
  const plain = await ask(ext, { type: 'digest.build', target, hours: 24, narrative: true });
  expect(plain.ok).toBe(true);
  expect(plain.data.digest.totals.issues).toBeGreaterThan(0);
  expect(plain.data.narrative).toBeNull();
  expect(plain.data.narrativeError.message).toMatch(/No model/);

  await setSettings(ext, { llm: { model: 'llama3.2:latest' } });
  world.ollama.setStructured('bad-citations');
  const r = await ask(ext, { type: 'digest.build', target, hours: 24, narrative: true });
  expect(r.ok).toBe(true);
  const { digest, narrative } = r.data;
  expect(narrative.statements.length).toBeGreaterThan(0);
  for (const s of narrative.statements) for (const id of s.cites) expect(digest.issues[id]).toBeTruthy();
  expect(narrative.dropped.map((d: { why: string }) => d.why)).toEqual(['it cites NOPE-404, which is not in the digest', 'it cites no issue']);
});
