// One line per issue (issue #17): the latest event's prompt (scrubbed and budgeted like Explain's), the user's model
// asked for a structured answer through the queue (one call at a time per server unless the settings allow more, rows
// in view first, dropped when the asking page is left), cached per issue + event + model + prompt version.
import { CancelledError, ModelQueue } from '@/lib/summary/queue';
import { buildSummaryPrompt } from '@/lib/summary/prompt';
import { summaryCacheKey, summarySchema, SUMMARY_PROMPT_VERSION, type IssueSummary } from '@/lib/summary/schema';
import { structuredChat } from '@/lib/llm/structured';
import { scrubText } from '@/lib/pii';
import { apiKeyFor } from '@/lib/llm/apiKey';
import { chatLimits, contextPlan, providerFor } from './llm-model';
import { llmKeyItem } from './llm-key';
import { store } from './store';
import { Refusal, type Handlers, type Sender } from './router';
import { SUMMARY_PORT, summaryPortSchema } from '@/lib/messages';

const queue = new ModelQueue((server) => (server === current.server ? current.concurrency : 1));
const current = { server: '', concurrency: 1 };

const ownerOf = (sender: Sender, owner: string) => `${sender.tab?.id ?? sender.url ?? 'page'}|${owner}`;

export const summaryHandlers = {
  async 'summary.get'(m, { service, sender }) {
    const s = service.settings;
    if (!s.llm.model)
      throw new Refusal(
        'llm',
        'No model is chosen for summaries.',
        'Pick a model in Dexter’s settings (popup → Settings → Model).',
      );
    current.server = s.llm.url;
    current.concurrency = s.insights.concurrency;
    const asked = Date.now();
    const owner = ownerOf(sender, m.owner);
    const event = await service.event(m.target, m.issueId, 'latest');
    // The page may have been left while its event was fetched: then the model is not asked at all.
    if (queue.leftSince(owner, asked)) throw new CancelledError();
    const eventId = String(event.eventID ?? event.id);
    const key = summaryCacheKey(m.issueId, eventId, s.llm.model, SUMMARY_PROMPT_VERSION);
    const stored = (await store.get(key).catch(() => undefined)) as IssueSummary | undefined;
    if (stored) return { ...stored, cached: true };
    return queue.enqueue<IssueSummary>({
      key,
      owner,
      server: s.llm.url,
      priority: m.priority === 'view' ? 0 : 1,
      async run(signal) {
        const t0 = performance.now();
        const issue = await service.issue(m.target, m.issueId);
        // The model's context decides the budget and what is sent (background/llm-model.ts), as for Explain.
        const plan = await contextPlan(s, await providerFor(s));
        const prompt = buildSummaryPrompt(event, {
          issue,
          tokenBudget: plan.promptBudget,
          scrub: s.privacy.scrubBeforeLlm ? (t) => scrubText(t) : undefined,
        });
        const apiKey = apiKeyFor(s.llm.url, await llmKeyItem.getValue());
        const r = await structuredChat(
          { provider: s.llm.provider, url: s.llm.url, stallSeconds: s.llm.stallSeconds, apiKey },
          {
            model: s.llm.model,
            name: 'issue_summary',
            schema: summarySchema,
            system: prompt.system,
            user: prompt.user,
            signal,
            ...chatLimits(s, plan),
          },
        );
        const base = {
          issueId: m.issueId,
          eventId,
          model: s.llm.model,
          cached: false,
          modelMs: Math.round(r.modelMs),
          dexterMs: Math.round(performance.now() - t0 - r.modelMs),
        };
        const answer: IssueSummary = r.ok
          ? { ...base, status: 'ok', summary: r.value.summary, cause: r.value.cause, confidence: r.value.confidence }
          : { ...base, status: 'unknown', summary: '', cause: 'unknown', confidence: 0, reason: r.reason };
        // Only answers that fit are kept: an unknown one is asked again next time.
        // Kept under the one storage budget (background/store.ts); a full store costs the cache, not the answer.
        if (r.ok)
          await store
            .set(key, answer)
            .catch((e: unknown) =>
              console.warn('[Dexter] the summary was not stored:', e instanceof Error ? e.message : e),
            );
        return answer;
      },
    });
  },
  async 'summary.cancel'(m, { sender }) {
    return queue.cancelOwner(ownerOf(sender, m.owner));
  },
} satisfies Partial<Handlers>;

// A closed tab asks nothing any more, nor does a page the tab has left: a full page load gives its old page no
// chance to say goodbye (its content script is gone), so the tab starting to load a new document cancels what its
// pages asked. In-app navigations keep the document: there the overlay cancels its own asks when it moves on.
export function cancelSummariesOfClosedTabs(): void {
  browser.tabs?.onRemoved.addListener((tabId) => {
    queue.cancelOwnerPrefix(`${tabId}|`);
  });
  browser.tabs?.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') queue.cancelOwnerPrefix(`${tabId}|`);
  });
}

/** The part of a runtime port the summary port needs (tests hand in a fake). */
export interface OwnerPort {
  name: string;
  sender?: Sender;
  onMessage: { addListener(fn: (message: unknown) => void): void };
  onDisconnect: { addListener(fn: () => void): void };
}

/** A page that names its owner on the summary port has what it asked cancelled when the port goes: the popup closing
 *  runs no code of its own, so summary.cancel cannot be sent then. Every owner starting with the named one goes too
 *  (pages ask per row as `<owner>-<row>`). Only the sender's own asks can be reached (ownerOf is keyed by the sender),
 *  so no sender check is needed for a port that can only cancel. */
export function watchOwnerPort(
  port: OwnerPort,
  cancelPrefix: (prefix: string) => number = (p) => queue.cancelOwnerPrefix(p),
): void {
  if (port.name !== SUMMARY_PORT) return;
  const owners = new Set<string>();
  port.onMessage.addListener((raw) => {
    const r = summaryPortSchema.safeParse(raw);
    if (r.success) owners.add(ownerOf(port.sender ?? {}, r.data.owner));
  });
  port.onDisconnect.addListener(() => {
    for (const o of owners) cancelPrefix(o);
  });
}

export function cancelSummariesOfClosedPorts(): void {
  browser.runtime.onConnect.addListener((port) => watchOwnerPort(port as unknown as OwnerPort));
}
