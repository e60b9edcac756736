// Issue #17 on Dexter's own pages, against the world's Sentry and Ollama: one line per issue for the rows in view in
// the popup and the Explorer (the model asked with structured output; leaving the list drops what still waits), the
// Explorer's filter by suspected cause, and the on-call digest with its cited narrative.
import { check, setSettings, setToken, type Driver, type Scenario } from './driver';

const MODEL = 'llama3.2:latest';
const SETTINGS = {
  sentry: { org: 'acme', project: '', selfHostedBases: [], useSession: true },
  llm: { model: MODEL, url: 'http://127.0.0.1:11434' },
  insights: { autoSummaries: false },
};

const chats = (d: Driver) => d.world.ollama.requests.filter((r) => r.path === '/api/chat');
const bodyHas = (text: string) => document.body?.innerText.includes(text) ?? false;

async function ready(d: Driver): Promise<void> {
  await setToken(d, d.world.sentry.tokens.readWrite);
  await setSettings(d, SETTINGS);
  d.world.ollama.setMode('normal');
  d.world.ollama.setAnswer(undefined); // an earlier flow's fixed answer would not follow the schema
  d.world.ollama.setStructured('follow');
  // Summaries are kept per issue event and model (storage.local, `summary:`): lines another flow left (the list
  // overlay's automatic summaries) must not stand in for the ones this flow asks for.
  await d.inExtension(async () => {
    const api = ((globalThis as any).browser ?? (globalThis as any).chrome).storage.local;
    await api.remove(Object.keys(await api.get(null)).filter((k) => k.startsWith('summary:')));
  }, null);
}

/** The popup's rows: how many, and how many show a model's line with its cause tag. */
function popupLines(): { rows: number; lines: number; causes: string[] } {
  const rows = [...document.querySelectorAll('[role="grid"] [role="row"]')];
  const lines = rows
    .map((r) => r.querySelector('[data-testid="summary-line"]'))
    .filter((l) => l && !/summarizing/.test(l.textContent ?? ''));
  const causes = lines.map((l) => l!.querySelector('[data-cause]')?.getAttribute('data-cause') ?? '');
  return { rows: rows.length, lines: lines.length, causes };
}

/** The Explorer's rows in the DOM (the virtual table's), each with its summary cell's line and cause. */
function explorerLines(): { id: string; line: string; cause: string }[] {
  return [...document.querySelectorAll('[role="grid"] [role="rowgroup"] [role="row"]')].map((r) => {
    const cell = r.querySelectorAll('[role="gridcell"]')[2];
    const parts = cell ? [...cell.children].map((c) => c.textContent ?? '') : [];
    return {
      id: r.id.replace('explorer-row-', ''),
      line: parts[0] ?? '',
      cause: (parts[1] ?? '').replace(/ · \d+%$/, ''),
    };
  });
}

export const scenarios: Scenario[] = [
  {
    name: 'popup: ✦ Summarize writes a line and a cause under the rows shown; leaving the list drops what still waits',
    async run(d) {
      await ready(d);
      const popup = await d.extensionPage('popup.html');
      await popup.waitFor(() => document.querySelectorAll('[role="grid"] [role="row"]').length >= 5, null, {
        what: 'the popup’s issues',
        timeoutMs: 30_000,
      });
      const before = chats(d).length;
      check((await popup.evaluate(popupLines, null)).lines === 0, 'summaries came before anyone asked');
      await popup.click('button[aria-pressed] :text=Summarize');
      const done = await popup.waitFor(
        () => {
          const rows = document.querySelectorAll('[role="grid"] [role="row"]').length;
          const lines = [...document.querySelectorAll('[data-testid="summary-line"]')].filter(
            (l) => !/summarizing/.test(l.textContent ?? ''),
          ).length;
          return lines === rows ? lines : 0;
        },
        null,
        { what: 'a line under every row of the page', timeoutMs: 60_000 },
      );
      const seen = await popup.evaluate(popupLines, null);
      check(seen.causes.filter(Boolean).length > 0, `no cause tag: ${JSON.stringify(seen)}`);
      const asked = chats(d).slice(before);
      check(asked.length > 0 && asked.length <= done, `the model was asked ${asked.length} times for ${done} rows`);
      const format = asked[0]!.body?.format as { properties?: Record<string, unknown> } | undefined;
      check(
        !!format?.properties?.summary && !!format.properties.cause && !!format.properties.confidence,
        `not asked for the summary's schema: ${JSON.stringify(format)}`,
      );

      // A slow model: the next page's rows wait in the background's queue, one at a time; the Digest tab leaves the list.
      d.world.ollama.setMode('slow-first-token');
      await popup.click('button :text=Next');
      await popup.waitFor(
        () =>
          document.querySelectorAll('[data-testid="summary-line"]').length > 0 &&
          [...document.querySelectorAll('[data-testid="summary-line"]')].some((l) =>
            /summarizing/.test(l.textContent ?? ''),
          ),
        null,
        { what: 'the next page asking' },
      );
      await new Promise((r) => setTimeout(r, 500));
      await popup.click('[role="tab"] :text=Digest');
      const left = chats(d).length;
      await new Promise((r) => setTimeout(r, 4000));
      // At most the one call that was running when the list was left (it is aborted, its request already sent).
      check(chats(d).length - left <= 1, `${chats(d).length - left} model calls after the list was left`);
      d.world.ollama.setMode('normal');
    },
  },
  {
    name: 'popup: the digest of the last 24 hours, and a narrative whose statements citing no real issue are dropped and said',
    async run(d) {
      await ready(d);
      const popup = await d.extensionPage('popup.html');
      await popup.click('[role="tab"] :text=Digest');
      await popup.waitFor(bodyHas, 'issues seen', { what: 'the digest’s totals', timeoutMs: 30_000 });
      await popup.waitFor(bodyHas, 'By project and release', { what: 'the digest’s groups' });
      d.world.ollama.setStructured('bad-citations');
      await popup.click('button :text=Write the narrative');
      await popup.waitFor(bodyHas, 'Dropped 2 statements:', { what: 'the dropped statements', timeoutMs: 60_000 });
      const narrative = await popup.evaluate(() => {
        const region = document.querySelector('[aria-label="Narrative"]')!;
        return {
          text: region.textContent ?? '',
          links: [...region.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? ''),
        };
      }, null);
      check(
        /cites NOPE-404, which is not in the digest/.test(narrative.text),
        `the made-up citation is not reported: ${narrative.text}`,
      );
      check(/it cites no issue/.test(narrative.text), `the uncited statement is not reported: ${narrative.text}`);
      check(
        narrative.links.length > 0 &&
          narrative.links.every((h) => /^https:\/\/[^/]*sentry\.io\/.*issues\/\d+\/$/.test(h)),
        `cited issues are not links to Sentry: ${narrative.links.join(' ')}`,
      );
      d.world.ollama.setStructured('follow');
    },
  },
  {
    name: 'Explorer: only the rows in view are summarised, filtered by suspected cause, and the digest is one tab away',
    async run(d) {
      await ready(d);
      const hash = new URLSearchParams({
        apiBase: 'https://acme.sentry.io/api/0',
        org: 'acme',
        q: 'is:unresolved',
      }).toString();
      const page = await d.extensionPage(`explorer.html#${hash}`);
      const total = await page.waitFor(
        () =>
          Number(
            /^([\d,]+) of \1 issues$/
              .exec(document.body.innerText.match(/[\d,]+ of [\d,]+ issues/)?.[0] ?? '')?.[1]
              ?.replace(/,/g, '') ?? 0,
          ),
        null,
        { what: 'the issues loaded', timeoutMs: 30_000 },
      );
      const before = chats(d).length;
      await page.click('button[aria-pressed] :text=Summarize');
      const rows = await page.waitFor(
        () => {
          const cells = [...document.querySelectorAll('[role="grid"] [role="rowgroup"] [role="row"]')].map(
            (r) => r.querySelectorAll('[role="gridcell"]')[2]?.textContent ?? '',
          );
          return cells.length && cells.filter((t) => t && !/summarizing/.test(t)).length >= Math.min(cells.length, 10)
            ? cells.length
            : 0;
        },
        null,
        { what: 'lines in the summary column', timeoutMs: 60_000 },
      );
      const lines = (await page.evaluate(explorerLines, null)).filter((r) => r.cause);
      check(lines.length > 0, 'no row shows a cause');
      const asked = chats(d).length - before;
      check(asked <= rows && asked < total, `the model was asked ${asked} times with ${rows} rows mounted of ${total}`);

      // Filter by the first row's cause: every row left shows it.
      const cause = lines[0]!.cause;
      await page.evaluate((words) => {
        const select = [...document.querySelectorAll('select')].find(
          (s) => s.labels?.[0]?.textContent === 'Suspected cause',
        )!;
        const option = [...select.options].find((o) => o.textContent === words)!;
        select.value = option.value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }, cause);
      await page.waitFor(
        (words) => {
          const causes = [...document.querySelectorAll('[role="grid"] [role="rowgroup"] [role="row"]')].map((r) =>
            (r.querySelectorAll('[role="gridcell"]')[2]?.children[1]?.textContent ?? '').replace(/ · \d+%$/, ''),
          );
          return causes.length > 0 && causes.every((c) => c === words);
        },
        cause,
        { what: `only rows whose cause is ${cause}` },
      );

      await page.click('[role="tab"] :text=Digest');
      await page.waitFor(bodyHas, 'issues seen', { what: 'the digest', timeoutMs: 30_000 });
      await page.waitFor(
        () => [...document.querySelectorAll('button')].some((b) => b.textContent === 'Export digest'),
        null,
        { what: 'the digest’s exports' },
      );
    },
  },
];
