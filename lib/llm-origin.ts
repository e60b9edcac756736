// Reaching the user's LLM server wherever it runs: the URL they type, the one host permission Dexter asks for it,
// and the declarativeNetRequest rule that lets Dexter through Ollama's origin check without OLLAMA_ORIGINS.
// Ollama answers 403 to requests whose Origin is chrome-extension:// or moz-extension:// (ollama/ollama#3016, #2308),
// so the rule removes the Origin header — only for the configured host and port, only for requests that no tab made
// (tabIds [-1]) and that this extension initiated (initiatorDomains), so neither a web page nor another extension can
// use it to reach the server. The background installs it once the user granted Dexter access to that origin.

export const LLM_ORIGIN_RULE_ID = 1;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export type LlmUrlCheck = { ok: true; url: string; origin: string } | { ok: false; reason: string };

/** The server URL a user types, normalised (no trailing slash; a path such as /v1 or a proxy's prefix stays). */
export function checkLlmUrl(input: string): LlmUrlCheck {
  let u: URL;
  try {
    u = new URL(input.trim());
  } catch {
    return { ok: false, reason: 'Enter a full URL such as http://127.0.0.1:11434 or http://gpu-box.lan:8080.' };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    return { ok: false, reason: 'Only http(s) servers can be used.' };
  if (u.username || u.password || u.search || u.hash)
    return { ok: false, reason: 'Leave out credentials, query and fragment (an API key has its own field).' };
  return { ok: true, url: `${u.origin}${u.pathname.replace(/\/+$/, '')}`, origin: u.origin };
}

/** The http(s) origin of a server URL, or null. */
export function llmServerOrigin(url: string): string | null {
  const c = checkLlmUrl(url);
  return c.ok ? c.origin : null;
}

/**
 * The host permission to ask for. Chrome's match patterns carry a port, so Dexter asks for that one server;
 * Firefox's cannot (Mozilla bug 1362809: "host must not include a port"), so there it can only be the whole host.
 */
export function llmHostPermission(url: string, { withPort }: { withPort: boolean }): string | null {
  const c = checkLlmUrl(url);
  if (!c.ok) return null;
  const u = new URL(c.origin);
  return `${u.protocol}//${withPort ? u.host : u.hostname}/*`;
}

/** The pattern this build asks for and checks (the port dropped only in a Firefox build). */
export const llmPermissionFor = (url: string): string | null =>
  llmHostPermission(url, { withPort: !import.meta.env.FIREFOX });

/**
 * The session rule for one server. `extensionHost` is the host of the extension's own URL (runtime.getURL('/')):
 * the id in Chrome, but the per-install UUID in Firefox, where runtime.id is the add-on id and would never match.
 */
export function llmOriginRule(llmUrl: string, extensionHost: string) {
  const u = new URL(llmUrl);
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  const explicitPort = u.port ? `:${escapeRegex(port)}` : `(:${port})?`;
  return {
    id: LLM_ORIGIN_RULE_ID,
    priority: 1,
    action: { type: 'modifyHeaders' as const, requestHeaders: [{ header: 'origin', operation: 'remove' as const }] },
    condition: {
      regexFilter: `^${escapeRegex(u.protocol)}//${escapeRegex(u.hostname)}${explicitPort}/`,
      resourceTypes: ['xmlhttprequest' as const, 'other' as const],
      tabIds: [-1],
      initiatorDomains: [extensionHost],
    },
  };
}

export function ollamaOriginsFix(): string {
  return [
    'Ollama refuses requests from browser extensions unless it is told to allow them. Set OLLAMA_ORIGINS and restart Ollama:',
    '  Linux (systemd):  sudo systemctl edit ollama  → add  [Service]  Environment="OLLAMA_ORIGINS=chrome-extension://*,moz-extension://*"  then  sudo systemctl restart ollama',
    '  macOS:            launchctl setenv OLLAMA_ORIGINS "chrome-extension://*,moz-extension://*"  then quit and reopen Ollama',
    '  Windows:          setx OLLAMA_ORIGINS "chrome-extension://*,moz-extension://*"  then quit Ollama from the tray and start it again',
  ].join('\n');
}
