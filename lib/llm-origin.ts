// The declarativeNetRequest rule that lets Dexter talk to a local Ollama without OLLAMA_ORIGINS: Ollama answers
// 403 to requests whose Origin is chrome-extension:// or moz-extension:// (ollama/ollama#3016, #2308), so the
// rule removes the Origin header — only for the configured local host:port, and only for requests that no tab
// made (tabIds [-1]) and that this extension initiated (initiatorDomains), so neither a web page nor another
// extension can use it to reach Ollama.

export const OLLAMA_ORIGIN_RULE_ID = 1;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Whether the LLM URL is on this machine, where a header rule can work. Remote servers need OLLAMA_ORIGINS. */
export function isLocalLlmUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname) : false;
  } catch {
    return false;
  }
}

export function ollamaOriginRule(llmUrl: string, extensionId: string) {
  const u = new URL(llmUrl);
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  const explicitPort = u.port ? `:${escapeRegex(port)}` : `(:${port})?`;
  return {
    id: OLLAMA_ORIGIN_RULE_ID,
    priority: 1,
    action: { type: 'modifyHeaders' as const, requestHeaders: [{ header: 'origin', operation: 'remove' as const }] },
    condition: {
      regexFilter: `^${escapeRegex(u.protocol)}//${escapeRegex(u.hostname)}${explicitPort}/`,
      resourceTypes: ['xmlhttprequest' as const, 'other' as const],
      tabIds: [-1],
      initiatorDomains: [extensionId],
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
