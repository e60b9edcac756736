// The fake model's words: a deterministic Markdown explanation built from what the prompt names,
// cut into chunks the way a model streams tokens.

export interface AnswerContext {
  model: string;
  prompt: string;
  messages: { role: string; content: string }[];
  endpoint: string;
}
export type AnswerSource = string | ((ctx: AnswerContext) => string);

/** Finds "SomeError: message" (or "Exception: …") in the prompt, as an explanation would quote it. */
export function namedException(prompt: string): { type: string; value: string } | undefined {
  const m = /\b([A-Z][A-Za-z0-9_.$]*(?:Error|Exception|Rejection|Fault|Panic))(?::\s*([^\n]{1,200}))?/.exec(prompt);
  if (!m) return undefined;
  return { type: m[1]!.split('.').pop()!, value: (m[2] ?? '').trim() };
}

/** The first "file:line" or "at fn (file:line)" location the prompt mentions. */
export function namedLocation(prompt: string): string | undefined {
  const m =
    /([\w./-]+\.(?:ts|tsx|js|mjs|py|java|go|rb|php|rs|kt)):(\d+)/.exec(prompt) ??
    /\b(in|at) ([\w.$<>]+\([\w./-]+\))/.exec(prompt);
  return m ? (m[2] && /^\d+$/.test(m[2]) ? `${m[1]}:${m[2]}` : m[2]) : undefined;
}

export function defaultAnswer(ctx: AnswerContext): string {
  const exc = namedException(ctx.prompt);
  const where = namedLocation(ctx.prompt);
  const headline = exc ? `\`${exc.type}\`${exc.value ? `: ${exc.value}` : ''}` : 'this event';
  const isNullRead = /undefined|null|NoneType|NullPointer/i.test(ctx.prompt);
  const isDeadlock = /deadlock/i.test(ctx.prompt);
  const cause = isDeadlock
    ? 'Two transactions locked the same rows in opposite order, so PostgreSQL aborted one of them (SQLSTATE 40P01).'
    : isNullRead
      ? 'A value the code expected to be present was `undefined`/`null` — typically an optional field (for example a missing address or an unloaded relation) that is dereferenced without a check.'
      : 'The code path assumes a precondition that does not hold for this input; the exception is raised where that assumption is first used.';
  const fix = isDeadlock
    ? [
        'Lock rows in a consistent order (e.g. `ORDER BY id` before `FOR UPDATE`).',
        'Keep transactions short and retry on `40P01`.',
      ]
    : isNullRead
      ? [
          'Guard the optional value before using it (`if (!x) return …` or optional chaining).',
          'Validate the input at the boundary so the bad state never reaches this code.',
        ]
      : ['Check the precondition explicitly and fail with a clear message.', 'Add a test that reproduces this input.'];
  return [
    `## What happened`,
    ``,
    `The application raised ${headline}${where ? ` in \`${where}\`` : ''}.`,
    ``,
    `## Likely cause`,
    ``,
    cause,
    ``,
    `## How to fix`,
    ``,
    ...fix.map((f, i) => `${i + 1}. ${f}`),
    ``,
    `## Where to look`,
    ``,
    where
      ? `- \`${where}\` — the newest in-app frame of the stack trace.`
      : '- The newest in-app frame of the stack trace.',
    `- The breadcrumbs just before the error, which show the request that triggered it.`,
    ``,
  ].join('\n');
}

export function answerFor(source: AnswerSource | undefined, ctx: AnswerContext): string {
  if (typeof source === 'string') return source;
  return (source ?? defaultAnswer)(ctx);
}

/** Splits text into stream chunks of a few words each, keeping whitespace so they join back exactly. */
export function chunkAnswer(text: string, wordsPerChunk = 4): string[] {
  const pieces = text.match(/\s*\S+\s*/g) ?? (text ? [text] : []);
  const chunks: string[] = [];
  for (let i = 0; i < pieces.length; i += wordsPerChunk) chunks.push(pieces.slice(i, i + wordsPerChunk).join(''));
  if (chunks.length === 0) return [''];
  // Leading whitespace-only text would be lost by the regex; keep the join exact.
  const joined = chunks.join('');
  if (joined !== text) chunks[0] = text.slice(0, text.length - joined.length) + chunks[0];
  return chunks;
}

/** Rough token count (about four characters a token), for eval_count and prompt_eval_count. */
export const tokenCount = (text: string) => Math.max(1, Math.ceil(text.length / 4));
