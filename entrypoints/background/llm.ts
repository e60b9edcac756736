// Explain with AI: prompt building (lib/llm, scrubbed by lib/pii, with the deadlock analysis), the provider
// (Ollama or OpenAI-compatible), streaming over a long-lived port, cancel, stall timeout, and the answer cache.
import { buildPrompt, buildSelectionPrompt, PROMPT_VERSION } from '@/lib/llm/prompt';
import { hasModel, LlmError } from '@/lib/llm/providers';
import type { ContextPlan } from '@/lib/llm/context';
import { explanationCacheKey } from '@/lib/llm/cacheKey';
import { scrubText } from '@/lib/pii';
import { deadlockSection, eventDeadlocks, parseDeadlocks } from '@/lib/deadlock';
import {
  EXPLAIN_PORT,
  explainClientSchema,
  type ExplainServerMessage,
  type LlmContextReport,
  type LlmStatus,
  type Target,
} from '@/lib/messages';
import { senderKind } from '@/lib/sentry/policy';
import type { Settings } from '@/lib/settings';
import { sentryService, type SentryService } from './service';
import { llmHostAccess, originRuleActive } from './ollama-origin';
import { store } from './store';
import { llmKeyHandlers, llmKeyItem } from './llm-key';
import { chatLimits, contextPlan, providerFor } from './llm-model';
import { apiKeyState } from '@/lib/llm/apiKey';
import { KEYS } from '@/lib/storage-keys';
import { toError, type Handlers } from './router';
import { ensureMenus, EXPLAIN_SELECTION } from '@/lib/context-menu';
import type { Browser } from 'wxt/browser';

const scrubber = (s: Settings) => (s.privacy.scrubBeforeLlm ? (text: string) => scrubText(text) : undefined);

async function preparePrompt(
  service: SentryService,
  target: Target,
  issueId: string,
  eventId: string,
  plan: ContextPlan,
) {
  const s = service.settings;
  const [issue, event] = await Promise.all([service.issue(target, issueId), service.event(target, issueId, eventId)]);
  const analysis = eventDeadlocks(event); // before scrubbing: pids and xids must survive
  const built = buildPrompt(event, {
    issue,
    tokenBudget: plan.promptBudget,
    deadlockSection: deadlockSection(analysis),
    scrub: scrubber(s),
  });
  return { built, event, analysis };
}

function contextReport(plan: ContextPlan): LlmContextReport {
  return {
    tokens: plan.context?.tokens ?? null,
    source: plan.context?.source ?? null,
    promptBudget: plan.promptBudget,
    answerReserve: plan.answerReserve,
    capped: plan.capped,
  };
}

export const llmHandlers = {
  ...llmKeyHandlers,
  async 'llm.status'(_m, { service }) {
    const s = service.settings;
    const status: LlmStatus = {
      provider: s.llm.provider,
      url: s.llm.url,
      reachable: false,
      postAllowed: false,
      models: [],
      model: s.llm.model,
      modelMissing: false,
      originRuleActive: originRuleActive(),
      hostAccess: llmHostAccess(),
    };
    status.apiKey = apiKeyState(s.llm.url, await llmKeyItem.getValue());
    const provider = await providerFor(s);
    const check = await provider.checkConnection(s.llm.model || undefined);
    if (check.ok) {
      status.reachable = true;
      status.postAllowed = true;
      status.models = check.models;
      status.modelMissing = !!s.llm.model && !hasModel(check.models, s.llm.model);
      if (s.llm.model && !status.modelMissing)
        status.context = contextReport(await contextPlan(s, provider, { fresh: true }));
    } else {
      status.reachable = check.error.kind !== 'unreachable';
      status.error = toError(check.error);
      if (check.error.kind === 'model-missing') status.modelMissing = true;
    }
    return status;
  },
  async 'prompt.preview'(m, { service }) {
    const plan = await contextPlan(service.settings, await providerFor(service.settings));
    const { built } = await preparePrompt(service, m.target, m.issueId, m.eventId, plan);
    return {
      version: built.version,
      system: built.system,
      user: built.user,
      tokens: built.tokens,
      budget: plan.promptBudget,
      dropped: built.dropped,
      scrubReport: built.scrubReport,
    };
  },
  async 'issue.analysis'(m, { service }) {
    return eventDeadlocks(await service.event(m.target, m.issueId, m.eventId));
  },
} satisfies Partial<Handlers>;

// ---- The Explain port -------------------------------------------------------------------------------------
const selections = new Map<string, string>();
export async function rememberSelection(text: string): Promise<string> {
  const nonce = crypto.randomUUID();
  selections.set(nonce, text);
  await browser.storage.session?.set({ [`selection:${nonce}`]: text }).catch(() => {});
  return nonce;
}
async function takeSelection(nonce: string): Promise<string | null> {
  const mem = selections.get(nonce);
  selections.delete(nonce);
  const key = `selection:${nonce}`;
  const bag: Record<string, unknown> = (await browser.storage.session?.get(key).catch(() => ({}))) ?? {};
  const stored = bag[key] as string | undefined;
  await browser.storage.session?.remove(key).catch(() => {});
  return mem ?? stored ?? null;
}

const ANSWERS = KEYS.explanationPrefix;
type StartMessage = Exclude<ReturnType<typeof explainClientSchema.parse>, { type: 'cancel' }>;
async function explain(port: Browser.runtime.Port, msg: StartMessage, signal: AbortSignal) {
  const post = (m: ExplainServerMessage) => {
    if (!signal.aborted) port.postMessage(m);
  };
  const service = await sentryService();
  const s = service.settings;
  const provider = await providerFor(s);
  if (!s.llm.model) {
    const models = await provider.listModels().catch(() => [] as string[]);
    throw new LlmError(
      'model-missing',
      `No model is chosen for Explain. ${models.length ? `Available: ${models.join(', ')}.` : ''}`,
      'Pick a model in Dexter’s settings (popup → Settings → Model).',
    );
  }
  // The prompt is cut to what the model's context holds beside its answer; Ollama is told that context.
  const plan = await contextPlan(s, provider);
  let system: string,
    user: string,
    tokens: number,
    scrubbed: Record<string, number>,
    deadlock = false,
    cacheKey: string | null = null;
  if (msg.type === 'start') {
    const { built, event, analysis } = await preparePrompt(service, msg.target, msg.issueId, msg.eventId, plan);
    ({ system, user, tokens } = built);
    scrubbed = built.scrubReport;
    deadlock = analysis.isDeadlock;
    cacheKey =
      ANSWERS +
      explanationCacheKey({
        issueId: msg.issueId,
        eventId: String(event?.eventID ?? event?.id ?? ''),
        model: s.llm.model,
        promptVersion: PROMPT_VERSION,
      });
  } else {
    const text = msg.type === 'start-text' ? msg.text : await takeSelection(msg.nonce);
    if (!text)
      throw Object.assign(new Error('That selection has expired.'), {
        kind: 'invalid-request',
        nextStep: 'Select the text and choose “Explain with Dexter” again.',
      });
    const reports = parseDeadlocks(text);
    const built = buildSelectionPrompt(text, { tokenBudget: plan.promptBudget, scrub: scrubber(s) });
    ({ system, user, tokens } = built);
    scrubbed = built.scrubReport;
    deadlock = reports.length > 0;
    if (deadlock)
      user = `${user}\n\nDexter's deadlock analysis of the selection:\n${deadlockSection({ deadlocks: reports, isDeadlock: true })}`;
  }
  post({ type: 'prompt', tokens, model: s.llm.model, scrubbed, deadlock });
  if (cacheKey && !(msg.type === 'start' && msg.regenerate)) {
    const cached = await store.get(cacheKey).catch(() => undefined);
    if (typeof cached === 'string' && cached)
      return post({ type: 'done', text: cached, cached: true, model: s.llm.model });
  }
  const text = await provider.streamChat({
    model: s.llm.model,
    system,
    user,
    signal,
    ...chatLimits(s, plan),
    onToken: (t) => post({ type: 'token', text: t }),
  });
  // A full storage must not turn a finished answer into an error: the answer is shown, only not kept.
  const saved = cacheKey
    ? await store.set(cacheKey, text).then(
        () => true,
        (e: unknown) => (
          console.warn('[Dexter] the explanation was not stored:', e instanceof Error ? e.message : e),
          false
        ),
      )
    : undefined;
  post({ type: 'done', text, cached: false, model: s.llm.model, saved });
}

export function registerExplainPort(): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== EXPLAIN_PORT) return;
    let controller: AbortController | null = null;
    void sentryService().then(({ settings }) => {
      const kind = senderKind(
        {
          id: port.sender?.id,
          url: port.sender?.url,
          frameId: port.sender?.frameId,
          tab: port.sender?.tab ? { id: port.sender.tab.id, url: port.sender.tab.url } : undefined,
        },
        {
          extensionId: browser.runtime.id,
          extensionOrigin: browser.runtime.getURL('/'),
          selfHostedBases: settings.sentry.selfHostedBases,
        },
      );
      if (!kind) port.disconnect();
    });
    port.onMessage.addListener((raw: unknown) => {
      const parsed = explainClientSchema.safeParse(raw);
      if (!parsed.success)
        return port.postMessage({
          type: 'error',
          error: { kind: 'invalid-request', message: 'Malformed request.' },
        } satisfies ExplainServerMessage);
      controller?.abort();
      if (parsed.data.type === 'cancel') return;
      controller = new AbortController();
      const signal = controller.signal;
      explain(port, parsed.data as StartMessage, signal).catch((error) => {
        const e = toError(error);
        try {
          port.postMessage({ type: 'error', error: e } satisfies ExplainServerMessage);
        } catch {
          /* port gone */
        }
      });
    });
    port.onDisconnect.addListener(() => controller?.abort());
  });
}

// ---- Context menu: "Explain with Dexter" on any selected text ---------------------------------------------
export function registerContextMenu(): void {
  // Made again at every background start (lib/context-menu.ts says why).
  const menus = browser.contextMenus;
  void ensureMenus({
    removeAll: () => menus.removeAll(),
    create: (item, done) => void menus.create(item, done),
    lastError: () => browser.runtime.lastError,
  }).then((errors) => errors.length && console.warn('[Dexter] context menu:', errors.join('; ')));
  menus.onClicked.addListener((info) => {
    if (info.menuItemId !== EXPLAIN_SELECTION.id || !info.selectionText) return;
    void openSelectionPanel(info.selectionText);
  });
}

/** Opens the panel for a selection in a small window where the user is. Exported so tests can call it. */
export async function openSelectionPanel(text: string): Promise<string> {
  const nonce = await rememberSelection(text);
  const url = `${browser.runtime.getURL('/panel.html' as '/popup.html')}#view=selection&nonce=${nonce}&autostart=1`;
  await browser.windows
    .create({ url, type: 'popup', width: 560, height: 720 })
    .catch(() => browser.tabs.create({ url }));
  return nonce;
}
