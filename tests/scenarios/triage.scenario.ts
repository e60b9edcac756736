// Quick triage against the world's Sentry, in the popup and the Explorer: keys, bulk changes, a failed change, Undo,
// and Sentry's Link cursors both ways. Every check reads Sentry's own API (the replica's), not what Dexter shows.
// A world of its own: these flows resolve and ignore issues, and paging needs three pages (150 issues).
import { apiGet } from '../world/world';
import { listAll } from '../e2e/sentry-api';
import { check, checkEqual, setSettings, setToken, type Driver, type DriverPage, type Scenario } from './driver';
import { bodyHas, choose, explorerPath } from './ui-helpers';

const WORLD = { key: 'triage', issues: 150 };
const ACME = { sentry: { org: 'acme', project: '', selfHostedBases: [], useSession: true } };

const statusOf = async (d: Driver, id: string): Promise<any> =>
  apiGet(d.world, `/api/0/organizations/acme/issues/${id}/`, d.world.sentry.tokens.readWrite);

/** The popup's triage list, loaded, with keyboard focus on its grid (where a user's Tab or click puts it). */
async function popupGrid(d: Driver): Promise<DriverPage> {
  await setToken(d, d.world.sentry.tokens.readWrite);
  await setSettings(d, ACME);
  const popup = await d.extensionPage('popup.html');
  await popup.waitFor(() => document.querySelectorAll('[role="grid"] [role="row"]').length > 3 || null, null, {
    what: 'the triage list',
    timeoutMs: 30_000,
  });
  await popup.evaluate(() => (document.querySelector('[role="grid"]') as HTMLElement).focus(), null);
  return popup;
}

/** Issue ids of the popup's rows, in order, and which are selected. */
const rows = () =>
  [...document.querySelectorAll('[role="grid"] [role="row"]')].map((r) => ({
    id: r.id.replace('issue-row-', ''),
    selected: r.getAttribute('aria-selected') === 'true',
  }));
/** The bulk bar's outcome line. */
const outcome = () => document.querySelector('[aria-label="Bulk actions"] [role="status"]')?.textContent ?? null;

export const scenarios: Scenario[] = [
  {
    name: 'popup triage by keyboard: r resolves the focused issue in Sentry, Undo makes it unresolved again',
    world: WORLD,
    async run(d) {
      const popup = await popupGrid(d);
      const [first] = await popup.evaluate(rows, null);
      checkEqual((await statusOf(d, first!.id)).status, 'unresolved', 'the first row’s status before');
      await popup.press('r');
      await popup.waitFor((t) => document.body.innerText.includes(t) || null, 'Resolved 1', {
        what: 'Resolved 1',
        timeoutMs: 20_000,
      });
      checkEqual((await statusOf(d, first!.id)).status, 'resolved', 'the issue’s status in Sentry after r');
      await popup.click('[aria-label="Bulk actions"] button :text=Undo');
      await popup.waitFor(bodyHas, 'Undone for 1', { what: 'Undone for 1', timeoutMs: 20_000 });
      checkEqual((await statusOf(d, first!.id)).status, 'unresolved', 'the issue’s status in Sentry after Undo');
    },
  },
  {
    name: 'popup bulk ignore by keyboard: a failed PUT changes nothing and keeps the rows selected with the reason; once Sentry recovers, i ignores all three and Undo restores them',
    world: WORLD,
    async run(d) {
      const popup = await popupGrid(d);
      // x selects, j moves down: three rows.
      for (const key of ['x', 'j', 'x', 'j', 'x']) await popup.press(key);
      const picked = await popup.waitFor(
        () => {
          const sel = [...document.querySelectorAll('[role="grid"] [role="row"][aria-selected="true"]')].map((r) =>
            r.id.replace('issue-row-', ''),
          );
          return sel.length === 3 ? sel : null;
        },
        null,
        { what: 'three rows selected' },
      );
      checkEqual(
        picked,
        (await popup.evaluate(rows, null)).slice(0, 3).map((r) => r.id),
        'the selected rows are the first three',
      );
      for (const id of picked) checkEqual((await statusOf(d, id)).status, 'unresolved', `issue ${id} before`);
      d.world.sentry.setFault({
        kind: '500',
        method: 'PUT',
        pathPrefix: '/api/0/organizations/acme/issues/',
        count: 1,
      });
      try {
        await popup.press('i');
        const failed = await popup.waitFor(outcome, null, {
          what: 'the outcome of the failed change',
          timeoutMs: 20_000,
        });
        check(/Ignored 0 · 3 not changed/.test(failed), `the outcome after a failed PUT: ${failed}`);
      } finally {
        d.world.sentry.setFault(null);
      }
      for (const id of picked)
        checkEqual((await statusOf(d, id)).status, 'unresolved', `issue ${id} after the failed change`);
      checkEqual(
        (await popup.evaluate(rows, null))
          .filter((r) => r.selected)
          .map((r) => r.id)
          .sort(),
        [...picked].sort(),
        'rows kept selected after the failure',
      );
      // Each failed row says why: Sentry's 500, in its own row.
      const reasons = await popup.evaluate(
        (ids) => ids.map((id) => document.getElementById(`issue-row-${id}`)?.textContent ?? ''),
        picked,
      );
      for (const r of reasons) check(/\(HTTP 500\)/.test(r), `a failed row does not say why: ${r.slice(0, 300)}`);
      // Sentry is back: the same keys ignore the still-selected three.
      await popup.evaluate(() => (document.querySelector('[role="grid"]') as HTMLElement).focus(), null);
      await popup.press('i');
      await popup.waitFor(
        (t) =>
          document.querySelector('[aria-label="Bulk actions"] [role="status"]')?.textContent?.startsWith(t) || null,
        'Ignored 3',
        { what: 'Ignored 3', timeoutMs: 20_000 },
      );
      for (const id of picked) checkEqual((await statusOf(d, id)).status, 'ignored', `issue ${id} in Sentry after i`);
      await popup.click('[aria-label="Bulk actions"] button :text=Undo');
      await popup.waitFor(
        (t) =>
          document.querySelector('[aria-label="Bulk actions"] [role="status"]')?.textContent?.startsWith(t) || null,
        'Undone for 3',
        { what: 'Undone for 3', timeoutMs: 20_000 },
      );
      for (const id of picked)
        checkEqual((await statusOf(d, id)).status, 'unresolved', `issue ${id} in Sentry after Undo`);
    },
  },
  {
    name: 'the popup pages through Sentry’s own order with its Link cursors, Next and Previous',
    world: WORLD,
    async run(d) {
      const token = d.world.sentry.tokens.readWrite;
      await setToken(d, token);
      await setSettings(d, ACME);
      const truth = await listAll(d.world, 'query=is%3Aunresolved&statsPeriod=14d&sort=date', token);
      check(truth.issues.length > 50, `only ${truth.issues.length} unresolved issues`);
      const popup = await d.extensionPage('popup.html');
      await popup.waitFor(bodyHas, `Ranked all ${truth.issues.length} unresolved (last 14 days).`, {
        what: 'the ranked count',
        timeoutMs: 30_000,
      });
      await choose(popup, 'Sort by', 'date');
      const first = (id: string) =>
        popup.waitFor(
          (want) => document.querySelector('[role="grid"] [role="row"]')?.id === want || null,
          `issue-row-${id}`,
          { what: `issue ${id} first`, timeoutMs: 20_000 },
        );
      const idOf = (n: number) => String(truth.issues[n].id);
      await first(idOf(0));
      await popup.waitFor(bodyHas, `${truth.hits!.toLocaleString('en-US')} matching in Sentry`, {
        what: 'Sentry’s hit count',
      });
      checkEqual(
        await popup.evaluate(
          () => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Previous')?.disabled,
          null,
        ),
        true,
        'Previous on the first page disabled',
      );
      for (const [button, n] of [
        ['Next', 25],
        ['Next', 50],
        ['Previous', 25],
        ['Previous', 0],
      ] as const) {
        await popup.click(`button :text=${button}`);
        await first(idOf(n));
      }
      // Previous went back by the Link header's `previous` cursor (…:1), not by refetching from the start.
      const backwards = d.world.sentry.requests.filter(
        (r) => r.method === 'GET' && /\/issues\/\?.*cursor=[^&]*(%3A|:)1(&|$)/.test(r.path),
      );
      check(backwards.length >= 2, `Previous used the previous cursor ${backwards.length} times`);
    },
  },
  {
    name: 'Explorer Unresolve then Undo puts back an ignore-until and a resolved-in-next-release exactly',
    world: WORLD,
    async run(d) {
      const token = d.world.sentry.tokens.readWrite;
      await setToken(d, token);
      const store = d.world.sentry.store;
      const acme = store.findOrg('acme')!;
      const probe = `UndoProbe${Date.now()}`;
      const [a, b] = [...store.issues.values()].filter(
        (i) => i.orgId === acme.id && i.status === 'unresolved' && i.lastSeen > Date.now() - 3 * 86_400_000,
      );
      check(a && b, 'two recent unresolved issues');
      const until = new Date(Date.now() + 3 * 3_600_000);
      Object.assign(a, {
        title: `${probe} ignored until later`,
        status: 'ignored',
        substatus: 'archived_until_condition_met',
        statusDetails: {
          ignoreUntil: until.toISOString(),
          ignoreCount: null,
          ignoreWindow: null,
          ignoreUserCount: null,
          ignoreUserWindow: null,
          actor: null,
        },
      });
      Object.assign(b, {
        title: `${probe} resolved in next release`,
        status: 'resolved',
        substatus: null,
        statusDetails: { inNextRelease: true, actor: null },
      });
      // Any status, the two by their title: Sentry's search answers with exactly them.
      const page = await d.extensionPage(explorerPath(probe));
      await page.waitFor(bodyHas, '2 of 2 issues', { what: 'the two probes', timeoutMs: 30_000 });
      await page.click('input[aria-label="Select all loaded issues"]');
      await page.click('button :text=Unresolve');
      await page.waitFor(bodyHas, 'Unresolved 2', { what: 'Unresolved 2', timeoutMs: 20_000 });
      checkEqual((await statusOf(d, a.id)).status, 'unresolved', 'the ignored probe after Unresolve');
      checkEqual((await statusOf(d, b.id)).status, 'unresolved', 'the resolved probe after Unresolve');
      await page.click('[aria-label="Bulk actions"] button :text=Undo');
      await page.waitFor(bodyHas, 'Undone for 2', { what: 'Undone for 2', timeoutMs: 20_000 });
      const ignored = await statusOf(d, a.id);
      checkEqual(ignored.status, 'ignored', 'the ignored probe after Undo');
      // Sentry takes the snooze back as minutes from now (the world keeps them as sent; Sentry shows the end time).
      const minutesLeft = (until.getTime() - Date.now()) / 60_000;
      const restored = ignored.statusDetails.ignoreUntil
        ? (Date.parse(ignored.statusDetails.ignoreUntil) - Date.now()) / 60_000
        : Number(ignored.statusDetails.ignoreDuration);
      check(Math.abs(restored - minutesLeft) < 2, `the snooze came back as ${restored} minutes, not ${minutesLeft}`);
      const resolved = await statusOf(d, b.id);
      checkEqual(
        [resolved.status, resolved.statusDetails?.inNextRelease],
        ['resolved', true],
        'the resolved probe after Undo',
      );
    },
  },
];
