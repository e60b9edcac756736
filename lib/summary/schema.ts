// One line per issue: what the model must answer (a zod schema, sent to the model as JSON Schema and checked against
// the answer), the causes Dexter names, and the cache key of an answer.
import { z } from 'zod';

import { CAUSES, type Cause } from './causes';

export { CAUSES, CAUSE_LABELS, type Cause } from './causes';

export const summarySchema = z.object({
  summary: z.string().min(3).max(100).describe('One plain sentence, at most 100 characters, saying what went wrong.'),
  cause: z.enum(CAUSES).describe('The suspected cause category.'),
  confidence: z.number().min(0).max(1).describe('How sure you are of the cause, 0 to 1.'),
});
export type SummaryAnswer = z.infer<typeof summarySchema>;

export const SUMMARY_PROMPT_VERSION = 'summary-v1';

/** What a row shows: the model's line, or "unknown" with the reason. */
export interface IssueSummary {
  issueId: string;
  eventId: string;
  status: 'ok' | 'unknown';
  summary: string;
  cause: Cause;
  confidence: number;
  model: string;
  cached: boolean;
  /** Why the answer is unknown (the model's answer never fitted, or it failed). */
  reason?: string;
  /** Time spent in Dexter (prompt, queue bookkeeping, parse) and in the model, ms. */
  dexterMs?: number;
  modelMs?: number;
}

/** "summary:<issue>:<event>:<model>:<version>", each part URI-encoded so a ':' in a model tag cannot collide. */
export function summaryCacheKey(
  issueId: string,
  eventId: string,
  model: string,
  version = SUMMARY_PROMPT_VERSION,
): string {
  for (const [name, v] of Object.entries({ issueId, eventId, model, version }))
    if (!v) throw new TypeError(`summaryCacheKey needs ${name}`);
  return ['summary', issueId, eventId, model, version].map(encodeURIComponent).join(':');
}
