// Where the LLM server's API key may go: only to the origin it was entered for (Authorization: Bearer), so a URL
// changed later — or a typo — never receives it. Pure; the background stores the key and asks here.
import { llmServerOrigin } from '../llm-origin';
import type { LlmAuth } from '../storage-keys';

export type ApiKeyState = 'none' | 'set' | 'other-server';

/** The key for requests to `serverUrl`, or undefined when there is none for that origin. */
export function apiKeyFor(serverUrl: string, auth: LlmAuth | null): string | undefined {
  return auth?.apiKey && llmServerOrigin(serverUrl) === auth.origin ? auth.apiKey : undefined;
}

/** What the settings screen may know: whether a key is set for this server, never the key. */
export function apiKeyState(serverUrl: string, auth: LlmAuth | null): ApiKeyState {
  if (!auth?.apiKey) return 'none';
  return apiKeyFor(serverUrl, auth) ? 'set' : 'other-server';
}
