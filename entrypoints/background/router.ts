// Every message to the background comes through here: sender check, zod validation, then the handler.
import { ERROR_KINDS, parseRequest, type DexterError, type Request, type Response } from '@/lib/messages';
import { senderKind } from '@/lib/policy';
import { getSettings } from './settings';
import type { Browser } from 'wxt/browser';

type Sender = Browser.runtime.MessageSender;
export type Handler<T extends Request['type']> = (request: Extract<Request, { type: T }>, sender: Sender) => Promise<Response>;
export type Handlers = { [T in Request['type']]?: Handler<T> };

export function toError(error: unknown): DexterError {
  if (error && typeof error === 'object' && 'kind' in error && 'message' in error) {
    const e = error as { kind: string; message: string; userMessage?: string; nextStep?: string; retryAt?: number; retryAfterMs?: number; availableModels?: string[] };
    const known = (ERROR_KINDS as readonly string[]).includes(e.kind);
    const retryAt = e.retryAt ?? (e.retryAfterMs ? Date.now() + e.retryAfterMs : undefined);
    // LLM errors (unreachable, origin-blocked, model-missing, …) keep their own kind in detail.
    return { kind: known ? (e.kind as DexterError['kind']) : 'llm', message: e.userMessage ?? e.message, nextStep: e.nextStep, retryAt, detail: known ? undefined : { kind: e.kind, availableModels: e.availableModels } };
  }
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/** Requests that change Sentry data, settings or the token: only Dexter's own pages may send them, never the
 *  content script that lives inside Sentry's page. */
const PAGE_ONLY: ReadonlySet<Request['type']> = new Set(['issues.update', 'issue.comment', 'auth.set', 'auth.clear', 'settings.set']);

export async function handleMessage(raw: unknown, sender: Sender, handlers: Handlers): Promise<Response> {
  const settings = await getSettings();
  const kind = senderKind(
    { id: sender.id, url: sender.url, tab: sender.tab ? { id: sender.tab.id, url: sender.tab.url } : undefined },
    { extensionId: browser.runtime.id, extensionOrigin: browser.runtime.getURL('/'), selfHostedBases: settings.sentry.selfHostedBases },
  );
  if (!kind) return { ok: false, error: { kind: 'forbidden-sender', message: 'Dexter only answers its own pages and its overlay on Sentry.' } };
  const parsed = parseRequest(raw);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  if (kind !== 'extension-page' && PAGE_ONLY.has(parsed.request.type)) {
    return { ok: false, error: { kind: 'forbidden-sender', message: 'Changes are made from Dexter’s own pages (popup, Explorer, panel), not from the overlay.' } };
  }
  const handler = handlers[parsed.request.type] as Handler<Request['type']> | undefined;
  if (!handler) return { ok: false, error: { kind: 'invalid-request', message: `No handler for ${parsed.request.type}.` } };
  try {
    return await handler(parsed.request, sender);
  } catch (error) {
    return { ok: false, error: toError(error) };
  }
}
