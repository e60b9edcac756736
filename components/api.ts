// How every Dexter context that is not the background (popup, Explorer, panels, the overlay in Sentry's page) talks
// to the background. The answer's type follows from the message (lib/messages.ts `Answers`). Tests swap the
// transport with setSender(). Only types come from lib/messages: zod stays out of the content script.
import type { MessageInput, MessageType, Reply, ReplyOf } from '@/lib/messages';

export type { MessageInput };
/** The transport: one message in, the background's reply out. Never throws. */
export type Transport = (message: MessageInput) => Promise<Reply>;

async function runtimeSend(message: MessageInput): Promise<Reply> {
  const reload = globalThis.location?.protocol.endsWith('-extension:')
    ? 'Close and reopen this page'
    : 'Reload the page';
  try {
    const res = (await browser.runtime.sendMessage(message)) as Reply | undefined;
    return (
      res ?? {
        ok: false,
        error: {
          kind: 'internal',
          message: 'Dexter’s background did not answer.',
          nextStep: `${reload}; if it persists, reload Dexter from the extensions page.`,
        },
      }
    );
  } catch (error) {
    return {
      ok: false,
      error: {
        kind: 'internal',
        message: `Dexter’s background is unreachable (${error instanceof Error ? error.message : String(error)}).`,
        nextStep: `${reload} — Dexter may have been updated.`,
      },
    };
  }
}

let current: Transport = runtimeSend;

/** Sends a protocol message to the background; the reply is typed by the message's `type`. Never throws: a dead
 *  background becomes a typed error. */
export function send<M extends MessageInput>(message: M): Promise<ReplyOf<M['type'] & MessageType>> {
  return current(message) as Promise<ReplyOf<M['type'] & MessageType>>;
}

/** Replaces the transport (tests); returns a function that restores the previous one. */
export function setSender(fn: Transport): () => void {
  const previous = current;
  current = fn;
  return () => {
    current = previous;
  };
}
