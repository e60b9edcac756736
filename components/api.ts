// How Dexter's pages (popup, Explorer) talk to the background. Tests swap the sender with setSender().
import type { z } from 'zod';
import type { Response, requestSchema } from '@/lib/messages';

/** A request as the caller writes it: fields with defaults in the protocol may be left out. */
export type Request = z.input<typeof requestSchema>;

export type Send = <T>(request: Request) => Promise<Response<T>>;

async function runtimeSend<T>(request: Request): Promise<Response<T>> {
  try {
    const res = (await browser.runtime.sendMessage(request)) as Response<T> | undefined;
    return res ?? { ok: false, error: { kind: 'internal', message: 'Dexter’s background did not answer.', nextStep: 'Close and reopen this page; if it persists, reload Dexter from the extensions page.' } };
  } catch (error) {
    return { ok: false, error: { kind: 'internal', message: `Dexter’s background is unreachable (${error instanceof Error ? error.message : String(error)}).`, nextStep: 'Close and reopen this page — Dexter may have been updated.' } };
  }
}

let current: Send = runtimeSend;

/** Sends a protocol request to the background. Never throws: a dead background becomes a typed error. */
export function send<T>(request: Request): Promise<Response<T>> {
  return current<T>(request);
}

/** Replaces the sender (tests); returns a function that restores the previous one. */
export function setSender(fn: Send): () => void {
  const previous = current;
  current = fn;
  return () => {
    current = previous;
  };
}
