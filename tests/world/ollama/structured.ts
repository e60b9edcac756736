// Structured output, as Ollama's `format` (a JSON Schema, or "json") and OpenAI's `response_format: json_schema` give
// it: the fake model answers with JSON that follows the schema it was sent, built from what the prompt names. On
// request it breaks the schema (once, or every time), as small models do, so the client's check and retry are tested.
import { namedException } from './answer.ts';

export type StructuredMode = 'follow' | 'break-once' | 'break' | 'bad-citations';

const CAUSES: [RegExp, string][] = [
  [/deadlock|sqlstate|psycopg|sql|database|postgres|mysql|transaction/i, 'database'],
  [/timeout|ECONNRESET|ECONNREFUSED|socket|network|dns|ENOTFOUND/i, 'network'],
  [
    /\b(5\d\d|4\d\d)\b.*(request|response|fetch|http)|fetch failed|upstream|bad gateway|service unavailable/i,
    'dependency',
  ],
  [/out of memory|heap|OOM|disk full|too many open files|resource/i, 'resource'],
  [/config|environment variable|missing setting|not configured/i, 'configuration'],
  [/validation|invalid input|ValueError|parse|unexpected token/i, 'bad-input'],
  [/TypeError|undefined|null|NoneType|KeyError|AttributeError|IndexError|ReferenceError|NullPointer/i, 'code-defect'],
];

/** The <event> block of Dexter's prompts (the last one: the system prompt names the tags too), or the whole prompt. */
const eventText = (prompt: string) => [...prompt.matchAll(/<event>([\s\S]*?)<\/event>/g)].at(-1)?.[1] ?? prompt;

function summaryAnswer(prompt: string) {
  const text = eventText(prompt);
  const exc = namedException(text);
  const cause = CAUSES.find(([re]) => re.test(text))?.[1] ?? 'unknown';
  const summary = (
    exc ? `${exc.type}${exc.value ? `: ${exc.value}` : ''}` : 'An error without a named exception'
  ).slice(0, 96);
  return { summary, cause, confidence: cause === 'unknown' ? 0.2 : 0.72 };
}

/** Short ids (ACME-WEB-3F) the prompt names, in order. */
const shortIds = (prompt: string) => [...new Set(prompt.match(/\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+\b/g) ?? [])];

function narrativeAnswer(prompt: string, mode: StructuredMode) {
  const ids = shortIds(eventText(prompt)).filter((id) => /\d|[A-Z]{2,}-[A-Z0-9]{1,4}$/.test(id));
  const statements = ids.slice(0, 3).map((id, i) => ({
    text: i === 0 ? `${id} is the most urgent issue of the period.` : `${id} also needs a look.`,
    cites: [id],
  }));
  if (!statements.length) statements.push({ text: 'Nothing stood out in this period.', cites: [] as string[] });
  if (mode === 'bad-citations')
    statements.push(
      { text: 'A made-up issue broke everything.', cites: ['NOPE-404'] },
      { text: 'An uncited claim.', cites: [] },
    );
  return { statements };
}

/** Any other schema: a value of each property's type. */
function fill(schema: any): unknown {
  if (!schema || typeof schema !== 'object') return null;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, fill(v)]));
    case 'array':
      return [fill(schema.items)];
    case 'string':
      return 'text';
    case 'number':
    case 'integer':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean':
      return true;
    default:
      return null;
  }
}

let broken = false;
/** The model's answer (JSON text) for a request with a schema; `format: "json"` gets a small object. */
export function structuredAnswer(format: unknown, prompt: string, mode: StructuredMode): string {
  const schema = typeof format === 'object' && format !== null ? (format as any) : { type: 'object', properties: {} };
  const props = schema.properties ?? {};
  let value: unknown =
    props.cause && props.summary
      ? summaryAnswer(prompt)
      : props.statements
        ? narrativeAnswer(prompt, mode)
        : fill(schema);
  const breakNow = mode === 'break' || (mode === 'break-once' && !broken);
  if (mode === 'break-once') broken = !broken;
  // A typical small-model slip: a field the schema does not allow and one it needs left out.
  if (breakNow) value = { answer: 'I think it is a bug.', confidence: 'high' };
  return JSON.stringify(value);
}
