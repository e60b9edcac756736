// The on-call digest (issue #17): the issues Sentry lists as seen in the last N hours (up to 500, most events first),
// built into the digest without any LLM; with `narrative`, the user's model writes short statements that each cite
// short ids, and only statements citing issues of the digest are kept.
import { buildDigest, type DigestInput } from '@/lib/digest/build';
import { checkCitations, narrativePrompt, narrativeSchema } from '@/lib/digest/narrative';
import { structuredChat } from '@/lib/llm/structured';
import { scrubText } from '@/lib/pii';
import { apiKeyFor } from '@/lib/llm/apiKey';
import { llmKeyItem } from './llm-key';
import type { DigestAnswer } from '@/lib/messages';
import { toError, type Handlers } from './router';

const PAGES = 5;

export const digestHandlers = {
  async 'digest.build'(m, { service }) {
    const { client } = service.client(m.target);
    const load = async () => {
      const all: DigestInput[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < PAGES; i++) {
        const page = await client.listIssues(m.target.org, {
          query: `lastSeen:-${m.hours}h`,
          sort: 'freq',
          statsPeriod: m.hours <= 24 ? '24h' : '14d',
          limit: 100,
          cursor,
          project: [-1],
        });
        all.push(...(page.issues as DigestInput[]));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      return all;
    };
    const issues = await service.cache.get(service.key(m.target, 'digest', m.hours), load);
    const digest = buildDigest(issues, m.hours, Date.now());
    const answer: DigestAnswer = { digest, narrative: null };
    const s = service.settings;
    if (!m.narrative) return answer;
    if (!s.llm.model)
      return {
        ...answer,
        narrativeError: {
          kind: 'llm',
          message: 'No model is chosen, so the digest has no narrative.',
          nextStep: 'Pick a model in Dexter’s settings.',
        },
      };
    try {
      const prompt = narrativePrompt(digest, s.privacy.scrubBeforeLlm ? (t) => scrubText(t).text : undefined);
      // The server's API key, as for summaries and Explain (a llama.cpp or vLLM started with --api-key wants it).
      const apiKey = apiKeyFor(s.llm.url, await llmKeyItem.getValue());
      const r = await structuredChat(
        { provider: s.llm.provider, url: s.llm.url, stallSeconds: s.llm.stallSeconds, apiKey },
        { model: s.llm.model, name: 'digest_narrative', schema: narrativeSchema, ...prompt },
      );
      if (!r.ok)
        return {
          ...answer,
          model: s.llm.model,
          narrativeError: { kind: 'llm', message: `The model’s narrative never fitted its schema: ${r.reason}` },
        };
      return { ...answer, model: s.llm.model, narrative: checkCitations(r.value, digest) };
    } catch (error) {
      return { ...answer, narrativeError: toError(error) };
    }
  },
} satisfies Partial<Handlers>;
