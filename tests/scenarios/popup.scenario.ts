// The popup, opened as one of Dexter's pages, against the world's Sentry: the settings' live checks.
import { setSettings, setToken, type Scenario } from './driver';

const bodyHas = (text: string) => document.body?.innerText.includes(text) ?? false;

export const scenarios: Scenario[] = [
  {
    name: 'settings check the token and name the scopes a read-only token lacks',
    async run(d) {
      await setToken(d, d.world.sentry.tokens.readOnly);
      const popup = await d.extensionPage('popup.html');
      await popup.click('[role="tab"] :text=Settings');
      await popup.waitFor(bodyHas, 'Token works for https://sentry.io', { what: 'the token check' });
      await popup.waitFor(bodyHas, 'Cannot resolve or ignore — missing:', { what: 'the missing write scope' });
    },
  },
  {
    name: 'settings say the LLM server is reachable and takes Dexter’s POST despite its 403 for extension origins',
    async run(d) {
      await setToken(d, d.world.sentry.tokens.readWrite);
      await setSettings(d, { llm: { model: 'llama3.2:latest', url: 'http://127.0.0.1:11434' } });
      d.world.ollama.setMode('normal');
      const popup = await d.extensionPage('popup.html');
      await popup.click('[role="tab"] :text=Settings');
      await popup.waitFor(bodyHas, 'Ready: llama3.2:latest at http://127.0.0.1:11434', { what: 'the LLM ready line' });
    },
  },
];
