// What follows a settings change: content scripts for self-hosted Sentry, the LLM Origin rule, open tabs.
import type { Settings } from '@/lib/settings';
import { applyLlmOriginRule } from './ollama-origin';
import { sentryService } from './service';

const SELF_HOSTED_ID = 'dexter-self-hosted';

/** Self-hosted Sentry: the content script is registered at run time for the bases the user granted. */
export async function syncSelfHostedScripts(settings: Settings): Promise<void> {
  const scripting = browser.scripting;
  if (!scripting?.registerContentScripts) return;
  // One id at a time: Chrome rejects the whole call when one of the ids is not registered.
  for (const id of [SELF_HOSTED_ID, `${SELF_HOSTED_ID}-start`])
    await scripting.unregisterContentScripts({ ids: [id] }).catch(() => {});
  const granted: string[] = [];
  for (const base of settings.sentry.selfHostedBases) {
    const pattern = `${new URL(base).origin}/*`;
    if (await browser.permissions.contains({ origins: [pattern] }).catch(() => false)) granted.push(pattern);
  }
  if (!granted.length) return;
  await scripting.registerContentScripts([
    {
      id: SELF_HOSTED_ID,
      matches: granted,
      js: ['content-scripts/sentry.js'],
      runAt: 'document_idle',
      persistAcrossSessions: true,
    },
    // Before the page is laid out: the room for the list badges (entrypoints/sentry-start.content.ts).
    {
      id: `${SELF_HOSTED_ID}-start`,
      matches: granted,
      js: ['content-scripts/sentry-start.js'],
      runAt: 'document_start',
      persistAcrossSessions: true,
    },
  ]);
}

export async function onSettingsChanged(settings: Settings): Promise<void> {
  await Promise.allSettled([syncSelfHostedScripts(settings), applyLlmOriginRule(settings)]);
  const tabs = await browser.tabs.query({}).catch(() => []);
  await Promise.allSettled(
    tabs.filter((t) => t.id !== undefined).map((t) => browser.tabs.sendMessage(t.id!, { type: 'settings.changed' })),
  );
}

/** Access granted or taken away (in settings, or on the browser's extensions page) changes what may run where. */
export function watchHostAccess(): void {
  const again = () => void sentryService().then((s) => onSettingsChanged(s.settings));
  browser.permissions.onAdded.addListener(again);
  browser.permissions.onRemoved.addListener(again);
}
