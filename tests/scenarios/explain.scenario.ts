// Explain with AI on the replica issue page, against the Ollama-compatible server that (like real Ollama) answers
// 403 to extension origins (chrome-extension:// and moz-extension:// alike): Dexter's Origin fix must make the POST
// pass without OLLAMA_ORIGINS, in every browser.
import { check, checkEqual, setSettings, setToken, type Driver, type Scenario } from './driver';

async function ready(d: Driver): Promise<void> {
  await setToken(d, d.world.sentry.tokens.readWrite);
  await setSettings(d, { llm: { model: 'llama3.2:latest', url: 'http://127.0.0.1:11434' } });
  d.world.ollama.setMode('normal');
  d.world.ollama.setAnswer(undefined);
}

const visibleText = (arg: { selector: string; text: string }) => [...document.querySelectorAll(arg.selector)].some((e) => e.textContent?.includes(arg.text));

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
      check(posts.every((r) => !r.origin || !r.origin.includes('extension')), `an extension Origin reached Ollama: ${posts.map((r) => r.origin).join(', ')}`);
    },
  },
  {
    name: 'Explain on the issue page streams a Markdown answer into Dexter’s panel, with no token in the prompt',
    async run(d) {
      await ready(d);
      d.world.ollama.setAnswer('## What happened\n\nThe **order total** was undefined.\n\n## How to fix\n\nCheck `cart.total` first.');
      const list = await d.page('https://acme.sentry.io/issues/');
      const href = await list.waitFor(() => document.querySelector('a[data-issue-title-link]')?.getAttribute('href'), null, { what: 'an issue link' });
      const page = await d.page(new URL(href, 'https://acme.sentry.io').toString());
      await page.click('button :text=Explain with AI');
      const panel = await page.frame(d.extensionUrl('panel.html'));
      await panel.waitFor(visibleText, { selector: 'strong', text: 'order total' }, { what: 'the streamed Markdown', timeoutMs: 30_000 });
      await panel.waitFor(visibleText, { selector: 'h2', text: 'How to fix' }, { what: 'the heading' });
      const chat = d.world.ollama.requests.filter((r) => r.path === '/api/chat').at(-1);
      check(chat, 'no chat request');
      check(!JSON.stringify(chat.body).includes(d.world.sentry.tokens.readWrite), 'the Sentry token reached the prompt');
      checkEqual(await panel.evaluate(() => document.querySelectorAll('script:not([src])').length, null), 0, 'inline scripts in the panel');
    },
  },
];
