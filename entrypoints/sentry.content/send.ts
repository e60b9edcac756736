import type { Request, Response } from '@/lib/messages';

/** Sends a protocol request to the background. Never throws: a dead background becomes a typed error. */
export async function send<T>(request: Request): Promise<Response<T>> {
  try {
    const res = (await browser.runtime.sendMessage(request)) as Response<T> | undefined;
    return res ?? { ok: false, error: { kind: 'internal', message: 'Dexter’s background did not answer.', nextStep: 'Reload the page; if it persists, reload Dexter from the extensions page.' } };
  } catch (error) {
    return { ok: false, error: { kind: 'internal', message: `Dexter’s background is unreachable (${error instanceof Error ? error.message : String(error)}).`, nextStep: 'Reload the page — Dexter may have been updated.' } };
  }
}
