// What the user sees when Sentry or the LLM fails, and that Dexter recovers once the fault clears: every badge says
// what happened and what to do, no spinner is left, and after the fault the numbers (or the answer) appear.
import type { Fault } from '../world/sentry/server';
import { check, checkEqual, setToken, type Driver, type DriverPage, type Scenario } from './driver';
import { readDown } from './list-helpers';

const LIST = 'https://acme.sentry.io/issues/?limit=25';
/** The badges of Sentry's figures (priority, users, trend): the other list features draw only when they have one. */
const FIGURES = '[data-slot="list-priority"], [data-slot="list-impact"], [data-slot="list-sparkline"]';

/** Text of every figure badge on the list: its label, tooltip and aria-label. */
function badges(figures: string): { text: string; title: string; aria: string }[] {
  return [...document.querySelectorAll('dexter-row')].flatMap((h) =>
    [...(h.shadowRoot?.querySelectorAll<HTMLElement>(`:is(${figures}) :is(.chip, svg)`) ?? [])].map((c) => ({
      text: c.textContent ?? '',
      title: c.getAttribute('title') ?? c.querySelector('title')?.textContent ?? '',
      aria: c.getAttribute('aria-label') ?? '',
    })),
  );
}

/** Every row has all three figure badges and none is a spinner or empty placeholder. */
function figuresSettled(figures: string): boolean {
  const hosts = [...document.querySelectorAll('dexter-row')];
  const rows = document.querySelectorAll('[data-test-id="group"]').length;
  return (
    rows > 0 &&
    hosts.length === rows &&
    hosts.every(
      (h) =>
        [...(h.shadowRoot?.querySelectorAll(figures) ?? [])].length === 3 &&
        [...(h.shadowRoot?.querySelectorAll(figures) ?? [])].every(
          (s) => s.querySelector('.chip, svg') !== null && !s.querySelector('.loading, [aria-busy="true"]'),
        ),
    )
  );
}

/** Rows are drawn as they come near, so the list is read down until every row has settled. */
async function settled(page: DriverPage, what: string): Promise<void> {
  for (const until = Date.now() + 30_000; ;) {
    await page.evaluate(readDown, null);
    if (await page.evaluate(figuresSettled, FIGURES)) return;
    check(Date.now() < until, `${what}: the badges did not settle`);
  }
}

const SENTRY_FAULTS: { name: string; fault?: Fault; token?: 'noOrg'; message: RegExp; next: RegExp }[] = [
  {
    name: '401',
    fault: { kind: '401' },
    message: /not signed in to Sentry, or its token was rejected/,
    next: /paste a new auth token/,
  },
  {
    name: '403 (a token without the scopes)',
    token: 'noOrg',
    message: /lacks the .*scope|no access/,
    next: /Create a token with|Ask a Sentry admin/,
  },
  { name: '404', fault: { kind: '404' }, message: /could not find/, next: /Reload the Sentry page/ },
  { name: '429', fault: { kind: '429', delayMs: 1_000 }, message: /rate limiting/, next: /Wait a moment/ },
  {
    name: '500',
    fault: { kind: '500' },
    message: /did not answer in time or is having trouble/,
    next: /status\.sentry\.io/,
  },
  {
    name: '502 with an HTML body',
    fault: { kind: '502' },
    message: /did not answer in time or is having trouble/,
    next: /status\.sentry\.io/,
  },
  {
    name: 'a cut connection',
    fault: { kind: 'cut' },
    message: /did not answer in time or is having trouble/,
    next: /status\.sentry\.io|connection/,
  },
  {
    name: 'a malformed body',
    fault: { kind: 'malformed' },
    message: /shape Dexter does not understand/,
    next: /Update Dexter/,
  },
];

const sentryFault = (f: (typeof SENTRY_FAULTS)[number]): Scenario => ({
  name: `Sentry fault on the issue list — ${f.name}: every badge says what happened and what to do; the badges come back when it clears`,
  async run(d) {
    const watch = d.watch();
    try {
      // Setting the token empties Dexter's cache, as in settings: nothing answered before the fault is reused.
      await setToken(d, d.world.sentry.tokens[f.token ?? 'readWrite']);
      d.world.sentry.setFault(f.fault ? { pathPrefix: '/api/0/organizations/acme/', ...f.fault } : null);
      const page = await d.page(LIST);
      await settled(page, f.name);
      const shown = await page.evaluate(badges, FIGURES);
      check(shown.length > 0, 'no badges');
      for (const b of shown) {
        check(/—/.test(b.text), `${f.name}: a badge shows a figure: ${JSON.stringify(b)}`);
        check(
          f.message.test(`${b.title} ${b.aria}`),
          `${f.name}: the badge does not say what happened: ${JSON.stringify(b)}`,
        );
        check(
          f.next.test(`${b.title} ${b.aria}`),
          `${f.name}: the badge does not say what to do: ${JSON.stringify(b)}`,
        );
      }
      // The fault clears: a fresh load shows numbers again.
      d.world.sentry.setFault(null);
      await setToken(d, d.world.sentry.tokens.readWrite);
      await page.reload();
      await settled(page, `${f.name}, cleared`);
      const after = await page.evaluate(badges, FIGURES);
      const rows = await page.evaluate(() => document.querySelectorAll('dexter-row').length, null);
      checkEqual(
        after.filter((b) => /^P\d{1,3} /.test(b.text)).length,
        rows,
        `${f.name}: rows with a priority once the fault cleared`,
      );
      checkEqual(watch.errors, [], 'page errors');
    } finally {
      d.world.sentry.setFault(null);
      watch.stop();
    }
  },
});

const LLM_FAULTS: { name: string; apply(d: Driver): Promise<void>; message: RegExp; next: RegExp }[] = [
  {
    name: 'Ollama down',
    apply: async (d) => d.world.ollama.setMode('down'),
    message: /reach|running|connect/i,
    next: /ollama serve|Start Ollama|start/i,
  },
  {
    name: 'the model missing',
    apply: (d) =>
      d.setStoredSettings({ llm: { model: 'no-such-model:7b', url: 'http://127.0.0.1:11434', stallSeconds: 5 } }),
    message: /no-such-model/i,
    next: /ollama pull|pick|choose|Settings/i,
  },
  {
    name: 'an error mid-stream',
    apply: async (d) => d.world.ollama.setMode('error-mid-stream'),
    message: /unexpected EOF|stopped|error/i,
    next: /Retry|try again|again/i,
  },
  {
    name: 'a stall',
    apply: async (d) => d.world.ollama.setMode('stall'),
    message: /no (token|answer|output)|stalled|silent|5 s/i,
    next: /Retry|try again|smaller|timeout/i,
  },
];

const llmFault = (f: (typeof LLM_FAULTS)[number], i: number): Scenario => ({
  name: `LLM fault in the Explain panel — ${f.name}: the error and a next step show with Retry, no spinner; Retry works once the fault clears`,
  async run(d) {
    await setToken(d, d.world.sentry.tokens.readWrite);
    const good = { llm: { model: 'llama3.2:latest', url: 'http://127.0.0.1:11434', stallSeconds: 5 } };
    await d.setStoredSettings(good);
    d.world.ollama.setMode('normal');
    const marker = `Recovered answer ${i} ${Date.now()}.`;
    d.world.ollama.setAnswer(`## What happened\n\n${marker}`);
    try {
      const list = await d.page(LIST);
      const hrefs = await list.waitFor(
        () => {
          const all = [...document.querySelectorAll<HTMLAnchorElement>('a[data-issue-title-link]')].map((a) => a.href);
          return all.length > 8 ? all : null;
        },
        null,
        { what: 'the issue links' },
      );
      await list.close();
      await f.apply(d);
      // An issue of its own per fault, so no answer saved by an earlier run can stand in for the fresh one.
      const page = await d.page(hrefs[i + 2]!);
      await page.click('button :text=Explain with AI');
      const panel = await page.frame(d.extensionUrl('panel.html#view=explain'));
      const alert = await panel.waitFor(() => document.querySelector('[role="alert"]')?.textContent || null, null, {
        what: `${f.name}: the error`,
        timeoutMs: 30_000,
      });
      check(f.message.test(alert), `${f.name}: the error does not say what happened: ${alert}`);
      check(f.next.test(alert), `${f.name}: the error does not say what to do: ${alert}`);
      checkEqual(
        await panel.evaluate(() => document.querySelectorAll('[aria-busy="true"], .mantine-Loader-root').length, null),
        0,
        `${f.name}: spinners left`,
      );
      // Put right behind the panel's back (stored directly: a change made through Dexter's settings redraws the
      // page's panels, and the error with them).
      d.world.ollama.setMode('normal');
      await d.setStoredSettings(good);
      await panel.click('[role="alert"] button :text=Retry');
      await panel.waitFor((m) => document.body.innerText.includes(m) || null, marker, {
        what: `${f.name}: the answer after Retry`,
        timeoutMs: 30_000,
      });
    } finally {
      d.world.ollama.setMode('normal');
      d.world.ollama.setAnswer(undefined);
    }
  },
});

export const scenarios: Scenario[] = [
  ...SENTRY_FAULTS.map(sentryFault),
  {
    name: 'a slow Sentry only delays the badges',
    async run(d) {
      await setToken(d, d.world.sentry.tokens.readWrite);
      d.world.sentry.setFault({ kind: 'slow', delayMs: 3_000, pathPrefix: '/api/0/organizations/acme/' });
      try {
        const page = await d.page(LIST);
        await settled(page, 'slow Sentry');
        const shown = await page.evaluate(badges, FIGURES);
        checkEqual(
          shown.filter((b) => /^P\d{1,3} /.test(b.text)).length,
          await page.evaluate(() => document.querySelectorAll('dexter-row').length, null),
          'rows with a priority',
        );
      } finally {
        d.world.sentry.setFault(null);
      }
    },
  },
  ...LLM_FAULTS.map(llmFault),
];
