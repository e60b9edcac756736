// The Explain stream as a pure state machine: every phase says what is happening and what to do next,
// and every phase but "streaming" ends (a lost port or a silent model becomes an error with Retry).
import type { DexterError, ExplainServerMessage } from '@/lib/messages';

export type ExplainPhase = 'idle' | 'connecting' | 'waiting' | 'streaming' | 'done' | 'error' | 'cancelled';

export interface ExplainState {
  phase: ExplainPhase;
  text: string;
  model: string | null;
  /** Prompt size the background reported, and what each PII rule scrubbed from it. */
  promptTokens: number | null;
  scrubbed: Record<string, number>;
  deadlock: boolean;
  cached: boolean;
  /** false when the background could not keep the answer for next time (its storage is full). */
  saved: boolean;
  error: DexterError | null;
}

export type ExplainEvent =
  | { type: 'start' }
  | { type: 'server'; message: ExplainServerMessage }
  | { type: 'cancel' }
  | { type: 'disconnected' }
  | { type: 'silent'; seconds: number };

export const INITIAL_EXPLAIN: ExplainState = {
  phase: 'idle',
  text: '',
  model: null,
  promptTokens: null,
  scrubbed: {},
  deadlock: false,
  cached: false,
  saved: true,
  error: null,
};

const ACTIVE: ReadonlySet<ExplainPhase> = new Set(['connecting', 'waiting', 'streaming']);
export const isActive = (phase: ExplainPhase): boolean => ACTIVE.has(phase);

export const LOST_CONNECTION: DexterError = {
  kind: 'unavailable',
  message: 'The connection to Dexter’s background was lost before the answer finished.',
  nextStep: 'Press Retry. If it keeps happening, reload Dexter from the browser’s extensions page.',
};

export function explainReducer(state: ExplainState, event: ExplainEvent): ExplainState {
  switch (event.type) {
    case 'start':
      return { ...INITIAL_EXPLAIN, phase: 'connecting', model: state.model };
    case 'cancel':
      return isActive(state.phase) ? { ...state, phase: 'cancelled' } : state;
    case 'disconnected':
      return isActive(state.phase) ? { ...state, phase: 'error', error: LOST_CONNECTION } : state;
    case 'silent':
      if (!isActive(state.phase)) return state;
      return {
        ...state,
        phase: 'error',
        error: {
          kind: 'llm',
          message: `No answer from the model for ${event.seconds} s.`,
          nextStep:
            'Check that Ollama is running (ollama ps) and press Retry; a large model may need longer to load the first time.',
        },
      };
    case 'server':
      // Late messages after cancel/error/done belong to a stream the user has left.
      if (!isActive(state.phase)) return state;
      return onServer(state, event.message);
  }
}

function onServer(state: ExplainState, message: ExplainServerMessage): ExplainState {
  switch (message.type) {
    case 'prompt':
      return {
        ...state,
        phase: 'waiting',
        promptTokens: message.tokens,
        model: message.model,
        scrubbed: message.scrubbed,
        deadlock: message.deadlock,
      };
    case 'token':
      return { ...state, phase: 'streaming', text: state.text + message.text };
    case 'done':
      return {
        ...state,
        phase: 'done',
        text: message.text,
        cached: message.cached,
        saved: message.saved !== false,
        model: message.model || state.model,
      };
    case 'error':
      return { ...state, phase: 'error', error: message.error };
  }
}
