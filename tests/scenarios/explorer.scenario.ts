// The Explorer against the world's Sentry: every unresolved issue of the org loads (the table stays virtual), the
// text filter narrows to exactly the issues Sentry's data says match, the detail panel shows the clicked issue, and
// the three exports (read from where the browser saved them) hold exactly the selected issues as Sentry has them.
import Papa from 'papaparse';
import { listAll } from '../e2e/sentry-api';
import { check, checkEqual, setToken, type Scenario } from './driver';
import { bodyHas, explorerPath, exportSelected, fill } from './ui-helpers';

/** Ids of the table's drawn rows, in order. */
const drawnIds = () =>
  [...document.querySelectorAll<HTMLElement>('[role="grid"] [role="row"][id^="explorer-row-"]')].map((r) =>
    r.id.replace('explorer-row-', ''),
  );

export const scenarios: Scenario[] = [
  {
    name: 'Explorer: loads every unresolved issue of the org in a virtual table, filters to exactly the matching issues, opens the clicked issue’s details, and exports the selection as CSV, JSON and Markdown',
    timeoutMs: 180_000,
    async run(d) {
      const token = d.world.sentry.tokens.readWrite;
      await setToken(d, token);
      const settings = await d.ask({ type: 'settings.get' });
      check(settings.ok, JSON.stringify(settings));
      const period = settings.data.list.statsPeriod as string;
      const truth = (await listAll(d.world, `query=is%3Aunresolved&statsPeriod=${period}`, token)).issues;
      check(truth.length > 30, `only ${truth.length} unresolved issues: the table would not need to be virtual`);
      const n = truth.length.toLocaleString('en-US');
      const page = await d.extensionPage(explorerPath('is:unresolved'));
      await page.waitFor(bodyHas, `${n} of ${n} issues`, { what: `all ${n} issues loaded`, timeoutMs: 60_000 });
      const drawn = await page.evaluate(drawnIds, null);
      check(
        drawn.length > 1 && drawn.length < truth.length,
        `${drawn.length} rows drawn for ${n} issues: the table is not virtual`,
      );

      // The filter: every word must be in the title, culprit or short id (case-insensitive), as the label promises.
      const words = String(truth[Math.floor(truth.length / 2)].title)
        .split(/\s+/)
        .filter((w) => w.length > 3)
        .slice(0, 2);
      check(words.length > 0, 'no words to filter by');
      const text = words.join(' ');
      const matching = truth.filter((i) =>
        words.every((w) => `${i.title}\n${i.culprit ?? ''}\n${i.shortId}`.toLowerCase().includes(w.toLowerCase())),
      );
      check(matching.length < truth.length, `“${text}” matches every issue: the filter check would prove nothing`);
      await fill(page, 'Filter loaded issues', text);
      await page.waitFor(bodyHas, `${matching.length.toLocaleString('en-US')} of ${n} issues`, {
        what: `${matching.length} issues matching “${text}”`,
        timeoutMs: 20_000,
      });
      const shown = await page.waitFor(
        (want) => {
          const ids = [
            ...document.querySelectorAll<HTMLElement>('[role="grid"] [role="row"][id^="explorer-row-"]'),
          ].map((r) => r.id.replace('explorer-row-', ''));
          return ids.length > 0 && ids.length <= want ? ids : null;
        },
        matching.length,
        { what: 'the filtered rows' },
      );
      const matchIds = new Set(matching.map((i) => String(i.id)));
      checkEqual(
        shown.filter((id) => !matchIds.has(id)),
        [],
        'rows shown that do not match the filter',
      );

      // The detail panel of the clicked row: its title, short id and status as Sentry has them.
      const picked = matching
        .slice(0, 2)
        .map((i) => String(i.id))
        .filter((id) => shown.includes(id));
      check(picked.length >= 1, 'no matching row drawn');
      const first = truth.find((i) => String(i.id) === picked[0])!;
      await page.click(`#explorer-row-${picked[0]} div[title]`);
      await page.waitFor(
        (arg) => {
          const panel = document.querySelector('[aria-label="Issue details"]');
          const text = panel?.textContent ?? '';
          return (text.includes(arg.title) && text.includes(arg.shortId) && text.includes(arg.status)) || null;
        },
        { title: String(first.title).slice(0, 80), shortId: String(first.shortId), status: String(first.status) },
        { what: `the details of ${first.shortId}`, timeoutMs: 30_000 },
      );

      for (const id of picked) await page.click(`#explorer-row-${id} input[type="checkbox"]`);
      const files = await exportSelected(page, picked.length);
      const expected = picked
        .map((id) => truth.find((i) => String(i.id) === id)!)
        .map((i) => ({ id: String(i.id), shortId: i.shortId, title: i.title, status: i.status }));
      const byId = (a: { id?: string }, b: { id?: string }) => String(a.id).localeCompare(String(b.id));
      const json = JSON.parse(files.json) as {
        id: string;
        shortId: string;
        title: string;
        status: string;
        link: string;
      }[];
      checkEqual(
        json.map((r) => ({ id: r.id, shortId: r.shortId, title: r.title, status: r.status })).sort(byId),
        [...expected].sort(byId),
        'the JSON export against Sentry',
      );
      for (const r of json)
        check(
          r.link.includes(r.id) && r.link.startsWith('https://acme.sentry.io/'),
          `the JSON link of ${r.id}: ${r.link}`,
        );
      const csv = Papa.parse<Record<string, string>>(files.csv.replace(/^\uFEFF/, ''), {
        header: true,
        skipEmptyLines: true,
      }).data;
      checkEqual(
        csv.map((r) => ({ id: r.id, shortId: r.shortId, title: r.title, status: r.status })).sort(byId),
        [...expected].sort(byId),
        'the CSV export against Sentry',
      );
      // The report escapes Markdown syntax (a short id's '-' too): read it as the rendered text would.
      const md = files.md.replace(/\\(.)/g, '$1');
      checkEqual((md.match(/^## /gm) ?? []).length, picked.length, 'issues in the Markdown report');
      for (const e of expected)
        check(
          md.includes(`**Issue:** ${e.shortId}`) && md.includes(`**Status:** ${e.status}`),
          `the Markdown report lacks ${e.shortId} as Sentry has it`,
        );
    },
  },
];
