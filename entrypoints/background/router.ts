// Every message to the background comes through here: sender check, zod validation, then the handler. Handlers are
// typed against lib/messages.ts `Answers`: each returns its message's answer (or throws), and the router wraps it.
import {
  ERROR_KINDS,
  parseMessage,
  type AnswerOf,
  type DexterError,
  type MessageOf,
  type MessageType,
  type Reply,
} from '@/lib/messages';
import { senderKind } from '@/lib/sentry/policy';
import { sentryService, type SentryService } from './service';
import type { Browser } from 'wxt/browser';

export type Sender = Browser.runtime.MessageSender;
export interface HandlerContext {
  sender: Sender;
  service: SentryService;
}
export type Handler<T extends MessageType> = (message: MessageOf<T>, ctx: HandlerContext) => Promise<AnswerOf<T>>;
/** Every message type has exactly one handler; a missing one or a wrong answer shape does not compile. */
export type Handlers = { [T in MessageType]: Handler<T> };

/** A handler's refusal with the reason the user sees (the router turns it into `{ ok: false, error }`). */
export class Refusal extends Error {
  constructor(
    public kind: DexterError['kind'],
    message: string,
    public nextStep?: string,
  ) {
    super(message);
  }
}

export function toError(error: unknown): DexterError {
  if (error && typeof error === 'object' && 'kind' in error && 'message' in error) {
    const e = error as {
      kind: string;
      message: string;
      userMessage?: string;
      nextStep?: string;
      retryAt?: number;
      retryAfterMs?: number;
      availableModels?: string[];
    };
    const known = (ERROR_KINDS as readonly string[]).includes(e.kind);
    const retryAt = e.retryAt ?? (e.retryAfterMs ? Date.now() + e.retryAfterMs : undefined);
    // LLM errors (unreachable, origin-blocked, model-missing, …) keep their own kind in detail.
    return {
      kind: known ? (e.kind as DexterError['kind']) : 'llm',
      message: e.userMessage ?? e.message,
      nextStep: e.nextStep,
      retryAt,
      detail: known ? undefined : { kind: e.kind, availableModels: e.availableModels },
    };
  }
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/** Messages that change Sentry data, settings or the token, or read another tab's state: only Dexter's own pages may
 *  send them, never the content script that lives inside Sentry's page. */
const PAGE_ONLY: ReadonlySet<MessageType> = new Set([
  'issues.update',
  'issues.restore',
  'issues.merge',
  'issue.comment',
  'auth.set',
  'auth.clear',
  'settings.set',
  'page.status',
  'llm.key.set',
  'llm.key.clear',
]);

export async function handleMessage(
  raw: unknown,
  sender: Sender,
  handlers: Handlers,
  service: Promise<SentryService> = sentryService(),
): Promise<Reply> {
  const svc = await service;
  const kind = senderKind(
    {
      id: sender.id,
      url: sender.url,
      frameId: sender.frameId,
      tab: sender.tab ? { id: sender.tab.id, url: sender.tab.url } : undefined,
    },
    {
      extensionId: browser.runtime.id,
      extensionOrigin: browser.runtime.getURL('/'),
      selfHostedBases: svc.settings.sentry.selfHostedBases,
    },
  );
  if (!kind)
    return {
      ok: false,
      error: { kind: 'forbidden-sender', message: 'Dexter only answers its own pages and its overlay on Sentry.' },
    };
  const parsed = parseMessage(raw);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const message = parsed.message;
  if (kind !== 'extension-page' && PAGE_ONLY.has(message.type)) {
    return {
      ok: false,
      error: {
        kind: 'forbidden-sender',
        message: 'Changes are made from Dexter’s own pages (popup, Explorer, panel), not from the overlay.',
      },
    };
  }
  const handler = handlers[message.type] as Handler<MessageType>;
  try {
    return { ok: true, data: await handler(message, { sender, service: svc }) };
  } catch (error) {
    return { ok: false, error: toError(error) };
  }
}
