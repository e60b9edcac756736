// Explain with AI on the replica issue page, against the Ollama-compatible server that (like real Ollama) answers
// 403 to extension origins (chrome-extension:// and moz-extension:// alike): Dexter's Origin fix must make the POST
// pass without OLLAMA_ORIGINS, in every browser.
import {
  check,
  checkEqual,
  setSettings,
  setToken,
  type Driver,
  type DriverFrame,
  type DriverPage,
  type Scenario,
} from './driver';
import { bodyHas } from './ui-helpers';
import { apiGet } from '../world/world';

async function ready(d: Driver): Promise<void> {
  await setToken(d, d.world.sentry.tokens.readWrite);
  await setSettings(d, { llm: { model: 'llama3.2:latest', url: 'http://127.0.0.1:11434' } });
  d.world.ollama.setMode('normal');
  d.world.ollama.setAnswer(undefined);
}

const visibleText = (arg: { selector: string; text: string }) =>
  [...document.querySelectorAll(arg.selector)].some((e) => e.textContent?.includes(arg.text));

/** The panel's phase line (what it says is happening), or null while there is none. */
const phase = () => document.querySelector('[data-testid="phase"]')?.textContent ?? null;
/** The streamed answer's text so far. */
const answer = () => document.querySelector('[data-testid="answer"]')?.textContent ?? '';
const chats = (d: Driver) => d.world.ollama.requests.filter((r) => r.path === '/api/chat');

/** Forgets every saved explanation (Dexter keeps them in storage.local under `dexter-explain:`), as on a fresh
 *  install: a flow must not meet an answer another scenario left for the same issue and model. */
async function forgetAnswers(d: Driver): Promise<void> {
  await d.inExtension(async () => {
    const api = ((globalThis as any).browser ?? (globalThis as any).chrome).storage.local;
    const all = await api.get(null);
    await api.remove(Object.keys(all).filter((k) => k.startsWith('dexter-explain:')));
  }, null);
}

/** The `n`th issue of acme's list (its id and page URL): each flow takes an issue no other flow explains. */
async function issueAt(d: Driver, n: number): Promise<{ id: string; url: string }> {
  const list = await d.page('https://acme.sentry.io/issues/');
  const hrefs = await list.waitFor(
    (min) => {
      const all = [...document.querySelectorAll<HTMLAnchorElement>('a[data-issue-title-link]')].map((a) => a.href);
      return all.length > min ? all : null;
    },
    n,
    { what: `${n + 1} issue links` },
  );
  await list.close();
  const url = hrefs[n]!;
  return { id: new URL(url).pathname.match(/\/issues\/(\d+)/)![1]!, url };
}

/** Opens the issue page and presses its Explain with AI, which opens Dexter's panel and starts explaining. */
async function explainPanel(d: Driver, url: string): Promise<{ page: DriverPage; panel: DriverFrame }> {
  const page = await d.page(url);
  await page.click('button :text=Explain with AI');
  const panel = await page.frame(d.extensionUrl('panel.html#view=explain'), { timeoutMs: 30_000 });
  return { page, panel };
}

export const scenarios: Scenario[] = [
  {
    name: 'the background reaches Ollama with a POST despite its 403 for extension origins',
    async run(d) {
      await ready(d);
      const status = await d.ask({ type: 'llm.status' });
      check(status.ok, JSON.stringify(status));
      check(status.data.postAllowed, `POST not allowed: ${JSON.stringify(status.data)}`);
      const posts = d.world.ollama.requests.filter((r) => r.method === 'POST');
      check(posts.length > 0, 'no POST reached the server');
      check(
        posts.every((r) => !r.origin || !r.origin.includes('extension')),
        `an extension Origin reached Ollama: ${posts.map((r) => r.origin).join(', ')}`,
      );
    },
  },
  {
    name: 'Explain on the issue page streams a Markdown answer into Dexter’s panel, with no token in the prompt',
    async run(d) {
      await ready(d);
      d.world.ollama.setAnswer(
        '## What happened\n\nThe **order total** was undefined.\n\n## How to fix\n\nCheck `cart.total` first.',
      );
      const list = await d.page('https://acme.sentry.io/issues/');
      const href = await list.waitFor(
        () => document.querySelector('a[data-issue-title-link]')?.getAttribute('href'),
        null,
        { what: 'an issue link' },
      );
      const page = await d.page(new URL(href, 'https://acme.sentry.io').toString());
      await page.click('button :text=Explain with AI');
      const panel = await page.frame(d.extensionUrl('panel.html'));
      await panel.waitFor(
        visibleText,
        { selector: 'strong', text: 'order total' },
        { what: 'the streamed Markdown', timeoutMs: 30_000 },
      );
      await panel.waitFor(visibleText, { selector: 'h2', text: 'How to fix' }, { what: 'the heading' });
      const chat = d.world.ollama.requests.filter((r) => r.path === '/api/chat').at(-1);
      check(chat, 'no chat request');
      check(
        !JSON.stringify(chat.body).includes(d.world.sentry.tokens.readWrite),
        'the Sentry token reached the prompt',
      );
      checkEqual(
        await panel.evaluate(() => document.querySelectorAll('script:not([src])').length, null),
        0,
        'inline scripts in the panel',
      );
    },
  },
  {
    name: 'Explain streams the answer as it comes, Cancel stops it, Regenerate asks the model again; a finished answer is saved and reused until Regenerate',
    async run(d) {
      await ready(d);
      await forgetAnswers(d);
      const issue = await issueAt(d, 10);
      // The model sends a few words, then falls silent: the panel must show them while it waits for more.
      d.world.ollama.setMode('stall');
      d.world.ollama.setAnswer(
        '## What happened\n\nFirst words of a stalled answer, then nothing more arrives. STALLED-TAIL',
      );
      const { page, panel } = await explainPanel(d, issue.url);
      await panel.waitFor(
        () =>
          (document.body.innerText.includes('The model is writing') &&
            document.querySelector('[data-testid="answer"]')?.textContent?.includes('What happened')) ||
          null,
        null,
        { what: 'the first streamed words while the model is writing', timeoutMs: 30_000 },
      );
      check(
        !(await panel.evaluate(answer, null)).includes('STALLED-TAIL'),
        'the whole answer was shown although the model never sent it',
      );
      const asked = chats(d).length;
      await panel.click('button :text=Cancel');
      await panel.waitFor(bodyHas, 'Cancelled. Press Regenerate to ask again.', { what: 'the cancelled phase' });
      checkEqual(
        await panel.evaluate(
          () => [...document.querySelectorAll('button')].filter((b) => b.textContent === 'Cancel').length,
          null,
        ),
        0,
        'Cancel buttons after cancelling',
      );
      // Regenerate asks the model again, now answering in full.
      d.world.ollama.setMode('normal');
      const first = `Regenerated answer ${issue.id} one.`;
      d.world.ollama.setAnswer(`## What happened\n\n${first}`);
      await panel.click('button :text=Regenerate');
      await panel.waitFor(
        (m) => document.querySelector('[data-testid="answer"]')?.textContent?.includes(m) || null,
        first,
        { what: 'the regenerated answer', timeoutMs: 30_000 },
      );
      await panel.waitFor(
        (t) => document.querySelector('[data-testid="phase"]')?.textContent?.startsWith(t) || null,
        'Fresh answer.',
        { what: 'the fresh-answer note' },
      );
      checkEqual(chats(d).length, asked + 1, 'chat requests after Regenerate');
      // The answer was saved: the next Explain of the issue shows it without asking the model.
      d.world.ollama.setAnswer('## What happened\n\nAn answer nobody should see yet.');
      await page.reload();
      await page.click('button :text=Explain with AI');
      const again = await page.frame(d.extensionUrl('panel.html#view=explain'), { timeoutMs: 30_000 });
      await again.waitFor(
        (t) => document.querySelector('[data-testid="phase"]')?.textContent?.startsWith(t) || null,
        'Saved answer from earlier',
        { what: 'the saved-answer note', timeoutMs: 30_000 },
      );
      check(
        (await again.evaluate(answer, null)).includes(first),
        `the saved answer is not the last one: ${await again.evaluate(answer, null)}`,
      );
      checkEqual(chats(d).length, asked + 1, 'chat requests for a saved answer');
      // Regenerate replaces it with a fresh one from the model.
      const second = `Regenerated answer ${issue.id} two.`;
      d.world.ollama.setAnswer(`## What happened\n\n${second}`);
      await again.click('button :text=Regenerate');
      await again.waitFor(
        (m) => document.querySelector('[data-testid="answer"]')?.textContent?.includes(m) || null,
        second,
        { what: 'the second regenerated answer', timeoutMs: 30_000 },
      );
      checkEqual(chats(d).length, asked + 2, 'chat requests after the second Regenerate');
      check(!(await again.evaluate(phase, null))?.includes('Saved'), 'a regenerated answer is called saved');
    },
  },
  {
    name: 'Preview prompt shows exactly the system and user text Explain sent to the model, built from the issue’s latest event, within the budget',
    async run(d) {
      await ready(d);
      await forgetAnswers(d);
      const issue = await issueAt(d, 11);
      const title = [...d.world.sentry.store.issues.values()].find((i) => String(i.id) === issue.id)?.title;
      check(title, `issue ${issue.id} is not in the world`);
      const { panel } = await explainPanel(d, issue.url);
      await panel.waitFor(
        (t) => document.querySelector('[data-testid="phase"]')?.textContent?.startsWith(t) || null,
        'Fresh answer.',
        { what: 'the answer', timeoutMs: 30_000 },
      );
      const asked = chats(d).length;
      const sent = chats(d).at(-1)!.body.messages as { role: string; content: string }[];
      await panel.click('button :text=Preview prompt');
      const preview = await panel.waitFor(
        () => {
          const dialog = document.querySelector('[role="dialog"]');
          const badge = dialog?.querySelector('[data-testid="token-count"]')?.textContent;
          const code = [...(dialog?.querySelectorAll('pre, code') ?? [])].map((c) => c.textContent ?? '');
          return badge && code.length >= 2 ? { badge, system: code[0]!, user: code[code.length - 1]! } : null;
        },
        null,
        { what: 'the prompt preview', timeoutMs: 30_000 },
      );
      checkEqual(chats(d).length, asked, 'chat requests made by a preview');
      const [, tokens, budget] = preview.badge
        .match(/([\d,]+)\s*\/\s*([\d,]+)/)!
        .map((n) => Number(n.replace(/,/g, '')));
      check(tokens! > 0 && tokens! <= budget!, `the preview’s size: ${preview.badge}`);
      check(preview.user.includes(title.slice(0, 40)), `the previewed prompt does not name the issue “${title}”`);
      check(
        !`${preview.system}${preview.user}`.includes(d.world.sentry.tokens.readWrite),
        'the Sentry token is in the prompt',
      );
      // The model received exactly the previewed text.
      checkEqual(
        sent.find((m) => m.role === 'system')?.content.trim(),
        preview.system.trim(),
        'the system text sent against the preview',
      );
      checkEqual(
        sent.find((m) => m.role === 'user')?.content.trim(),
        preview.user.trim(),
        'the user text sent against the preview',
      );
    },
  },
  {
    name: 'Post to Sentry as a comment: Keep it private posts nothing; Post comment puts the answer, marked as AI-generated, on that issue in Sentry',
    async run(d) {
      await ready(d);
      await forgetAnswers(d);
      const issue = await issueAt(d, 12);
      const stored = [...d.world.sentry.store.issues.values()].find((i) => String(i.id) === issue.id);
      check(stored, `issue ${issue.id} is not in the world`);
      const marker = `Comment probe ${issue.id} ${Date.now()}`;
      d.world.ollama.setAnswer(`## What happened\n\n${marker}: the order total was undefined.`);
      const { panel } = await explainPanel(d, issue.url);
      await panel.waitFor(
        (t) => document.querySelector('[data-testid="phase"]')?.textContent?.startsWith(t) || null,
        'Fresh answer.',
        { what: 'the answer', timeoutMs: 30_000 },
      );
      const notesBefore = stored.notes.length;
      const posts = () =>
        d.world.sentry.requests.filter((r) => r.method === 'POST' && r.path.includes(`/issues/${issue.id}/comments/`));
      // Asked first, and nothing is posted when the user keeps it private.
      await panel.click('button :text=Post to Sentry as a comment');
      await panel.waitFor(bodyHas, `Everyone with access to issue ${issue.id} in acme will see it.`, {
        what: 'the confirmation',
      });
      await panel.click('[role="dialog"] button :text=Keep it private');
      await panel.waitFor(() => !document.querySelector('[role="dialog"]') || null, null, {
        what: 'the confirmation closed',
      });
      checkEqual(posts().length, 0, 'comments posted after Keep it private');
      checkEqual(stored.notes.length, notesBefore, 'notes on the issue after Keep it private');
      await panel.click('button :text=Post to Sentry as a comment');
      await panel.click('[role="dialog"] button :text=Post comment');
      await panel.waitFor(
        () => [...document.querySelectorAll('button')].some((b) => b.textContent === 'Posted to Sentry') || null,
        null,
        { what: 'Posted to Sentry', timeoutMs: 20_000 },
      );
      checkEqual(
        posts().map((r) => r.status),
        [201],
        'comment POSTs and their status',
      );
      checkEqual(stored.notes.length, notesBefore + 1, 'notes on the issue');
      const note = stored.notes.at(-1)!;
      check(note.text.includes(marker), `the comment is not the answer: ${note.text.slice(0, 200)}`);
      check(
        note.text.includes('— explained by Dexter with llama3.2:latest (AI-generated; check before acting)'),
        `the comment is not marked as AI-generated: ${note.text.slice(-200)}`,
      );
      // Sentry's own API lists it on the issue.
      const listed = await apiGet<{ data: { text: string } }[]>(
        d.world,
        `/api/0/organizations/acme/issues/${issue.id}/comments/`,
        d.world.sentry.tokens.readWrite,
      );
      check(
        listed.some((n) => n.data.text.includes(marker)),
        'Sentry’s comments API does not list the posted answer',
      );
    },
  },
  {
    name: 'a web page cannot use Dexter’s Origin fix to reach Ollama: the browser blocks it or Ollama sees the page’s own Origin',
    async run(d) {
      await ready(d);
      const page = await d.page('https://acme.sentry.io/issues/');
      const before = d.world.ollama.requests.length;
      const result = await page.evaluate(async () => {
        try {
          const r = await fetch('http://127.0.0.1:11434/api/chat', {
            method: 'POST',
            body: JSON.stringify({
              model: 'llama3.2:latest',
              messages: [{ role: 'user', content: 'hi' }],
              stream: false,
            }),
          });
          return `status ${r.status}`;
        } catch (e) {
          return `blocked: ${e}`;
        }
      }, null);
      check(!result.startsWith('status 200'), `the page reached Ollama: ${result}`);
      const seen = d.world.ollama.requests.slice(before).filter((r) => r.path === '/api/chat');
      for (const r of seen) checkEqual(r.origin, 'https://acme.sentry.io', 'the Origin Ollama saw from the page');
    },
  },
];
