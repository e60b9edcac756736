// Where the Sentry token goes (only Authorization headers to *.sentry.io), what a web page or a malformed message
// can make the background do (nothing). What the manifest asks for: manifest.spec.ts.
import fc from 'fast-check';
import type { Page } from '@playwright/test';
import { test, expect, setToken, setSettings, NOT_SENTRY } from './fixtures';
import { apiGet } from '../world/world';

declare const chrome: any;

interface Seen { url: string; headers: Record<string, string>; body: string | null; from: string }

/** Everything of a page a user or another script could read: HTML with every shadow root, and field values. */
async function pageText(page: Page): Promise<string> {
  const parts: string[] = [];
  for (const f of page.frames()) {
    parts.push(await f.evaluate(() => {
      const out: string[] = [];
      const walk = (root: Document | ShadowRoot) => {
        out.push(root instanceof Document ? root.documentElement.outerHTML : root.innerHTML);
        for (const el of root.querySelectorAll('*')) {
          if (el.shadowRoot) walk(el.shadowRoot);
          if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) out.push(el.value);
        }
      };
      walk(document);
      return out.join('\n');
    }).catch(() => ''));
  }
  return parts.join('\n');
}

test('during a full session the token travels only in Authorization headers to *.sentry.io', async ({ ext, world }) => {
  const token = world.sentry.tokens.readWrite;
  await setToken(ext, token);
  await setSettings(ext, { llm: { model: 'llama3.2:latest', url: 'http://127.0.0.1:11434' }, sentry: { org: 'acme', project: '', selfHostedBases: [], useSession: true } });
  world.ollama.setMode('normal');
  world.ollama.setAnswer('## What happened\n\nA test answer.');
  const seen: Seen[] = [];
  const consoleLines: string[] = [];
  const onRequest = async (r: import('@playwright/test').Request) => {
    seen.push({ url: r.url(), headers: await r.allHeaders().catch(() => r.headers()), body: r.postData(), from: r.serviceWorker() ? 'worker' : 'page' });
  };
  ext.context.on('request', onRequest);
  ext.context.on('console', (m) => consoleLines.push(m.text()));
  ext.sw.on('console', (m) => consoleLines.push(m.text()));
  const pages: Page[] = [];
  try {
    const list = await ext.context.newPage();
    pages.push(list);
    await list.goto('https://acme.sentry.io/issues/');
    await expect.poll(() => list.evaluate(() => document.querySelector('dexter-row')?.shadowRoot?.querySelector('[data-slot="list-priority"] .chip')?.textContent ?? '')).not.toBe('');
    const href = await list.locator('a[data-issue-title-link]').first().getAttribute('href');
    const issue = await ext.context.newPage();
    pages.push(issue);
    await issue.goto(new URL(href!, 'https://acme.sentry.io').toString());
    await issue.getByRole('button', { name: 'Explain with AI' }).click();
    // This answer, or one cached for the same issue, event and model by an earlier test: either way it completed.
    await expect(issue.frameLocator('dexter-panel[data-id="explain"] iframe').getByRole('heading', { name: 'What happened' })).toBeVisible({ timeout: 30_000 });
    const popup = await ext.context.newPage();
    pages.push(popup);
    await popup.goto(`chrome-extension://${ext.id}/popup.html`);
    await popup.getByRole('grid').getByRole('row').first().waitFor({ timeout: 20_000 }).catch(() => console.log('[secrets] popup triage did not load; its DOM is still searched'));
    await popup.getByRole('tab', { name: 'Settings' }).click().catch(() => {});
    await popup.waitForTimeout(1_000);
    const explorer = await ext.context.newPage();
    pages.push(explorer);
    const hash = new URLSearchParams({ apiBase: 'https://acme.sentry.io/api/0', org: 'acme', q: 'is:unresolved' }).toString();
    await explorer.goto(`chrome-extension://${ext.id}/explorer.html#${hash}`);
    await explorer.getByText(/^[\d,]+ of [\d,]+ issues$/).waitFor({ timeout: 30_000 }).catch(() => console.log('[secrets] Explorer did not load; its DOM is still searched'));

    // The token went out, and only where it may: an Authorization header, https, a sentry.io host.
    const carrying = seen.filter((s) => JSON.stringify(s).includes(token));
    expect(carrying.length, 'requests carrying the token were observed').toBeGreaterThan(0);
    for (const s of carrying) {
      const u = new URL(s.url);
      expect(u.protocol, s.url).toBe('https:');
      expect(u.hostname === 'sentry.io' || u.hostname.endsWith('.sentry.io'), s.url).toBe(true);
      expect(s.url).not.toContain(token);
      expect(s.body ?? '').not.toContain(token);
      const where = Object.entries(s.headers).filter(([, v]) => v.includes(token)).map(([k]) => k.toLowerCase());
      expect(where, s.url).toEqual(['authorization']);
    }
    // Ollama never saw it (path, origin, body), and the Sentry world never saw it in a URL.
    expect(world.ollama.requests.length).toBeGreaterThan(0);
    expect(JSON.stringify(world.ollama.requests)).not.toContain(token);
    expect(world.sentry.requests.some((r) => r.path.includes(token))).toBe(false);
    // No page, frame, shadow root or field holds it, and nothing logged it.
    for (const p of pages) expect(await pageText(p), p.url()).not.toContain(token);
    expect(consoleLines.filter((l) => l.includes(token))).toEqual([]);
  } finally {
    ext.context.off('request', onRequest);
  }
});

test('a web page cannot reach the background: no runtime API, forged window messages change nothing', async ({ ext, world }) => {
  await setToken(ext, world.sentry.tokens.readWrite);
  const page = await ext.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('https://acme.sentry.io/issues/');
  await expect.poll(() => page.locator('dexter-row').count()).toBeGreaterThan(3);
  const id = (await page.locator('dexter-row').first().getAttribute('data-issue-id'))!;
  expect(await page.evaluate(() => typeof (globalThis as any).chrome?.runtime?.sendMessage)).toBe('undefined');
  const before = world.sentry.requests.filter((r) => r.method !== 'GET').length;
  await page.evaluate((issueId) => {
    const target = { apiBase: 'https://acme.sentry.io/api/0', org: 'acme' };
    for (const msg of [{ type: 'issues.update', target, ids: [issueId], status: 'resolved' }, { type: 'auth.clear' }, { type: 'settings.get' }, { dexterPanelHeight: 5000 }]) {
      window.postMessage(msg, '*');
      document.querySelectorAll('dexter-row').forEach((h) => h.dispatchEvent(new CustomEvent('message', { detail: msg })));
    }
  }, id);
  await page.waitForTimeout(1_000);
  expect(world.sentry.requests.filter((r) => r.method !== 'GET').length).toBe(before);
  expect((await apiGet(world, `/api/0/organizations/acme/issues/${id}/`, world.sentry.tokens.readWrite)).status).toBe('unresolved');
  expect(await ext.sw.evaluate(async () => (await chrome.storage.local.get('sentryAuth')).sentryAuth?.token ?? null)).toBe(world.sentry.tokens.readWrite);

  // On the issue page a forged height message from the page does not resize Dexter's panel.
  await page.goto(`https://acme.sentry.io/issues/${id}/`);
  await page.getByRole('button', { name: 'Explain with AI' }).click();
  const frame = page.locator('dexter-panel[data-id="explain"] iframe');
  await expect(frame).toBeVisible();
  await page.waitForTimeout(500);
  const h0 = await frame.evaluate((f) => f.getBoundingClientRect().height);
  await page.evaluate(() => window.postMessage({ dexterPanelHeight: 1900 }, '*'));
  await page.waitForTimeout(300);
  expect(await frame.evaluate((f) => f.getBoundingClientRect().height)).toBeLessThan(1900);
  expect(Math.abs((await frame.evaluate((f) => f.getBoundingClientRect().height)) - h0)).toBeLessThan(400);
  expect(errors).toEqual([]);
});

test('~200 malformed messages from an extension page are refused and the worker still answers', async ({ ext, world }) => {
  await setToken(ext, world.sentry.tokens.readWrite);
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.id}/popup.html`);
  const target = fc.record({ apiBase: fc.oneof(fc.string(), fc.constant('https://evil.example/api/0'), fc.constant('javascript:alert(1)')), org: fc.oneof(fc.string(), fc.constant('../../etc')) }, { requiredKeys: [] });
  // Read-only types plus garbage: writing types (auth.clear, settings.set, issues.update …) would change the session.
  const type = fc.oneof(fc.constantFrom('ping', 'issues.byIds', 'issues.list', 'issue.get', 'issue.event', 'issue.analysis', 'project.userBase', 'release.get', 'prompt.preview', 'nope', '__proto__', 'constructor'), fc.string());
  const junk = fc.oneof(
    fc.jsonValue(),
    fc.record({ type, target: fc.oneof(target, fc.jsonValue()), ids: fc.array(fc.oneof(fc.string(), fc.integer())), issueId: fc.oneof(fc.string(), fc.integer()), period: fc.string(), query: fc.string({ maxLength: 3000 }) }, { requiredKeys: ['type'] }),
  );
  const samples = fc.sample(junk, { numRuns: 200, seed: 4242 }).map((v) => JSON.stringify(v) ?? 'null');
  const writesBefore = world.sentry.requests.filter((r) => r.method !== 'GET').length;
  const answers = await page.evaluate(async (all) => {
    const out: string[] = [];
    for (const s of all) {
      try {
        const r = await chrome.runtime.sendMessage(JSON.parse(s));
        out.push(r && typeof r === 'object' && typeof r.ok === 'boolean' ? (r.ok ? 'ok' : `error:${r.error?.kind}`) : `shape:${JSON.stringify(r)}`);
      } catch (e) {
        out.push(`threw:${String(e)}`);
      }
    }
    return out;
  }, samples);
  const counts = answers.reduce<Record<string, number>>((m, a) => ({ ...m, [a.split(':').slice(0, 2).join(':')]: (m[a.split(':').slice(0, 2).join(':')] ?? 0) + 1 }), {});
  console.log(`[secrets] fuzzed ${samples.length} messages:`, counts);
  expect(answers.filter((a) => a.startsWith('shape:') || a.startsWith('threw:'))).toEqual([]);
  expect(counts['error:invalid-request'] ?? 0).toBeGreaterThan(150);
  // Nothing malformed reached a handler that talks to Sentry with the wrong target, and nothing was written.
  expect(world.sentry.requests.some((r) => r.host.includes('evil'))).toBe(false);
  expect(world.sentry.requests.filter((r) => r.method !== 'GET').length).toBe(writesBefore);
  expect(await page.evaluate(() => chrome.runtime.sendMessage({ type: 'ping' }))).toMatchObject({ ok: true });
});

test('a page that is not Sentry framing Dexter\'s panel gets no data: the background refuses the frame', async ({ ext, world }) => {
  await setToken(ext, world.sentry.tokens.readWrite);
  const page = await ext.context.newPage();
  await page.goto(`https://${NOT_SENTRY}/`).catch(() => {}); // any page of a site that is not Sentry (its 404 will do)
  const before = world.sentry.requests.length;
  const hash = new URLSearchParams({ view: 'deadlock', apiBase: 'https://acme.sentry.io/api/0', org: 'acme', issueId: '4200000001' }).toString();
  await page.setContent(`<iframe src="chrome-extension://${ext.id}/panel.html#${hash}" style="width:600px;height:400px"></iframe>`);
  const frame = page.frameLocator('iframe');
  await expect(frame.getByRole('alert')).toContainText(/only answers its own pages/i, { timeout: 15_000 });
  expect(world.sentry.requests.slice(before).filter((r: any) => r.path.includes('/issues/4200000001'))).toEqual([]);
});

