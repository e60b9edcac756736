// A real day's triage on an org of 4,000 issues per organization (3,500-odd unresolved in 14 days): ranking past the
// first page, the Explorer's stream with Stop, bulk changes with per-issue truth, and request lines that fit 8 KB.
import { test, expect, setToken, setSettings } from './fixtures';
import { priorityScore } from '@/lib/scoring/priority';
import { MAX_REQUEST_LINE } from '@/lib/sentry/request-line';
import { listAll } from './sentry-api';

test.use({ worldIssues: 4000 });

const ACME = { sentry: { org: 'acme', project: '', selfHostedBases: [], useSession: true } };
const LIST = '/api/0/organizations/acme/issues/';
const explorerHash = (q: string) =>
  new URLSearchParams({ apiBase: 'https://acme.sentry.io/api/0', org: 'acme', q }).toString();
const n = (x: number) => x.toLocaleString('en-US');

test('the popup ranks the first 1,000 of 3,500+ issues, with progress, and says so', async ({ ext, world }) => {
  const token = world.sentry.tokens.readWrite;
  await setToken(ext, token);
  await setSettings(ext, ACME);
  // Slow pages, so the progress is there to be seen.
  world.sentry.setFault({ kind: 'slow', delayMs: 300, pathPrefix: LIST, method: 'GET', count: 10 });
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.id}/popup.html`);
  await expect(page.getByRole('progressbar', { name: 'Issues fetched to rank' })).toBeVisible();
  await expect(page.getByText(/^Ranking: [\d,]+ of up to 1,000 fetched…$/)).toBeVisible();

  const asked = () =>
    world.sentry.requests.filter(
      (r) => r.method === 'GET' && r.auth === 'bearer' && r.path.startsWith(`${LIST}?`) && r.path.includes('limit=100'),
    ).length;
  await expect(page.getByText(/^Ranked 1,000 of /)).toBeVisible({ timeout: 30_000 });
  expect(asked()).toBe(10);
  // The same 1,000 as Sentry orders them, and how many match in all.
  const truth = await listAll(
    world,
    'query=is%3Aunresolved&statsPeriod=14d&groupStatsPeriod=24h&sort=date',
    world.sentry.tokens.readOnly,
    1000,
  );
  const total =
    truth.maxHits !== null && truth.hits! >= truth.maxHits ? `more than ${n(truth.maxHits)}` : n(truth.hits!);
  await expect(
    page.getByText(
      `Ranked 1,000 of ${total} unresolved (last 14 days, the 1,000 most recently seen) — narrow the search to rank all.`,
    ),
  ).toBeVisible({ timeout: 30_000 });

  // The top row is the best of all 1,000, not of the first page.
  const scores = truth.issues.map((i) => priorityScore(i, { now: Date.now() }).score);
  const best = Math.max(...scores);
  const top = page.getByRole('grid').getByRole('row').first();
  await expect(top.getByLabel(new RegExp(`^Priority ${best} \\(`))).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('26–50 of 1,000')).toBeVisible();
});

test('the Explorer shows the first 100 rows with the first page, streams the rest, and Stop keeps them', async ({
  ext,
  world,
}) => {
  const token = world.sentry.tokens.readWrite;
  await setToken(ext, token);
  world.sentry.setFault({ kind: 'slow', delayMs: 700, pathPrefix: LIST, method: 'GET', count: 100 });
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.id}/explorer.html#${explorerHash('is:unresolved')}`);
  // The first page's rows show while the next pages come (a loaded machine may see the second page's count first).
  await expect(page.getByText(/^Loading… [12]00 so far$/)).toBeVisible();
  expect(await page.getByRole('grid').getByRole('row').count()).toBeGreaterThan(10);
  await expect(page.getByRole('progressbar', { name: 'Issues fetched to rank' })).toBeVisible();
  await expect(page.getByText(/^Loading… (3|4|5)00 so far$/)).toBeVisible();
  await page.getByRole('button', { name: 'Stop' }).click();
  // Sentry counts matches up to X-Max-Hits: "of 3,576" from a world without it, "of more than 1,000" from one with it.
  const stopped = page.getByText(
    /^Ranked ([\d,]+) of (more than )?[\d,]+ unresolved \(last 14 days\) — stopped; load the rest to rank them too\.$/,
  );
  await expect(stopped).toBeVisible();
  const kept = Number((await stopped.textContent())!.match(/^Ranked ([\d,]+)/)![1]!.replace(/,/g, ''));
  await expect(page.getByText(`${n(kept)} of ${n(kept)} issues`)).toBeVisible();
  world.sentry.setFault(null);
  await page.getByRole('button', { name: 'Load the rest' }).click();
  const all = await listAll(world, 'query=is%3Aunresolved&statsPeriod=14d', world.sentry.tokens.readOnly);
  await expect(page.getByText(`${n(all.issues.length)} of ${n(all.issues.length)} issues`)).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText(`Ranked all ${n(all.issues.length)} unresolved (last 14 days).`)).toBeVisible();
});

test('a bulk change with a failing run and an issue Sentry no longer has reports each issue, and Undo restores the changed ones', async ({
  ext,
  world,
}) => {
  const token = world.sentry.tokens.readWrite;
  await setToken(ext, token);
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.id}/explorer.html#${explorerHash('is:unresolved')}`);
  const all = (await listAll(world, 'query=is%3Aunresolved&statsPeriod=14d', world.sentry.tokens.readOnly)).issues;
  await expect(page.getByText(`${n(all.length)} of ${n(all.length)} issues`)).toBeVisible({ timeout: 30_000 });
  // One issue goes from Sentry after the list loaded; Sentry's PUT would skip it without a word.
  const gone = all[7]!;
  world.sentry.store.issues.delete(gone.id);
  const before = new Map(all.map((i) => [i.id, i.substatus]));
  // The second bulk PUT fails.
  world.sentry.setFault({ kind: '500', pathPrefix: LIST, method: 'PUT', skip: 1, count: 1 });
  const putsBefore = world.sentry.requests.filter((r) => r.method === 'PUT').length;

  await page.getByLabel('Select all loaded issues').check();
  await page.getByRole('button', { name: 'Resolve', exact: true }).click();
  await expect(page.getByText(`Resolve ${n(all.length)} issues? You can undo it afterwards.`)).toBeVisible();
  await page.getByRole('button', { name: `Resolve ${n(all.length)}` }).click();
  const outcome = page.getByText(/^Resolved [\d,]+ · [\d,]+ not changed/);
  await expect(outcome).toBeVisible({ timeout: 60_000 });

  const puts = world.sentry.requests.filter((r) => r.method === 'PUT').slice(putsBefore);
  const failedRun = new URL(puts[1]!.path, 'https://x').searchParams.getAll('id');
  expect(puts[1]!.status).toBe(500);
  expect(puts.flatMap((p) => new URL(p.path, 'https://x').searchParams.getAll('id'))).not.toContain(gone.id);
  const [changed, unchanged] = (await outcome.textContent())!.match(/[\d,]+/g)!.map((x) => Number(x.replace(/,/g, '')));
  expect(unchanged).toBe(failedRun.length + 1);
  expect(changed).toBe(all.length - unchanged!);
  await expect(page.getByText(`${n(unchanged!)} selected`, { exact: true })).toBeVisible();
  const statusOf = (id: string) => world.sentry.store.issues.get(id)?.status;
  expect(failedRun.every((id) => statusOf(id) === 'unresolved')).toBe(true);
  expect(
    all.filter((i) => i.id !== gone.id && !failedRun.includes(i.id)).every((i) => statusOf(i.id) === 'resolved'),
  ).toBe(true);

  // Each row says what happened to it.
  const filter = page.getByLabel('Filter loaded issues');
  const failedOne = all.find((i) => i.id === failedRun[0])!;
  await filter.fill(failedOne.shortId);
  await expect(
    page.getByText(`${failedOne.shortId} · Not changed: Sentry said: “Internal Error” (HTTP 500).`),
  ).toBeVisible();
  await filter.fill(gone.shortId);
  await expect(
    page.getByText(
      /Not changed: Sentry has no such issue in this organization now \(deleted or merged\?\); nothing was sent for it\./,
    ),
  ).toBeVisible();
  await filter.fill('');

  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(page.getByText(`Undone for ${n(changed!)}`)).toBeVisible({ timeout: 60_000 });
  const back = all.filter((i) => i.id !== gone.id);
  expect(back.every((i) => statusOf(i.id) === 'unresolved')).toBe(true);
  // Exactly as before: new, regressed, escalating and ongoing came back as they were.
  expect(back.filter((i) => world.sentry.store.issues.get(i.id)!.substatus !== before.get(i.id))).toEqual([]);
});

test('bulk requests stay under nginx’s 8 KB request line, and every issue is changed', async ({ ext, world }) => {
  const token = world.sentry.tokens.readWrite;
  await setToken(ext, token);
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.id}/explorer.html#${explorerHash('is:unresolved')}`);
  const all = (await listAll(world, 'query=is%3Aunresolved&statsPeriod=14d', world.sentry.tokens.readOnly)).issues;
  expect(all.length).toBeGreaterThan(1000);
  await expect(page.getByText(`${n(all.length)} of ${n(all.length)} issues`)).toBeVisible({ timeout: 30_000 });
  const from = world.sentry.requests.length;
  await page.getByLabel('Select all loaded issues').check();
  await expect(page.getByText(`${n(all.length)} selected`, { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Ignore', exact: true }).click();
  await page.getByRole('button', { name: `Ignore ${n(all.length)}` }).click();
  await expect(page.getByText(`Ignored ${n(all.length)}`)).toBeVisible({ timeout: 60_000 });
  const bulk = world.sentry.requests
    .slice(from)
    .filter((r) => r.path.startsWith(LIST) && (r.method === 'PUT' || r.path.includes('group=')));
  const line = (r: { method: string; path: string }) => Buffer.byteLength(`${r.method} ${r.path} HTTP/1.1\r\n`);
  expect(bulk.every((r) => line(r) <= MAX_REQUEST_LINE && r.status < 400)).toBe(true);
  const puts = bulk.filter((r) => r.method === 'PUT');
  // A thousand ids would be ~14 KB: the runs are cut by length (~470 ten-digit ids), so more PUTs than 1,000-id chunks.
  expect(puts.length).toBeGreaterThan(Math.ceil(all.length / 1000));
  expect(Math.max(...bulk.map(line))).toBeGreaterThan(MAX_REQUEST_LINE - 100);
  expect(all.every((i) => world.sentry.store.issues.get(i.id)!.status === 'ignored')).toBe(true);
});
