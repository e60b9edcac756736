// "Explain with Dexter" on selected text: the menu item exists after every background start (Firefox forgets items
// made by an earlier run), and what it does explains the selection in a window, scrubbed, with the deadlock parsed.
import { check, menuItemExists, setSettings, setToken, type Scenario } from './driver';

const text =
  'ERROR:  deadlock detected\nDETAIL:  Process 4242 waits for ShareLock on transaction 9001; blocked by process 4343.\nProcess 4343 waits for ShareLock on transaction 9000; blocked by process 4242.\nuser jane@example.com';

export const scenarios: Scenario[] = [
  {
    name: 'the context-menu item explains a selected deadlock text in a window, also after the background starts again',
    async run(d) {
      await setToken(d, d.world.sentry.tokens.readWrite);
      await setSettings(d, { llm: { model: 'llama3.2:latest', url: 'http://127.0.0.1:11434' } });
      d.world.ollama.setMode('normal');
      d.world.ollama.setAnswer(undefined);
      for (const round of ['first run', 'after a restart']) {
        if (round !== 'first run') await d.restartBackground();
        const exists = await menuItemExists(d, 'dexter-explain');
        check(exists === true, `${round}: the menu item is missing (${exists})`);
        const before = d.world.ollama.requests.length;
        const win = await d.explainSelection(text);
        await win.waitFor(() => /What happened|deadlock/i.test(document.body?.innerText ?? ''), null, {
          what: `${round}: the explanation window`,
          timeoutMs: 30_000,
        });
        // The window shows the parsed deadlock before it asks the LLM: wait for the ask itself.
        const until = Date.now() + 30_000;
        while (!d.world.ollama.requests.slice(before).some((r) => r.path === '/api/chat') && Date.now() < until)
          await new Promise((r) => setTimeout(r, 200));
        const chat = d.world.ollama.requests.slice(before).find((r) => r.path === '/api/chat');
        check(chat, `${round}: the LLM was never asked`);
        const sent = JSON.stringify(chat.body ?? '');
        check(sent.includes('4242'), `${round}: the deadlock's pids are not in the prompt`);
        check(!sent.includes('jane@example.com'), `${round}: an email reached the prompt`);
        await win.close();
      }
    },
  },
];
