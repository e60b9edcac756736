import type { Handlers } from './router';
// LLM handlers (llm.status, prompt.preview) and the Explain port are wired in the next commit.
export const llmHandlers: Handlers = {};
