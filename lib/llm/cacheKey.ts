// Key of a cached explanation: a new event, model or prompt version must never reuse an old answer.
import { PROMPT_VERSION } from './prompt';

export interface ExplanationKeyParts {
  issueId: string;
  eventId: string;
  model: string;
  promptVersion?: string;
}

/** "explain:<issue>:<event>:<model>:<version>", each part URI-encoded so a ':' in a model tag cannot collide. */
export function explanationCacheKey({
  issueId,
  eventId,
  model,
  promptVersion = PROMPT_VERSION,
}: ExplanationKeyParts): string {
  for (const [name, v] of Object.entries({ issueId, eventId, model, promptVersion })) {
    if (!v) throw new TypeError(`explanationCacheKey needs ${name}`);
  }
  return ['explain', issueId, eventId, model, promptVersion].map(encodeURIComponent).join(':');
}
