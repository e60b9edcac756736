// The issue-list overlay on Sentry's real URLs, on both row layouts, on pages the server sends finished and on pages
// drawn in the browser after Sentry's own API calls: badges on every row (read down as a user does) with Sentry's
// numbers, one batched request, the room kept so no row moves, in-app navigation (issue and back, a redraw, paging,
// a search), the theme followed, a layout Dexter cannot read, and clicks that land where Sentry's would.
import { readdirSync, readFileSync } from 'node:fs';
import { priorityScore } from '../../lib/scoring/priority';
import { formatCount } from '../../lib/scoring/format';
import { apiGet } from '../world/world';
import { check, checkEqual, setSettings, setToken, type Driver, type DriverPage, type Scenario } from './driver';
import { apiIssues, drawnRows, everyRowDrawn, shownFigures, toolbarBadge } from './list-helpers';

type Render = 'server' | 'client';
type Layout = 'table' | 'div';
const RENDERS: Render[] = ['server', 'client'];
const LAYOUTS: Layout[] = ['table', 'div'];
/** The same window in both browsers (Firefox's default is 800×600, Chromium's 1280×720). */
const VIEWPORT = { width: 1280, height: 720 };

const listUrl = (layout: Layout, render: Render, extra = '') =>
  `${layout === 'div' ? 'https://sentry.io/organizations/acme/issues/' : 'https://acme.sentry.io/issues/'}?render=${render}${layout === 'div' ? '&layout=div' : ''}${extra}`;

/** The list features, from their declarations (the build finds them by glob). */
const LIST_FEATURES = readdirSync('entrypoints/sentry.content/features')
  .filter((f) => /^[a-z-]+\.ts$/.test(f) && !['index.ts', 'catalog.ts'].includes(f))
  .map((f) => readFileSync(`entrypoints/sentry.content/features/${f}`, 'utf8'))
  .filter((src) => /pages: \[[^\]]*'issue-list'/.test(src))
  .map((src) => /id: '([a-z-]+)'/.exec(src)![1]!);

/** Real rows in, Sentry's numbers in, and a Dexter host on each. */
async function listReady(page: DriverPage, what: string): Promise<number> {
  const s = await page.waitFor(
    () => {
      const rows = [...document.querySelectorAll('[data-test-id="group"]')].filter((r) =>
        r.querySelector('[data-test-id="event-issue-header"]'),
      );
      const hosts = document.querySelectorAll('dexter-row').length;
      return rows.length > 0 &&
        !document.querySelector('#main [data-test-id="loading-placeholder"]') &&
        hosts === rows.length &&
        rows.every((r) => r.querySelectorAll('dexter-row').length === 1)
        ? rows.length
        : null;
    },
    null,
    { what: `${what}: every row with one Dexter host`, timeoutMs: 30_000 },
  );
  return s;
}

async function signedIn(d: Driver): Promise<void> {
  await setToken(d, d.world.sentry.tokens.readWrite); // also empties Dexter's cache: every flow starts cold
  await setSettings(d, { insights: { autoSummaries: false } }); // summaries only on a click, as Dexter installs
}

const badgesOnEveryRow = (layout: Layout, render: Render): Scenario => ({
  name: `list overlay (${layout} rows, ${render}-rendered): badges on every row as it comes near, figures from Sentry's API, one batched request per 25 rows`,
  async run(d) {
    await signedIn(d);
    const before = d.world.sentry.requests.length;
    const page = await d.page(listUrl(layout, render), { viewport: VIEWPORT });
    const n = await listReady(page, 'the list');
    check(n > 5, `only ${n} rows`);
    // The rows in view are drawn; a row far below is not until the reader gets near it (its host keeps its place).
    await page.waitFor(
      () =>
        (document.querySelector('dexter-row')?.shadowRoot?.querySelectorAll('[data-slot] .chip, [data-slot] svg')
          .length ?? 0) >= 3 || null,
      null,
      { what: 'the first row drawn' },
    );
    const far = await page.evaluate(
      () =>
        [...document.querySelectorAll('[data-test-id="group"]')].at(-1)!.getBoundingClientRect().top >
        2.5 * innerHeight,
      null,
    );
    check(far, 'the last row is not far below the view (the viewport is too tall for this check)');
    checkEqual(
      (await page.evaluate(drawnRows, null)).at(-1),
      false,
      'the far last row drawn before the reader came near',
    );
    checkEqual(await everyRowDrawn(page, 'reading down'), n, 'rows drawn');

    const shown = await page.evaluate(shownFigures, null);
    // Dexter's own requests (its token; the client-rendered page's app reads with the session cookie), counted
    // before the oracle's.
    const dexter = d.world.sentry.requests.slice(before).filter((r) => r.auth === 'bearer');
    const issues = await apiIssues(
      d,
      shown.map((s) => s.id),
    );
    for (const [i, s] of shown.entries()) {
      const issue = issues[i];
      check(issue && typeof issue.userCount === 'number', `issue ${s.id} is not in Sentry's answer`);
      check(
        s.users.startsWith(`${formatCount(issue.userCount)} users`),
        `${s.id}: shows ${s.users}, Sentry says ${issue.userCount} users`,
      );
      // The share's source, or why there is none: never the loading text once everything is drawn.
      check(
        /users of this project in the last 14 days, from Sentry\.$|user count|counted/.test(s.usersWhy) &&
          !/Loading/.test(s.usersWhy),
        `${s.id}: the users tooltip says ${s.usersWhy}`,
      );
      check(/^P\d{1,3} (critical|high|medium|low)$/.test(s.priority), `${s.id}: priority ${s.priority}`);
      check(/events in the last 24 hours/.test(s.spark), `${s.id}: sparkline ${s.spark}`);
    }
    // Sentry's columns' figures come from issues-stats, 25 ids a request (the most every Sentry takes); none per row.
    const batched = dexter.filter((r) => r.path.includes('/issues-stats/?') && r.path.includes('groups='));
    checkEqual(batched.length, Math.ceil(n / 25), 'issues-stats requests');
    checkEqual(
      dexter.filter((r) => /\/issues\/\d+\//.test(r.path)).map((r) => r.path),
      [],
      'per-row requests',
    );
  },
});

/** Runs in the page before any script: every time Dexter draws (its hosts go in, their shadow content changes),
 *  Sentry's rows must be where they were after Sentry's own last change of the page — a client-rendered page fills
 *  its numbers in after the rows come, and that may move rows; Dexter's drawing may not. Records the moves seen. */
function watchRowMoves(): void {
  const w = window as unknown as { __moves: string[]; __draws: number; __hosts: number };
  w.__moves = [];
  w.__draws = 0;
  w.__hosts = 0;
  const rows = () =>
    [...document.querySelectorAll('[data-test-id="group"]')].filter((r) =>
      r.querySelector('[data-test-id="event-issue-header"]'),
    );
  const measure = () => new Map(rows().map((r) => [r, r.getBoundingClientRect().top + scrollY] as const));
  let reference = new Map<Element, number>();
  const dexterDrew = (what: string) => {
    w.__draws++;
    const now = measure();
    for (const [row, top] of now) {
      const before = reference.get(row);
      if (before !== undefined && Math.abs(before - top) > 0.5)
        w.__moves.push(`${what}: row ${rows().indexOf(row)} moved from ${Math.round(before)} to ${Math.round(top)}`);
    }
    reference = now;
  };
  const inShadow = new MutationObserver(() => dexterDrew('badges drawn'));
  const isDexter = (n: Node) => n instanceof Element && /^dexter-/i.test(n.tagName);
  // A host gets its shadow root when Dexter first draws into it (as its row comes near): seen at the next frame.
  const watchHost = (h: Element, first = true) => {
    if (first) w.__hosts++;
    if (!h.isConnected) return;
    if (!h.shadowRoot) return void requestAnimationFrame(() => watchHost(h, false));
    dexterDrew('a row drawn');
    inShadow.observe(h.shadowRoot, { childList: true, subtree: true, characterData: true, attributes: true });
  };
  // Rows where they are with Dexter's hosts and where they would be without them: Sentry may add a row and Dexter its
  // host in one go, so no moment before the host exists can be measured.
  const withoutHosts = (what: string) => {
    const hosts = [...document.querySelectorAll<HTMLElement>('dexter-row')];
    if (!hosts.length) return;
    const shown = measure();
    const display = hosts.map((h) => h.style.display);
    hosts.forEach((h) => {
      h.style.display = 'none';
    });
    const hidden = measure();
    hosts.forEach((h, i) => {
      h.style.display = display[i]!;
    });
    for (const [row, top] of shown) {
      const bare = hidden.get(row)!;
      if (Math.abs(bare - top) > 0.5)
        w.__moves.push(
          `${what}: row ${rows().indexOf(row)} is at ${Math.round(top)} with Dexter's hosts, ${Math.round(bare)} without`,
        );
    }
  };
  new MutationObserver((records) => {
    let page = false;
    let hosts = false;
    for (const r of records) {
      const nodes = [...r.addedNodes, ...r.removedNodes];
      if (r.type === 'attributes')
        hosts = true; // Dexter's reservation switched on or off
      else if (nodes.length && nodes.every(isDexter)) {
        hosts = true;
        r.addedNodes.forEach((n) => watchHost(n as Element));
      } else page = true;
      for (const n of r.addedNodes)
        if (n instanceof Element) n.querySelectorAll('dexter-row').forEach((h) => watchHost(h));
    }
    withoutHosts(page ? 'Sentry changed its page' : 'Dexter changed the page');
    // Sentry changed its page: its new layout is the reference (rows it moved itself are not Dexter's doing).
    if (page) reference = measure();
    else if (hosts) dexterDrew('hosts added or the room switched');
  }).observe(document, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['data-dexter-rows'],
  });
}

const roomKept = (layout: Layout, render: Render): Scenario => ({
  name: `list overlay (${layout} rows, ${render}-rendered): the badges move none of Sentry's rows — their room is kept from the first layout`,
  async run(d) {
    await signedIn(d);
    // Wide enough for every badge on one line: a title cell too narrow for them grows its row by design (the next
    // scenario's case). At 1280 px a row with all five chips (priority, users, trend, "≈ N similar", ✦) wraps.
    const page = await d.page(listUrl(layout, render, '&limit=50'), {
      viewport: { width: 1600, height: 720 },
      init: watchRowMoves,
    });
    const n = await everyRowDrawn(page, 'every row drawn');
    checkEqual(
      await page.evaluate(() => document.querySelectorAll('dexter-row[data-wrap]').length, null),
      0,
      'hosts wrapping their badges',
    );
    const seen = await page.evaluate(() => {
      const w = window as unknown as { __moves: string[]; __draws: number; __hosts: number };
      return { moves: w.__moves, draws: w.__draws, hosts: w.__hosts };
    }, null);
    check(
      seen.hosts >= n && seen.draws >= n,
      `Dexter's drawing was not observed (${seen.hosts} hosts, ${seen.draws} draws for ${n} rows)`,
    );
    checkEqual(seen.moves.slice(0, 5), [], 'rows moved while Dexter drew');
  },
});

export const scenarios: Scenario[] = [
  ...LAYOUTS.flatMap((layout) => RENDERS.map((render) => badgesOnEveryRow(layout, render))),
  ...LAYOUTS.flatMap((layout) => RENDERS.map((render) => roomKept(layout, render))),
  {
    name: 'list overlay: with the list features switched off no room is kept and nothing is drawn; switched on again, the badges come',
    async run(d) {
      await signedIn(d);
      check(
        ['list-priority', 'list-impact', 'list-sparkline'].every((f) => LIST_FEATURES.includes(f)),
        `list features found: ${LIST_FEATURES}`,
      );
      await setSettings(d, { features: Object.fromEntries(LIST_FEATURES.map((id) => [id, false])) });
      try {
        const page = await d.page('https://acme.sentry.io/issues/', { viewport: VIEWPORT });
        // Reserved at document start (before Dexter knows the settings), released once the overlay has read them.
        await page.waitFor(() => !document.documentElement.hasAttribute('data-dexter-rows') || null, null, {
          what: 'the reserved room released',
        });
        checkEqual(
          await page.evaluate(
            () =>
              getComputedStyle(document.querySelector('[data-test-id="group"] [data-test-id="event-issue-header"]')!)
                .paddingBottom,
            null,
          ),
          '0px',
          'room below the title',
        );
        checkEqual(await page.evaluate(() => document.querySelectorAll('dexter-row').length, null), 0, 'Dexter hosts');
        await setSettings(d, { features: Object.fromEntries(LIST_FEATURES.map((id) => [id, true])) });
        await everyRowDrawn(page, 'switched on again');
        check(
          await page.evaluate(() => document.documentElement.hasAttribute('data-dexter-rows'), null),
          'no room reserved once switched on',
        );
      } finally {
        await setSettings(d, { features: Object.fromEntries(LIST_FEATURES.map((id) => [id, true])) });
      }
    },
  },
  {
    name: 'list overlay: the priority on every row equals lib/scoring on Sentry’s answer for it',
    async run(d) {
      await signedIn(d);
      const page = await d.page('https://acme.sentry.io/issues/', { viewport: VIEWPORT });
      await everyRowDrawn(page, 'every row drawn');
      const shown = await page.evaluate(shownFigures, null);
      const api = await apiIssues(
        d,
        shown.map((s) => s.id),
      );
      const now = Date.now();
      let exact = 0;
      for (const [i, s] of shown.entries()) {
        const expected = priorityScore(api[i], { now });
        const score = Number(/^P(\d+)/.exec(s.priority)?.[1]);
        // Recency decays between Dexter's computation and the oracle's: a point either way at a rounding edge.
        check(
          Math.abs(score - expected.score) <= 1,
          `${s.id}: shows ${s.priority}, lib/scoring says P${expected.score} ${expected.level}`,
        );
        if (s.priority === `P${expected.score} ${expected.level}`) exact++;
      }
      check(exact >= shown.length - 2, `only ${exact} of ${shown.length} priorities exactly as lib/scoring says`);
    },
  },
  {
    name: 'list overlay: a click on a badge never opens the issue; a click on the title does',
    async run(d) {
      await signedIn(d);
      // Client-rendered: Sentry's app changes the URL within the click itself, so "did not open" is known at once.
      const page = await d.page('https://acme.sentry.io/issues/?render=client', { viewport: VIEWPORT });
      await page.waitFor(
        () =>
          !!document.querySelector('dexter-row')?.shadowRoot?.querySelector('[data-slot="list-priority"] .chip') ||
          null,
        null,
        { what: 'the first priority badge' },
      );
      await page.click('[data-slot="list-priority"] .chip');
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))), null);
      checkEqual(await page.evaluate(() => location.pathname, null), '/issues/', 'the path after clicking a badge');
      await page.click('a[data-issue-title-link] [data-issue-title-primary]');
      await page.waitFor(() => /^\/issues\/\d+\/$/.test(location.pathname) || null, null, {
        what: 'the issue opened from its title',
      });
    },
  },
  ...RENDERS.map((render): Scenario => ({
    name: `list overlay (${render}-rendered): in-app navigation to issues and back, a redraw of the rows, paging and a search leave one set of badges on the rows shown and nothing behind`,
    async run(d) {
      await signedIn(d);
      const page = await d.page(`https://acme.sentry.io/issues/?render=${render}&limit=25`, { viewport: VIEWPORT });
      await listReady(page, 'the list');
      for (let i = 0; i < 3; i++) {
        // Where a user clicks: the title's text.
        await page.evaluate((n) => {
          document.querySelectorAll('[data-scenario-pick]').forEach((e) => e.removeAttribute('data-scenario-pick'));
          const titles = document.querySelectorAll('a[data-issue-title-link] [data-issue-title-primary]');
          titles[n]!.setAttribute('data-scenario-pick', '');
        }, i);
        await page.click('[data-scenario-pick]');
        await page.waitFor(() => /\/issues\/\d+\//.test(location.pathname) || null, null, {
          what: `issue ${i + 1} opened`,
        });
        await page.waitFor(() => document.querySelectorAll('dexter-row').length === 0 || null, null, {
          what: `no row badges on issue ${i + 1}`,
        });
        await page.evaluate(() => history.back(), null);
        await page.waitFor(() => location.pathname === '/issues/' || null, null, { what: 'back on the list' });
        await listReady(page, `back from issue ${i + 1}`);
      }
      // Sentry re-renders the rows as new nodes: badges come back once each.
      await page.evaluate(() => void document.dispatchEvent(new CustomEvent('replica:rerender')), null);
      await listReady(page, 'after a redraw');
      await everyRowDrawn(page, 'after a redraw');
      const firstIds = await page.evaluate(
        () => [...document.querySelectorAll<HTMLElement>('dexter-row')].map((h) => h.dataset.issueId!),
        null,
      );
      await page.click('button[aria-label="Next"]');
      await page.waitFor(() => location.search.includes('cursor=') || null, null, { what: 'the next page' });
      await page.waitFor(
        (old) => {
          const hosts = [...document.querySelectorAll<HTMLElement>('dexter-row')];
          const rows = [...document.querySelectorAll('[data-test-id="group"]')].filter((r) =>
            r.querySelector('[data-test-id="event-issue-header"]'),
          );
          return rows.length > 0 &&
            hosts.length === rows.length &&
            rows.every((r) => r.querySelectorAll('dexter-row').length === 1) &&
            !hosts.some((h) => old.includes(h.dataset.issueId!))
            ? true
            : null;
        },
        firstIds,
        { what: 'the next page’s rows with their own badges only', timeoutMs: 30_000 },
      );
      await everyRowDrawn(page, 'the next page');
      // A search, typed into Sentry's search bar: the rows it finds get badges, and only they.
      const query = 'TypeError';
      await page.click('input[data-test-id="query-builder-input"]');
      await page.evaluate(() => void (document.activeElement as HTMLInputElement).select(), null);
      await page.type(query);
      await page.press('Enter');
      await page.waitFor((q) => new URLSearchParams(location.search).get('query') === q || null, query, {
        what: 'the search in the URL',
      });
      await listReady(page, 'the search result');
      await everyRowDrawn(page, 'the search result');
      const found = await page.evaluate(
        () => [...document.querySelectorAll<HTMLElement>('dexter-row')].map((h) => h.dataset.issueId!),
        null,
      );
      const truth = await apiGet<{ id: string }[]>(
        d.world,
        `/api/0/organizations/acme/issues/?query=${encodeURIComponent(query)}&statsPeriod=14d&limit=100`,
        d.world.sentry.tokens.readWrite,
      );
      check(found.length > 0, 'the search found nothing to check');
      checkEqual(
        found.filter((id) => !truth.some((t) => t.id === id)),
        [],
        'badged rows that the search does not match',
      );
    },
  })),
  {
    name: 'list overlay: a list layout Dexter cannot read breaks nothing — no badges, no page error, the toolbar and the popup say which hooks were missing; a readable list afterwards clears it',
    async run(d) {
      await signedIn(d);
      const watch = d.watch();
      try {
        const page = await d.page('https://acme.sentry.io/issues/?layout=unknown', { viewport: VIEWPORT });
        // What the user sees: "!" on Dexter's toolbar button for this tab, and the popup's notice naming the hooks.
        const tab = await waitForBadge(d, 'https://acme.sentry.io/issues/*', '!');
        const report = await d.ask({ type: 'page.status', tabId: tab });
        check(report.ok, JSON.stringify(report));
        checkEqual(
          { kind: report.data.kind, pattern: report.data.pattern },
          { kind: 'issue-list', pattern: 'https://:org.sentry.io/issues/' },
          'the page report',
        );
        checkEqual(
          report.data.troubles.map((t: { feature: string }) => t.feature),
          ['issue-list'],
          'troubles reported (one, for the list)',
        );
        check(
          report.data.troubles[0].missing.includes('[data-test-id="group"]'),
          `missing hooks: ${JSON.stringify(report.data.troubles[0].missing)}`,
        );
        checkEqual(await page.evaluate(() => document.querySelectorAll('dexter-row').length, null), 0, 'Dexter hosts');
        check((await page.evaluate(() => document.body.innerText.trim().length, null)) > 0, 'Sentry’s page is gone');
        // Quietly: one warning in the console (where the driver sees content scripts' console), nothing uncaught.
        if (watch.contentConsole)
          checkEqual(watch.warnings.filter((w) => w.includes('[Dexter]')).length, 1, 'Dexter’s console warnings');
        checkEqual(watch.errors, [], 'page errors');
        // A list Dexter can read clears it.
        await page.goto('https://acme.sentry.io/issues/?limit=25');
        await everyRowDrawn(page, 'the readable list');
        await waitForBadge(d, 'https://acme.sentry.io/issues/*', '');
        checkEqual(watch.errors, [], 'page errors');
      } finally {
        watch.stop();
      }
    },
  },
  {
    name: 'list overlay: badges follow Sentry’s theme, also when it changes',
    async run(d) {
      await signedIn(d);
      const page = await d.page('https://acme.sentry.io/issues/?theme=dark', { viewport: VIEWPORT });
      await page.waitFor(
        () => !!document.querySelector('dexter-row')?.shadowRoot?.querySelector('.bar') || null,
        null,
        { what: 'a drawn row' },
      );
      check(
        await page.evaluate(
          () => [...document.querySelectorAll('dexter-row')].every((h) => h.hasAttribute('data-dark')),
          null,
        ),
        'a row not dark on a dark page',
      );
      const dark = await page.evaluate(
        () => getComputedStyle(document.querySelector('dexter-row')!.shadowRoot!.querySelector('.bar')!).color,
        null,
      );
      await page.evaluate(() => void document.body.classList.replace('theme-dark', 'theme-light'), null);
      await page.waitFor(
        () => ![...document.querySelectorAll('dexter-row')].some((h) => h.hasAttribute('data-dark')) || null,
        null,
        { what: 'every row light' },
      );
      const light = await page.evaluate(
        () => getComputedStyle(document.querySelector('dexter-row')!.shadowRoot!.querySelector('.bar')!).color,
        null,
      );
      check(light !== dark, `the bar's colour stayed ${dark}`);
    },
  },
  {
    name: 'list overlay: a click in the row beside Dexter’s badges still opens the issue, as in Sentry',
    async run(d) {
      await signedIn(d);
      const page = await d.page('https://acme.sentry.io/issues/', { viewport: VIEWPORT });
      await page.waitFor(
        () =>
          !!document.querySelector('dexter-row')?.shadowRoot?.querySelector('[data-slot="list-priority"] .chip') ||
          null,
        null,
        { what: 'the first row drawn' },
      );
      const at = await page.evaluate(() => {
        const host = document.querySelector('dexter-row')!;
        const box = host.getBoundingClientRect();
        const end = Math.max(
          ...[...host.shadowRoot!.querySelectorAll('[data-slot] > *')].map((e) => e.getBoundingClientRect().right),
        );
        // Just right of the badges, still inside Dexter's host (which spans the cell): Sentry's full-row link takes it.
        return { x: end + 30, y: box.top + box.height / 2, right: box.right };
      }, null);
      check(at.x < at.right, 'no room right of the badges inside the host');
      await page.clickAt(at.x, at.y);
      await page.waitFor(() => /^\/issues\/\d+\/$/.test(location.pathname) || null, null, { what: 'the issue opened' });
    },
  },
  {
    name: 'list overlay: in a title cell too narrow for one line of badges the host grows with them, nothing is clipped; wide again, one line',
    async run(d) {
      await signedIn(d);
      const page = await d.page('https://acme.sentry.io/issues/?layout=div', { viewport: { width: 860, height: 900 } });
      await page.waitFor(
        () =>
          !!document.querySelector('dexter-row')?.shadowRoot?.querySelector('[data-slot="list-sparkline"] svg') || null,
        null,
        { what: 'the first row drawn' },
      );
      await page.waitFor(() => document.querySelector('dexter-row')!.hasAttribute('data-wrap') || null, null, {
        what: 'the first row wrapping',
      });
      const inside = () => {
        const h = document.querySelector('dexter-row')!;
        const box = h.getBoundingClientRect();
        const items = [...(h.shadowRoot?.querySelectorAll('[data-slot] > *') ?? [])].map((e) =>
          e.getBoundingClientRect(),
        );
        return items.length >= 3 && items.every((r) => r.bottom <= box.bottom + 0.5 && r.top >= box.top - 0.5);
      };
      check(await page.evaluate(inside, null), 'a badge sticks out of its wrapped host');
      await page.setViewport(1600, 900);
      await page.waitFor(() => !document.querySelector('dexter-row')!.hasAttribute('data-wrap') || null, null, {
        what: 'one line again',
      });
      check(await page.evaluate(inside, null), 'a badge sticks out of its host');
    },
  },
];

async function waitForBadge(d: Driver, url: string, text: string): Promise<number> {
  for (const until = Date.now() + 15_000; ; await new Promise((r) => setTimeout(r, 200))) {
    const b = await d.inExtension(toolbarBadge, { url });
    if (b && b.text === text) return b.tabId;
    check(Date.now() < until, `the toolbar badge of ${url} is ${JSON.stringify(b?.text)}, not ${JSON.stringify(text)}`);
  }
}
