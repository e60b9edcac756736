// Quick triage against the world's Sentry: Sentry's Link cursors both ways in the popup, and an undo that puts back
// what a plain status cannot say (ignore until a time, resolved in the next release).
import { test, expect, setToken, setSettings } from './fixtures';
import { apiGet } from '../world/world';
import { listAll } from './sentry-api';

const ACME = { sentry: { org: 'acme', project: '', selfHostedBases: [], useSession: true } };
// A world of its own: other specs resolve and ignore issues in theirs, and this one pages through three pages.
test.use({ worldIssues: 150 });

test('the popup pages through Sentry’s own order with its Link cursors, Next and Previous', async ({ ext, world }) => {
  const token = world.sentry.tokens.readWrite;
  await setToken(ext, token);
  await setSettings(ext, ACME);
  const truth = await listAll(world, 'query=is%3Aunresolved&statsPeriod=14d&sort=date', token);
  expect(truth.issues.length).toBeGreaterThan(50);
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.id}/popup.html`);
  await expect(page.getByText(`Ranked all ${truth.issues.length} unresolved (last 14 days).`)).toBeVisible();
  await page.getByLabel('Sort by').selectOption('date');
  const grid = page.getByRole('grid');
  const first = () => grid.getByRole('row').first().getAttribute('id');
  const idOf = (n: number) => `issue-row-${truth.issues[n].id}`;
  await expect.poll(first).toBe(idOf(0));
  await expect(page.getByText(`${truth.hits!.toLocaleString('en-US')} matching in Sentry`)).toBeVisible();
  const previous = page.getByRole('button', { name: 'Previous' });
  const next = page.getByRole('button', { name: 'Next' });
  await expect(previous).toBeDisabled();
  await next.click();
  await expect.poll(first).toBe(idOf(25));
  await next.click();
  await expect.poll(first).toBe(idOf(50));
  await previous.click();
  await expect.poll(first).toBe(idOf(25));
  await previous.click();
  await expect.poll(first).toBe(idOf(0));
  // Previous went back by the Link header's `previous` cursor (…:1), not by refetching from the start.
  const backwards = world.sentry.requests.filter((r) => r.method === 'GET' && /\/issues\/\?.*cursor=[^&]*(%3A|:)1(&|$)/.test(r.path));
  expect(backwards.length).toBeGreaterThanOrEqual(2);
});

test('undo puts back an ignore-until and a resolved-in-next-release exactly', async ({ ext, world }) => {
  const token = world.sentry.tokens.readWrite;
  await setToken(ext, token);
  const store = world.sentry.store;
  const acme = store.findOrg('acme')!;
  const [a, b] = [...store.issues.values()].filter((i) => i.orgId === acme.id && i.status === 'unresolved' && i.lastSeen > Date.now() - 3 * 86_400_000);
  const until = new Date(Date.now() + 3 * 3_600_000);
  Object.assign(a!, { title: 'UndoProbe ignored until later', status: 'ignored', substatus: 'archived_until_condition_met', statusDetails: { ignoreUntil: until.toISOString(), ignoreCount: null, ignoreWindow: null, ignoreUserCount: null, ignoreUserWindow: null, actor: null } });
  Object.assign(b!, { title: 'UndoProbe resolved in next release', status: 'resolved', substatus: null, statusDetails: { inNextRelease: true, actor: null } });

  const page = await ext.context.newPage();
  // Any status, the two by their title: Sentry's search answers with exactly them.
  const hash = new URLSearchParams({ apiBase: 'https://acme.sentry.io/api/0', org: 'acme', q: 'UndoProbe' }).toString();
  await page.goto(`chrome-extension://${ext.id}/explorer.html#${hash}`);
  await expect(page.getByText('2 of 2 issues')).toBeVisible();
  await page.getByLabel('Select all loaded issues').check();
  await page.getByRole('button', { name: 'Unresolve', exact: true }).click();
  await expect(page.getByText('Unresolved 2')).toBeVisible();
  expect((await apiGet(world, `/api/0/organizations/acme/issues/${a!.id}/`, token)).status).toBe('unresolved');
  expect((await apiGet(world, `/api/0/organizations/acme/issues/${b!.id}/`, token)).status).toBe('unresolved');

  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(page.getByText('Undone for 2')).toBeVisible();
  await expect(page.getByText(/✓ Undone$/)).toHaveCount(2);
  const ignored = await apiGet(world, `/api/0/organizations/acme/issues/${a!.id}/`, token);
  expect(ignored.status).toBe('ignored');
  // Sentry takes the snooze back as minutes from now (the world keeps them as sent; Sentry shows the end time).
  const minutesLeft = (until.getTime() - Date.now()) / 60_000;
  const restored = ignored.statusDetails.ignoreUntil ? (Date.parse(ignored.statusDetails.ignoreUntil) - Date.now()) / 60_000 : Number(ignored.statusDetails.ignoreDuration);
  expect(Math.abs(restored - minutesLeft)).toBeLessThan(2);
  const resolved = await apiGet(world, `/api/0/organizations/acme/issues/${b!.id}/`, token);
  expect(resolved).toMatchObject({ status: 'resolved', statusDetails: { inNextRelease: true } });
});
