// Hostile event data in every field Dexter renders, in every view, in the production build: no payload may run, load
// anything from the address it names, open a dialog or break Sentry's page. The oracles work in every browser: the
// evil host is sent to the world's server, whose request log shows any request a payload made; `window.__pwned` in
// every frame shows a payload that ran; the driver's watch sees dialogs and uncaught errors.
import Papa from 'papaparse';
import type { World } from '../world/world';
import { PAYLOADS, hostileAnswer, seedHostile, type HostileSeed } from '../world/hostile';
import { check, checkEqual, setSettings, setToken, type Driver, type Scenario, type Watch } from './driver';
import { EVIL_HOST } from './hosts';
import { readDown } from './list-helpers';
import {
  bodyHas,
  choose,
  explorerPath,
  exportSelected,
  fill,
  panelPrefix,
  pwnedFrames,
  textMatching,
} from './ui-helpers';

const WORLD = { key: 'hostile' };
const seeds = new WeakMap<World, HostileSeed>();

/** The hostile issues, seeded once per world (a world of their own: they are the newest issues of the org). */
function seed(d: Driver): HostileSeed {
  let s = seeds.get(d.world);
  if (!s) {
    s = seedHostile(d.world.sentry.store);
    // The catalogue: every payload, in more than 40 rendered fields each.
    checkEqual(s.payloads, PAYLOADS.length, 'payloads seeded');
    check(s.fieldsTried / s.payloads > 40, `only ${s.fieldsTried / s.payloads} fields per payload`);
    seeds.set(d.world, s);
  }
  return s;
}

async function ready(d: Driver): Promise<HostileSeed> {
  const s = seed(d);
  await setToken(d, d.world.sentry.tokens.readWrite);
  await setSettings(d, {
    llm: { model: 'llama3.2:latest', url: 'http://127.0.0.1:11434' },
    sentry: { org: 'acme', project: '', selfHostedBases: [], useSession: true },
  });
  d.world.ollama.setMode('normal');
  d.world.ollama.setAnswer(hostileAnswer());
  return s;
}

/** Nothing reached the evil host (the world's log), no dialog opened, nothing uncaught. */
function clean(d: Driver, w: Watch, at: number): void {
  checkEqual(
    d.world.sentry.requests
      .slice(at)
      .filter((r) => r.host.startsWith(EVIL_HOST))
      .map((r) => `${r.method} ${r.path}`),
    [],
    'requests to the address a payload named',
  );
  checkEqual(w.dialogs, [], 'dialogs opened by payloads');
  checkEqual(w.errors, [], 'uncaught page errors');
}

/** The oracle works: a payload put into a page as HTML does reach the evil host and set the trap. */
async function control(d: Driver): Promise<void> {
  const page = await d.page(`https://acme.sentry.io/issues/`);
  const at = d.world.sentry.requests.length;
  await page.evaluate(
    (html) => {
      const div = document.createElement('div');
      div.innerHTML = html;
      document.body.append(div);
    },
    `${PAYLOADS[1]!.text}${PAYLOADS.find((p) => p.name === 'remote image tag')!.text}`,
  );
  await page.waitFor(() => (window as unknown as { __pwned?: unknown }).__pwned !== undefined || null, null, {
    what: 'the control payload running',
  });
  for (
    const until = Date.now() + 10_000;
    !d.world.sentry.requests.slice(at).some((r) => r.host.startsWith(EVIL_HOST));
    await new Promise((r) => setTimeout(r, 100))
  ) {
    check(Date.now() < until, 'the control image never reached the evil host: the request oracle is blind');
  }
  await page.close();
}

async function guarded(d: Driver, run: (w: Watch, s: HostileSeed) => Promise<void>): Promise<void> {
  const s = await ready(d);
  const w = d.watch();
  const at = d.world.sentry.requests.length;
  try {
    await run(w, s);
    clean(d, w, at);
  } finally {
    w.stop();
  }
}

const listOverlay = (layout: 'table' | 'div'): Scenario => ({
  name: `hostile data on the list overlay (${layout} rows): hostile rows get badges, nothing runs or loads, the page stays intact`,
  world: WORLD,
  async run(d) {
    await guarded(d, async (_w, s) => {
      const page = await d.page(
        layout === 'div'
          ? 'https://sentry.io/organizations/acme/issues/?layout=div&limit=100'
          : 'https://acme.sentry.io/issues/?limit=100',
      );
      // Rows are drawn as they come near: read down the list as a user would, so every hostile row is drawn.
      for (const until = Date.now() + 30_000; ;) {
        await page.evaluate(readDown, null);
        const drawn = await page.evaluate(
          (want) =>
            want.filter(
              (id) =>
                (document
                  .querySelector(`dexter-row[data-issue-id="${id}"]`)
                  ?.shadowRoot?.querySelectorAll('[data-slot] .chip, [data-slot] svg').length ?? 0) >= 3,
            ).length,
          s.issueIds,
        );
        if (drawn === s.issueIds.length) break;
        check(Date.now() < until, `only ${drawn} of ${s.issueIds.length} hostile rows drawn`);
      }
      // Sentry's rows and Dexter's badges are still visible: no injected CSS hid anything.
      const visible = await page.evaluate((id) => {
        const row = document.querySelector<HTMLElement>('[data-test-id="group"]')!;
        const host = document.querySelector<HTMLElement>(`dexter-row[data-issue-id="${id}"]`)!;
        const seen = (e: HTMLElement) =>
          e.getBoundingClientRect().height > 0 &&
          getComputedStyle(e).display !== 'none' &&
          getComputedStyle(e).visibility !== 'hidden';
        return seen(row) && seen(host);
      }, s.issueIds[0]!);
      check(visible, 'a row or a badge was hidden');
      const shadows = await page.evaluate(
        () => [...document.querySelectorAll('dexter-row')].map((h) => h.shadowRoot?.innerHTML ?? '').join('\n'),
        null,
      );
      check(!/<script|onerror=|onload=|javascript:/i.test(shadows), 'markup from a payload in Dexter’s badges');
      checkEqual(await pwnedFrames(page), 0, 'frames where a payload ran');
    });
    await control(d);
  },
});

export const scenarios: Scenario[] = [
  listOverlay('table'),
  listOverlay('div'),
  {
    name: 'hostile data on issue pages: hostile issues and the deadlock panel render as text, nothing runs or loads',
    world: WORLD,
    timeoutMs: 180_000,
    async run(d) {
      await guarded(d, async (_w, s) => {
        const page = await d.page('https://acme.sentry.io/issues/');
        for (const id of s.issueIds) {
          await page.goto(`https://acme.sentry.io/issues/${id}/`);
          await page.waitFor(
            () =>
              [...document.querySelectorAll('dexter-panel[data-id="explain"]')].some(
                (h) => h.shadowRoot?.querySelector('button')?.textContent === 'Explain with AI',
              ) || null,
            null,
            { what: `issue ${id}: the Explain button`, timeoutMs: 20_000 },
          );
          checkEqual(await pwnedFrames(page), 0, `issue ${id}: frames where a payload ran`);
        }
        await page.goto(`https://acme.sentry.io/issues/${s.deadlockIssueId}/`);
        const panel = await page.frame(panelPrefix(d.extensionUrl, 'deadlock'));
        await panel.waitFor(() => !!document.querySelector('svg') || null, null, {
          what: 'the wait-for graph',
          timeoutMs: 30_000,
        });
        // The process and its query are shown (as text) in the panel: proof the payloads reached the view.
        await panel.waitFor(
          () =>
            (document.body.textContent?.includes('4242') && document.body.textContent.includes('UPDATE accounts')) ||
            null,
          null,
          { what: 'the processes and their queries' },
        );
        const html = await panel.evaluate(() => document.body.innerHTML, null);
        check(
          !/<script|<img[^>]*onerror|<svg[^>]*onload|<iframe/i.test(html),
          'markup from a payload in the deadlock panel',
        );
        checkEqual(await pwnedFrames(page), 0, 'frames where a payload ran');
      });
    },
  },
  {
    name: 'hostile data in the Explain panel: a hostile event and a hostile LLM answer render as text; links open only on a click, without referrer or opener',
    world: WORLD,
    async run(d) {
      await guarded(d, async (_w, s) => {
        for (const id of [s.issueIds[1]!, s.issueIds.at(-1)!]) {
          const chats = d.world.ollama.requests.filter((r) => r.path === '/api/chat').length;
          const page = await d.page(`https://acme.sentry.io/issues/${id}/`);
          await page.click('button :text=Explain with AI');
          const panel = await page.frame(panelPrefix(d.extensionUrl, 'explain'));
          await panel.waitFor(
            () => [...document.querySelectorAll('h2')].some((h) => h.textContent?.includes('What happened')) || null,
            null,
            { what: 'the answer’s heading', timeoutMs: 30_000 },
          );
          await panel.waitFor(bodyHas, 'markdown js link', { what: 'the whole hostile answer', timeoutMs: 30_000 });
          // The answer streams: its Markdown image (after the js link in it) becomes a text link once it has arrived.
          await panel.waitFor((evil) => document.querySelector(`a[href*="${evil}"]`) !== null || null, EVIL_HOST, {
            what: 'the answer’s image as a text link',
            timeoutMs: 30_000,
          });
          check(d.world.ollama.requests.filter((r) => r.path === '/api/chat').length > chats, 'the LLM was not asked');
          const seen = await panel.evaluate(
            (evil) => ({
              html: document.body.innerHTML,
              links: [...document.querySelectorAll<HTMLAnchorElement>(`a[href*="${evil}"]`)].map((a) => ({
                rel: a.getAttribute('rel'),
                text: a.textContent ?? '',
              })),
            }),
            EVIL_HOST,
          );
          check(
            !/<script|<img|<svg|<iframe|href="(javascript|data):/i.test(seen.html),
            'markup from the event or the answer in the panel',
          );
          // The Markdown image became a text link ("[image: …]") that opens only on a click, without referrer or opener.
          check(seen.links.length > 0, 'the answer’s image link is gone');
          for (const a of seen.links) {
            checkEqual(a.rel, 'noopener noreferrer', 'rel of a link to the evil host');
            check(/^\[image: /.test(a.text), `a link to the evil host reads ${a.text}`);
          }
          checkEqual(await pwnedFrames(page), 0, 'frames where a payload ran');
          await page.close();
        }
      });
    },
  },
  {
    name: 'hostile data in the popup’s triage: the hostile titles are listed as literal text',
    world: WORLD,
    async run(d) {
      await guarded(d, async () => {
        const popup = await d.extensionPage('popup.html');
        await popup.waitFor(() => !!document.querySelector('[role="grid"] [role="row"]') || null, null, {
          what: 'the triage list',
          timeoutMs: 20_000,
        });
        // The hostile issues are the latest, not the highest ranked: Sentry's "last seen" order has them.
        await choose(popup, 'Sort by', 'date');
        await popup.waitFor(
          (t) => [...document.querySelectorAll('[role="grid"]')].some((g) => g.textContent?.includes(t)) || null,
          '<script>window.__pwned=1</script>',
          { what: 'a hostile title as text', timeoutMs: 20_000 },
        );
        checkEqual(await pwnedFrames(popup), 0, 'frames where a payload ran');
      });
    },
  },
  {
    name: 'hostile data in the Explorer: table, detail panel and the three exports (files read from where the browser saved them) keep hostile text inert',
    world: WORLD,
    timeoutMs: 240_000,
    async run(d) {
      await guarded(d, async () => {
        const page = await d.extensionPage(explorerPath('is:unresolved'));
        await page.waitFor(
          textMatching,
          { selector: 'p, span, div', source: '^[\\d,]+ of [\\d,]+ issues$' },
          { what: 'the Explorer loaded', timeoutMs: 30_000 },
        );
        await fill(page, 'Filter loaded issues', 'window.__pwned');
        // The filter is applied in a transition after typing: wait for it to settle.
        const ids = await page.waitFor(
          () => {
            const rows = [...document.querySelectorAll<HTMLElement>('[role="grid"] [role="row"][id^="explorer-row-"]')];
            return rows.length > 2 && rows.every((r) => r.textContent?.includes('window.__pwned'))
              ? rows.map((r) => r.id)
              : null;
          },
          null,
          { what: 'only hostile rows shown', timeoutMs: 20_000 },
        );
        const picked = ids.slice(0, 6);
        for (const rowId of picked) {
          const title = await page.evaluate(
            (id) => document.querySelector(`#${id} div[title]`)!.getAttribute('title')!,
            rowId,
          );
          await page.click(`#${rowId} div[title]`);
          // This row's detail (not the previous one): its heading is this title. The 100 KB event takes seconds.
          await page.waitFor(
            (t) => [...document.querySelectorAll('h1, h2, h3, h4')].some((h) => h.textContent?.includes(t)) || null,
            title.slice(0, 120),
            { what: `the detail of ${rowId}`, timeoutMs: 45_000 },
          );
          await page.click(`#${rowId} input[type="checkbox"]`);
        }
        checkEqual(await pwnedFrames(page), 0, 'frames where a payload ran');
        const files = await exportSelected(page, picked.length);
        const json = JSON.parse(files.json) as { title: string }[];
        checkEqual(json.length, picked.length, 'issues in the JSON export');
        check(
          json.some((r) => r.title.includes('<script>window.__pwned=1</script>') || r.title.includes('onerror')),
          'the JSON export lost the hostile titles',
        );
        const csv = Papa.parse<string[]>(files.csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
        const titleCol = csv[0]!.indexOf('title');
        checkEqual(csv.length - 1, picked.length, 'issues in the CSV export');
        for (const row of csv.slice(1))
          check(
            !/^[=+\-@\t\r]/.test(row[titleCol]!),
            `a CSV cell a spreadsheet would run: ${row[titleCol]!.slice(0, 60)}`,
          );
        check(
          !/<script|<img|<svg|\]\((javascript|data):/i.test(files.md),
          'markup or a script link in the Markdown report',
        );
      });
    },
  },
];
