// Firefox's way to let Dexter reach a local LLM server that refuses extension origins (Ollama answers 403 to any
// moz-extension:// Origin, as to chrome-extension://): Chrome removes the header with a declarativeNetRequest rule
// (lib/llm-origin.ts); Firefox's rule engine does not know an extension initiator by its id, so there a blocking
// webRequest listener removes it. Both follow the same scope, decided here: only requests to the configured server's
// exact scheme, host and port, only those Dexter's own pages or background made (no tab's web page), never others.

export interface OutgoingRequest {
  url: string;
  /** Firefox: the URL of the document or background that made the request. */
  originUrl?: string;
  /** -1 when no tab made it (the background); a tab's id otherwise. */
  tabId: number;
}

/** The part of a URL the rule matches on: scheme, host and the port (written out even when it is the default). */
export function serverKey(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return `${u.protocol}//${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`;
  } catch {
    return null;
  }
}

/** Whether Dexter removes the Origin header from this request. */
export function stripsOrigin(request: OutgoingRequest, opts: { llmUrl: string; extensionBase: string }): boolean {
  const server = serverKey(opts.llmUrl);
  if (!server || serverKey(request.url) !== server) return false;
  // Made by Dexter: its background (no tab) or one of its own pages, never a web page in a tab.
  return !!request.originUrl?.startsWith(opts.extensionBase);
}

/** A webRequest URL filter for the server: match patterns carry no port, so the listener checks the port itself. */
export function serverUrlFilter(llmUrl: string): string | null {
  try {
    const u = new URL(llmUrl);
    return u.protocol === 'http:' || u.protocol === 'https:' ? `${u.protocol}//${u.hostname}/*` : null;
  } catch {
    return null;
  }
}
