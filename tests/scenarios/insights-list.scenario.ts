// Issue #17 on Sentry's own issue list, in every browser: a one-line summary per row (on a click of its ✦, or
// automatically for the rows in view), "≈ N similar" exactly where Dexter's index has similar issues, and the
// protocol answers behind the views (similar issues of one issue; the digest with and without a model).
import { CAUSE_LABELS } from '../../lib/summary/causes';
import { check, checkEqual, setSettings, setToken, type Driver, type Scenario } from './driver';
import { everyRowDrawn } from './list-helpers';

const MODEL = 'llama3.2:latest';
const target = { apiBase: 'https://acme.sentry.io/api/0', org: 'acme' };
const chats = (d: Driver) => d.world.ollama.requests.filter((r) => r.path === '/api/chat');

async function ready(d: Driver, autoSummaries: boolean): Promise<void> {
  await setToken(d, d.world.sentry.tokens.readWrite);
  await setSettings(d, { llm: { model: MODEL, url: 'http://127.0.0.1:11434' }, insights: { autoSummaries } });
  d.world.ollama.setMode('normal');
  d.world.ollama.setAnswer(undefined); // an earlier flow's fixed answer would not follow the schema
  d.world.ollama.setStructured('follow');
  await forgetSummaries(d);
}

/** Summaries are kept per issue event and model (storage.local, `summary:`): a flow must not meet one another left. */
async function forgetSummaries(d: Driver): Promise<void> {
  await d.inExtension(async () => {
    const api = ((globalThis as any).browser ?? (globalThis as any).chrome).storage.local;
    await api.remove(Object.keys(await api.get(null)).filter((k) => k.startsWith('summary:')));
  }, null);
}

/** Per Dexter row: its issue id and the text of one of its slots. */
function slotTexts(slot: string): { id: string; text: string; title: string }[] {
  return [...document.querySelectorAll<HTMLElement>('dexter-row')].map((h) => {
    const el = h.shadowRoot?.querySelector(`[data-slot="${slot}"]`);
    return {
      id: h.dataset.issueId!,
      text: el?.textContent ?? '',
      title: el?.querySelector('.chip')?.getAttribute('title') ?? '',
    };
  });
}

const CAUSES = Object.values(CAUSE_LABELS).join('|');

export const scenarios: Scenario[] = [
  {
    name: 'list overlay: a row’s ✦ summarises that issue on a click — the model asked for the summary’s schema about that issue, the line shown with its suspected cause',
    async run(d) {
      await ready(d, false);
      const page = await d.page('https://acme.sentry.io/issues/');
      const [first] = await page.waitFor(
        (slot) => {
          const rows = [...document.querySelectorAll<HTMLElement>('dexter-row')].map((h) => ({
            id: h.dataset.issueId!,
            text: h.shadowRoot?.querySelector(`[data-slot="${slot}"]`)?.textContent ?? '',
          }));
          return rows.length > 3 && rows[0]!.text === '✦' ? rows : null;
        },
        'list-summary',
        { what: 'the ✦ on the rows', timeoutMs: 30_000 },
      );
      const before = chats(d).length;
      await page.click('[data-slot="list-summary"] .chip');
      const line = await page.waitFor(
        (id) => {
          const h = document.querySelector(`dexter-row[data-issue-id="${id}"]`);
          const chip = h?.shadowRoot?.querySelector('[data-slot="list-summary"] .chip');
          const text = chip?.textContent ?? '';
          return /^✦ (?!summarizing)\S/.test(text) ? { text, title: chip?.getAttribute('title') ?? '' } : null;
        },
        first!.id,
        { what: 'the first row’s line', timeoutMs: 30_000 },
      );
      check(
        new RegExp(`Suspected cause: (${CAUSES}) \\(confidence \\d+%\\)`).test(line.title),
        `the line’s tooltip does not name a cause: ${line.title}`,
      );
      // Lines first, then calls: a call is logged when it starts, its line shows when it ends.
      const lines = (await page.evaluate(slotTexts, 'list-summary')).filter((r) => /^✦ (?!summarizing)\S/.test(r.text));
      const asked = chats(d).slice(before);
      check(
        asked.length >= 1 && asked.length <= (await page.evaluate(slotTexts, 'list-summary')).length,
        `${asked.length} model calls for one click`,
      );
      const format = asked[0]!.body?.format as { properties?: Record<string, unknown> } | undefined;
      check(
        !!format?.properties?.summary && !!format.properties.cause && !!format.properties.confidence,
        `not asked for the summary's schema: ${JSON.stringify(format)}`,
      );
      const issue = [...d.world.sentry.store.issues.values()].find((i) => String(i.id) === first!.id)!;
      check(
        asked.some((c) => JSON.stringify(c.body.messages).includes(issue.title.slice(0, 40))),
        `the model was not told about issue ${first!.id} (“${issue.title}”)`,
      );
      // The click summarises the rows on screen, one call each: every call is about a row of this list.
      check(lines.length >= 1 && lines.length <= asked.length, `${lines.length} lines from ${asked.length} calls`);
    },
  },
  {
    name: 'list overlay with automatic summaries: rows in view get their lines, never every row of the list; “≈ N similar” only where Dexter’s index has similar issues, never more than it has; leaving the list drops what still waits',
    timeoutMs: 180_000,
    async run(d) {
      await ready(d, true);
      const before = chats(d).length;
      const page = await d.page('https://acme.sentry.io/issues/');
      // Every row on screen gets its line (how many fit depends on the browser's window).
      await page
        .waitFor(
          (slot) => {
            const inView = [...document.querySelectorAll<HTMLElement>('dexter-row')].filter((h) => {
              const box = (h.closest('[data-test-id="group"]') ?? h).getBoundingClientRect();
              return box.bottom > 0 && box.top < innerHeight && box.height > 0;
            });
            return (
              (inView.length > 0 &&
                inView.every((h) =>
                  /^✦ (?!summarizing)\S/.test(h.shadowRoot?.querySelector(`[data-slot="${slot}"]`)?.textContent ?? ''),
                )) ||
              null
            );
          },
          'list-summary',
          { what: 'lines on every row in view', timeoutMs: 60_000 },
        )
        .catch(async (e) => {
          throw new Error(
            `${e}: ${JSON.stringify((await page.evaluate(slotTexts, 'list-summary')).slice(0, 6))}; ${chats(d).length} model calls`,
          );
        });
      // Far rows were never drawn, so never asked: the model saw fewer calls than the list has rows.
      const rows = await page.evaluate(() => document.querySelectorAll('[data-test-id="group"]').length, null);
      const asked = chats(d).slice(before).length;
      check(asked > 0 && asked < rows, `${asked} model calls for ${rows} rows`);
      // Read down the list as a user would, so every row is drawn; then Dexter's index answers for all of them.
      await everyRowDrawn(page, 'the list read down');
      await page.waitFor(
        () =>
          [...document.querySelectorAll('dexter-row')].some((h) =>
            /^≈ \d+ similar$/.test(h.shadowRoot?.querySelector('[data-slot="list-similar"]')?.textContent ?? ''),
          ) || null,
        null,
        { what: 'a similar chip' },
      );
      const ids = (await page.evaluate(slotTexts, 'list-similar')).map((r) => r.id);
      const index = await d.ask({ type: 'similar.rows', target, ids });
      check(index.ok, JSON.stringify(index));
      const want = ids.map((id) => ({ id, n: (index.data.rows[id] ?? []).length }));
      check(
        want.some((w) => w.n > 0),
        'the world has no similar issues on this page: the check would prove nothing',
      );
      check(
        want.some((w) => w.n === 0),
        'every row has similar issues: the check of rows without a chip would prove nothing',
      );
      // Each row shows "≈ N similar" only where the index has similar issues, with N at most what it has now: Dexter's
      // index learns rows as they are drawn, and a chip keeps the count it was drawn with (it may have grown since).
      const chips = await page.evaluate(
        () =>
          [...document.querySelectorAll<HTMLElement>('dexter-row')].map((h) => ({
            id: h.dataset.issueId!,
            text: h.shadowRoot?.querySelector('[data-slot="list-similar"]')?.textContent ?? '',
          })),
        null,
      );
      const wrong = want
        .map((e) => ({ ...e, shown: chips.find((c) => c.id === e.id)?.text ?? '' }))
        .filter((e) => {
          if (!e.shown) return false;
          const n = Number(/^≈ (\d+) similar$/.exec(e.shown)?.[1]);
          return e.n === 0 || !(n >= 1 && n <= e.n);
        });
      checkEqual(wrong, [], 'rows whose similar chip the index does not back');

      // A slow model and nothing saved: the rows in view wait in the background's queue, one at a time. Leaving the
      // list for a page with no rows drops them: after the call that was running, the model is asked nothing more.
      await forgetSummaries(d);
      d.world.ollama.setMode('slow-first-token');
      try {
        await page.reload();
        await page.waitFor(
          () =>
            [...document.querySelectorAll('dexter-row')].some((h) =>
              /summarizing/.test(h.shadowRoot?.querySelector('[data-slot="list-summary"]')?.textContent ?? ''),
            ) || null,
          null,
          { what: 'rows waiting for their lines', timeoutMs: 30_000 },
        );
        await page.goto('https://acme.sentry.io/issues/?layout=unknown');
        const left = chats(d).length;
        // An observation window (not a timing assertion): long enough for two more slow calls had the queue lived on.
        await new Promise((r) => setTimeout(r, 4_000));
        check(chats(d).length - left <= 1, `${chats(d).length - left} model calls after the list was left`);
      } finally {
        d.world.ollama.setMode('normal');
        // The flows after this one see lists as a user who never turned automatic summaries on.
        await setSettings(d, { insights: { autoSummaries: false } });
      }
    },
  },
  {
    name: 'similar issues of one issue: the hashed signature, each match scored at least 0.5 with a reason, every match a real issue of the org',
    async run(d) {
      await setToken(d, d.world.sentry.tokens.readWrite);
      const list = await d.ask({ type: 'issues.list', target, limit: 50 });
      check(list.ok, JSON.stringify(list));
      const ids = list.data.issues.map((i: { id: string }) => i.id) as string[];
      const rows = await d.ask({ type: 'similar.rows', target, ids });
      check(rows.ok, JSON.stringify(rows));
      const withMatches = ids.find((id) => (rows.data.rows[id] ?? []).length > 0);
      check(withMatches, 'no issue with similar issues among the first 50');
      const r = await d.ask({ type: 'similar.issue', target, issueId: withMatches });
      check(r.ok, JSON.stringify(r));
      checkEqual(r.data.method, 'hashed-v1', 'the similarity method');
      check(r.data.signature.length > 3, `the signature: ${JSON.stringify(r.data.signature)}`);
      check(r.data.matches.length > 0, 'no matches for an issue the index lists with similar ones');
      const org = d.world.sentry.store.findOrg('acme')!;
      for (const m of r.data.matches) {
        check(m.score >= 0.5, `a match scored ${m.score}`);
        check(m.reason.length > 3, `a match without a reason: ${JSON.stringify(m)}`);
        const real = [...d.world.sentry.store.issues.values()].find((i) => String(i.id) === String(m.id));
        check(
          real && real.orgId === org.id && String(m.id) !== withMatches,
          `a match that is not another issue of the org: ${JSON.stringify(m)}`,
        );
      }
    },
  },
  {
    name: 'the digest: its data without an LLM (and why there is no narrative), and a narrative whose every kept citation is a real issue of the digest',
    async run(d) {
      await setToken(d, d.world.sentry.tokens.readWrite);
      d.world.ollama.setMode('normal');
      d.world.ollama.setAnswer(undefined);
      await setSettings(d, { llm: { model: '' } });
      try {
        const plain = await d.ask({ type: 'digest.build', target, hours: 24, narrative: true });
        check(plain.ok, JSON.stringify(plain));
        check(plain.data.digest.totals.issues > 0, 'no issues in the digest');
        checkEqual(plain.data.narrative, null, 'the narrative without a model');
        check(
          /No model/.test(plain.data.narrativeError?.message ?? ''),
          `why there is no narrative: ${JSON.stringify(plain.data.narrativeError)}`,
        );
        await setSettings(d, { llm: { model: MODEL, url: 'http://127.0.0.1:11434' } });
        d.world.ollama.setStructured('bad-citations');
        const r = await d.ask({ type: 'digest.build', target, hours: 24, narrative: true });
        check(r.ok, JSON.stringify(r));
        const { digest, narrative } = r.data;
        check(narrative.statements.length > 0, 'no statements kept');
        for (const s of narrative.statements)
          for (const id of s.cites)
            check(
              digest.issues[id],
              `a kept statement cites ${id}, not in the digest (${Object.keys(digest.issues).length} issues: ${Object.keys(digest.issues).slice(0, 8).join(', ')}; narrative ${JSON.stringify(narrative).slice(0, 600)})`,
            );
        checkEqual(
          narrative.dropped.map((x: { why: string }) => x.why),
          ['it cites NOPE-404, which is not in the digest', 'it cites no issue'],
          'statements dropped and why',
        );
      } finally {
        d.world.ollama.setStructured('follow');
      }
    },
  },
];
