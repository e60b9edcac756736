// The token boundary, in every browser: where the Sentry token goes (only to sentry.io's API, in the Authorization
// header: the world's servers answer every host the browser asks, so their logs see every request), what a web page
// or a malformed message can make the background do (nothing), and that a page which is not Sentry framing Dexter's
// panel gets no data.
import fc from 'fast-check';
import { apiGet } from '../world/world';
import { check, checkEqual, setSettings, setToken, type DriverPage, type Scenario } from './driver';
import { NOT_SENTRY } from './hosts';
import { bodyHas, explorerPath, textMatching } from './ui-helpers';

/** Everything of a document a user or another script could read: HTML with every shadow root, and field values. */
function documentText(): string {
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
}

async function pageText(page: DriverPage): Promise<string> {
  const parts: string[] = [];
  for (const f of await page.frames()) parts.push(await f.evaluate(documentText, null).catch(() => ''));
  return parts.join('\n');
}

export const scenarios: Scenario[] = [
  {
    name: 'during a full session (list, issue page with Explain, popup, settings, Explorer) the token reaches only sentry.io’s API, never a URL, a page, Ollama or a log',
    timeoutMs: 180_000,
    async run(d) {
      const token = d.world.sentry.tokens.readWrite;
      await setToken(d, token);
      await setSettings(d, {
        llm: { model: 'llama3.2:latest', url: 'http://127.0.0.1:11434' },
        sentry: { org: 'acme', project: '', selfHostedBases: [], useSession: true },
      });
      d.world.ollama.setMode('normal');
      d.world.ollama.setAnswer('## What happened\n\nA test answer.');
      const sentryAt = d.world.sentry.requests.length;
      const ollamaAt = d.world.ollama.requests.length;
      const watch = d.watch();
      try {
        const pages: DriverPage[] = [];
        const list = await d.page('https://acme.sentry.io/issues/');
        pages.push(list);
        await list.waitFor(
          () =>
            document.querySelector('dexter-row')?.shadowRoot?.querySelector('[data-slot="list-priority"] .chip')
              ?.textContent || null,
          null,
          { what: 'a priority badge', timeoutMs: 30_000 },
        );
        const href = await list.waitFor(
          () => document.querySelector<HTMLAnchorElement>('a[data-issue-title-link]')?.href,
          null,
          { what: 'an issue link' },
        );
        const issue = await d.page(href);
        pages.push(issue);
        await issue.click('button :text=Explain with AI');
        const panel = await issue.frame(d.extensionUrl('panel.html#view=explain'), { timeoutMs: 30_000 });
        // This answer, or one saved for the same issue, event and model earlier: either way it completed.
        await panel.waitFor(
          () => [...document.querySelectorAll('h2')].some((h) => h.textContent?.includes('What happened')) || null,
          null,
          { what: 'the answer', timeoutMs: 30_000 },
        );
        const popup = await d.extensionPage('popup.html');
        pages.push(popup);
        // (A boolean: an element is not a value every driver can hand back.)
        await popup.waitFor(() => !!document.querySelector('[role="grid"] [role="row"]') || null, null, {
          what: 'the triage list',
          timeoutMs: 30_000,
        });
        await popup.click('[role="tab"] :text=Settings');
        await popup.waitFor(bodyHas, 'Token works for https://sentry.io', { what: 'the token check' });
        const explorer = await d.extensionPage(explorerPath('is:unresolved'));
        pages.push(explorer);
        await explorer.waitFor(
          textMatching,
          { selector: 'p, span, div', source: '^[\\d,]+ of [\\d,]+ issues$' },
          { what: 'the Explorer loaded', timeoutMs: 30_000 },
        );

        // The token went out, and only where it may: the world saw token-authenticated requests only on sentry.io.
        const seen = d.world.sentry.requests.slice(sentryAt);
        const bearer = seen.filter((r) => r.auth === 'bearer');
        check(bearer.length > 0, 'no request carried the token: the check would prove nothing');
        checkEqual(
          [
            ...new Set(
              bearer
                .map((r) => r.host.replace(/:\d+$/, ''))
                .filter((h) => h !== 'sentry.io' && !h.endsWith('.sentry.io')),
            ),
          ],
          [],
          'hosts that received the token',
        );
        check(
          bearer.every((r) => r.path.startsWith('/api/')),
          'the token went to a page of Sentry, not its API',
        );
        checkEqual(
          seen.filter((r) => r.path.includes(token)).map((r) => r.path),
          [],
          'URLs holding the token',
        );
        // Ollama never saw it (path, origin, headers, body).
        const chats = d.world.ollama.requests.slice(ollamaAt);
        check(chats.length > 0, 'Ollama was not asked');
        check(!JSON.stringify(chats).includes(token), 'the token reached Ollama');
        // No page, frame, shadow root or field holds it, and nothing logged it.
        for (const p of pages) check(!(await pageText(p)).includes(token), `the token is in ${await p.url()}`);
        checkEqual(
          watch.warnings.filter((l) => l.includes(token)),
          [],
          'console lines holding the token',
        );
      } finally {
        watch.stop();
      }
    },
  },
  {
    name: 'a web page cannot reach the background: no runtime API, forged window messages and events change nothing, a forged height does not resize the panel',
    async run(d) {
      await setToken(d, d.world.sentry.tokens.readWrite);
      const watch = d.watch();
      try {
        const page = await d.page('https://acme.sentry.io/issues/');
        const id = await page.waitFor(
          () =>
            document.querySelectorAll('dexter-row').length > 3
              ? document.querySelector<HTMLElement>('dexter-row')!.dataset.issueId
              : null,
          null,
          { what: 'Dexter rows' },
        );
        checkEqual(
          (await apiGet(d.world, `/api/0/organizations/acme/issues/${id}/`, d.world.sentry.tokens.readWrite)).status,
          'unresolved',
          'the issue before',
        );
        checkEqual(
          await page.evaluate(
            () =>
              typeof (globalThis as any).chrome?.runtime?.sendMessage +
              typeof (globalThis as any).browser?.runtime?.sendMessage,
            null,
          ),
          'undefinedundefined',
          'the runtime API in the page',
        );
        const writes = () => d.world.sentry.requests.filter((r) => r.method !== 'GET').length;
        const before = writes();
        await page.evaluate((issueId) => {
          const target = { apiBase: 'https://acme.sentry.io/api/0', org: 'acme' };
          for (const msg of [
            { type: 'issues.update', target, ids: [issueId], status: 'resolved' },
            { type: 'auth.clear' },
            { type: 'settings.get' },
            { dexterPanelHeight: 5000 },
          ]) {
            window.postMessage(msg, '*');
            document
              .querySelectorAll('dexter-row')
              .forEach((h) => h.dispatchEvent(new CustomEvent('message', { detail: msg })));
          }
        }, id);
        // The issue page loads through the same content script and background after the forged messages.
        await page.goto(`https://acme.sentry.io/issues/${id}/`);
        await page.click('button :text=Explain with AI');
        await page.frame(d.extensionUrl('panel.html#view=explain'), { timeoutMs: 30_000 });
        checkEqual(writes(), before, 'writes to Sentry after forged messages');
        checkEqual(
          (await apiGet(d.world, `/api/0/organizations/acme/issues/${id}/`, d.world.sentry.tokens.readWrite)).status,
          'unresolved',
          'the issue after forged messages',
        );
        const auth = await d.ask({ type: 'auth.status' });
        check(auth.ok && auth.data?.via === 'token', `Dexter was signed out: ${JSON.stringify(auth)}`);
        // A forged height from the page: window messages arrive in order, so once the page's own marker after it has
        // arrived, Dexter's listener has seen the forged one too.
        const height = () =>
          document
            .querySelector('dexter-panel[data-id="explain"]')
            ?.shadowRoot?.querySelector('iframe')
            ?.getBoundingClientRect().height ?? null;
        const h0 = await page.waitFor(height, null, { what: 'the panel frame' });
        await page.evaluate(
          () =>
            new Promise<void>((resolve) => {
              window.addEventListener('message', (e) => {
                if ((e.data as { marker?: boolean } | null)?.marker)
                  requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
              });
              window.postMessage({ dexterPanelHeight: 1900 }, '*');
              window.postMessage({ marker: true }, '*');
            }),
          null,
        );
        const h1 = (await page.evaluate(height, null))!;
        check(h1 < 1900 && Math.abs(h1 - h0) < 400, `the forged height resized the panel: ${h0} → ${h1}`);
        checkEqual(watch.errors, [], 'page errors');
      } finally {
        watch.stop();
      }
    },
  },
  {
    name: '~200 malformed messages from one of Dexter’s pages are refused as invalid, write nothing, and the background still answers',
    async run(d) {
      await setToken(d, d.world.sentry.tokens.readWrite);
      const target = fc.record(
        {
          apiBase: fc.oneof(fc.string(), fc.constant('https://evil.example/api/0'), fc.constant('javascript:alert(1)')),
          org: fc.oneof(fc.string(), fc.constant('../../etc')),
        },
        { requiredKeys: [] },
      );
      // Read-only types plus garbage: writing types (auth.clear, settings.set, issues.update …) would change the session.
      const type = fc.oneof(
        fc.constantFrom(
          'ping',
          'issues.byIds',
          'issues.list',
          'issue.get',
          'issue.event',
          'issue.analysis',
          'project.userBase',
          'release.get',
          'prompt.preview',
          'nope',
          '__proto__',
          'constructor',
        ),
        fc.string(),
      );
      const junk = fc.oneof(
        fc.jsonValue(),
        fc.record(
          {
            type,
            target: fc.oneof(target, fc.jsonValue()),
            ids: fc.array(fc.oneof(fc.string(), fc.integer())),
            issueId: fc.oneof(fc.string(), fc.integer()),
            period: fc.string(),
            query: fc.string({ maxLength: 3000 }),
          },
          { requiredKeys: ['type'] },
        ),
      );
      const samples = fc.sample(junk, { numRuns: 200, seed: 4242 }).map((v) => JSON.stringify(v) ?? 'null');
      const writesBefore = d.world.sentry.requests.filter((r) => r.method !== 'GET').length;
      const answers = await d.inExtension(async (all) => {
        const api = (globalThis as any).browser ?? (globalThis as any).chrome;
        const out: string[] = [];
        for (const s of all) {
          try {
            const r = await api.runtime.sendMessage(JSON.parse(s));
            out.push(
              r && typeof r === 'object' && typeof r.ok === 'boolean'
                ? r.ok
                  ? 'ok'
                  : `error:${r.error?.kind}`
                : `shape:${JSON.stringify(r)}`,
            );
          } catch (e) {
            out.push(`threw:${String(e)}`);
          }
        }
        return out;
      }, samples);
      checkEqual(answers.length, samples.length, 'answers');
      checkEqual(
        answers.filter((a) => a.startsWith('shape:') || a.startsWith('threw:')),
        [],
        'answers that are not Dexter’s {ok, …}',
      );
      const invalid = answers.filter((a) => a === 'error:invalid-request').length;
      check(invalid > 150, `only ${invalid} of ${samples.length} refused as invalid`);
      check(!d.world.sentry.requests.some((r) => r.host.includes('evil')), 'a malformed target reached another host');
      checkEqual(d.world.sentry.requests.filter((r) => r.method !== 'GET').length, writesBefore, 'writes to Sentry');
      const ping = await d.ask({ type: 'ping' });
      check(ping.ok, `the background no longer answers: ${JSON.stringify(ping)}`);
    },
  },
  {
    name: 'a page that is not Sentry framing Dexter’s panel gets no data: the background refuses the frame',
    async run(d) {
      await setToken(d, d.world.sentry.tokens.readWrite);
      const page = await d.page(`https://${NOT_SENTRY}/`); // any page of a site that is not Sentry (its 404 will do)
      const before = d.world.sentry.requests.length;
      const hash = new URLSearchParams({
        view: 'deadlock',
        apiBase: 'https://acme.sentry.io/api/0',
        org: 'acme',
        issueId: '4200000001',
      }).toString();
      const src = d.extensionUrl(`panel.html#${hash}`);
      await page.evaluate((url) => {
        const frame = document.createElement('iframe');
        frame.src = url;
        frame.style.cssText = 'width:600px;height:400px';
        document.body.append(frame);
      }, src);
      const panel = await page.frame(d.extensionUrl('panel.html#view=deadlock'), { timeoutMs: 15_000 });
      const alert = await panel.waitFor(() => document.querySelector('[role="alert"]')?.textContent || null, null, {
        what: 'the refusal',
        timeoutMs: 15_000,
      });
      check(/only answers its own pages/i.test(alert), `the panel says: ${alert}`);
      checkEqual(
        d.world.sentry.requests
          .slice(before)
          .filter((r) => r.path.includes('/issues/4200000001'))
          .map((r) => r.path),
        [],
        'requests for the framed issue',
      );
    },
  },
];
