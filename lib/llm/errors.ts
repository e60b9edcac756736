// Typed failures of the LLM layer, each with a message for the user and the next step to take.

export type LlmErrorKind =
  'unreachable' | 'origin-blocked' | 'model-missing' | 'stream-error' | 'stalled' | 'cancelled' | 'http-error';

export const OLLAMA_ORIGINS_VALUE = 'chrome-extension://*,moz-extension://*';

/** How to let the browser extension talk to Ollama, per OS (Ollama rejects unknown Origins with 403). */
export const ORIGIN_FIX = [
  `Ollama refuses requests from browser extensions unless OLLAMA_ORIGINS allows them. Set OLLAMA_ORIGINS=${OLLAMA_ORIGINS_VALUE} and restart Ollama:`,
  `• Linux (systemd): run \`sudo systemctl edit ollama.service\`, add the lines [Service] and Environment="OLLAMA_ORIGINS=${OLLAMA_ORIGINS_VALUE}", then \`sudo systemctl daemon-reload && sudo systemctl restart ollama\`. If you start it by hand: \`OLLAMA_ORIGINS="${OLLAMA_ORIGINS_VALUE}" ollama serve\`.`,
  `• macOS: run \`launchctl setenv OLLAMA_ORIGINS "${OLLAMA_ORIGINS_VALUE}"\`, then quit Ollama from the menu bar and open it again.`,
  `• Windows: run \`setx OLLAMA_ORIGINS "${OLLAMA_ORIGINS_VALUE}"\` (or add it under "Edit environment variables for your account"), then quit Ollama from the taskbar tray and start it again.`,
].join('\n');

export class LlmError extends Error {
  readonly kind: LlmErrorKind;
  readonly nextStep: string;
  readonly status?: number;
  /** For 'model-missing': the models the server does have. */
  readonly availableModels?: string[];

  constructor(
    kind: LlmErrorKind,
    message: string,
    nextStep: string,
    extra: { status?: number; availableModels?: string[]; cause?: unknown } = {},
  ) {
    super(message, { cause: extra.cause });
    this.name = 'LlmError';
    this.kind = kind;
    this.nextStep = nextStep;
    this.status = extra.status;
    this.availableModels = extra.availableModels;
  }
}

export const llmErrors = {
  unreachable: (url: string, cause?: unknown) =>
    new LlmError(
      'unreachable',
      `Dexter could not reach the model server at ${url}.`,
      "Check that it is running (for Ollama: `ollama serve`) and that the URL in Dexter's settings is right.",
      { cause },
    ),
  originBlocked: (url: string) =>
    new LlmError(
      'origin-blocked',
      `The model server at ${url} answered 403: it does not accept requests from browser extensions.`,
      ORIGIN_FIX,
      { status: 403 },
    ),
  modelMissing: (model: string, available: string[]) =>
    new LlmError(
      'model-missing',
      model ? `The model "${model}" is not installed on the server.` : 'No model is selected.',
      available.length
        ? `Pick one of the installed models (${available.slice(0, 8).join(', ')}) in Dexter's settings, or install it with \`ollama pull ${model || 'llama3.2'}\`.`
        : `No models are installed: run \`ollama pull ${model || 'llama3.2'}\`.`,
      { status: 404, availableModels: available },
    ),
  streamError: (message: string) =>
    new LlmError(
      'stream-error',
      `The model stopped with an error: ${message}`,
      'Try again; if it repeats, check the server log (for Ollama: `ollama serve` output) or pick a smaller model.',
    ),
  stalled: (seconds: number) =>
    new LlmError(
      'stalled',
      `No answer from the model for ${seconds} s, so Dexter stopped waiting.`,
      'The model may still be loading or the machine is busy: try again, pick a smaller model, or raise the stall timeout in settings.',
    ),
  cancelled: () => new LlmError('cancelled', 'The explanation was cancelled.', 'Press Explain to start again.'),
  http: (url: string, status: number, detail: string) =>
    new LlmError(
      'http-error',
      `The model server at ${url} answered ${status}${detail ? `: ${detail.slice(0, 200)}` : ''}.`,
      status === 401 ? "Check the API key in Dexter's settings." : 'Check the server URL and its log.',
      { status },
    ),
};
