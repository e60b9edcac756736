// Small text helpers for the SQL and context lines inside a deadlock report.
import { compileFormat, argumentsOf, type CompiledFormat } from './format';
import { SERVER_MESSAGES } from './messages';
import type { TupleContext } from './types';

export const normaliseWhitespace = (s: string): string => s.replace(/\s+/g, ' ').trim();

const IDENT = String.raw`(?:"[^"\n]{1,63}"|[\p{L}_][\p{L}\p{N}_$]{0,62})`;
const TABLE_AFTER_KEYWORD = new RegExp(
  String.raw`\b(?:UPDATE|INTO|FROM|JOIN|TABLE)\s+(?:ONLY\s+)?(${IDENT}(?:\s*\.\s*${IDENT})?)`,
  'giu',
);
const NOT_TABLES = new Set(['select', 'lateral', 'unnest', 'generate_series', 'values', 'only', 'if', 'in', 'set']);

function cleanName(name: string): string {
  // Unquoted identifiers fold to lower case in PostgreSQL; quoted ones keep theirs.
  const parts = name
    .split('.')
    .map((p) => p.trim())
    .map((p) => (p.startsWith('"') ? p.slice(1, -1) : p.toLowerCase()));
  // "public" is the default schema; dropping it lets "public"."t" and t count as one relation.
  if (parts.length === 2 && parts[0] === 'public') parts.shift();
  return parts.join('.');
}

/** Table names an SQL text writes to, reads from or locks. */
export function tablesIn(sql: string): string[] {
  const found: string[] = [];
  for (const m of sql.slice(0, 20_000).matchAll(TABLE_AFTER_KEYWORD)) {
    const name = cleanName(m[1] ?? '');
    if (name && !NOT_TABLES.has(name.toLowerCase())) found.push(name);
  }
  return found;
}

const CONTEXT_KEYS = [
  ['ctx_update', 'update'],
  ['ctx_delete', 'delete'],
  ['ctx_lock', 'lock'],
  ['ctx_lockUpdated', 'lockUpdated'],
  ['ctx_insertIndex', 'insertIndex'],
  ['ctx_checkUnique', 'checkUnique'],
  ['ctx_recheck', 'recheck'],
  ['ctx_exclusion', 'exclusion'],
] as const;

interface ContextFormat {
  operation: TupleContext['operation'];
  compiled: CompiledFormat;
  regex: RegExp;
}

const contextCache = new Map<string, ContextFormat[]>();

function contextFormats(language: string): ContextFormat[] {
  const cached = contextCache.get(language);
  if (cached) return cached;
  const formats: ContextFormat[] = [];
  for (const lang of language === 'en' ? ['en'] : [language, 'en']) {
    const m = SERVER_MESSAGES[lang] ?? {};
    for (const [key, operation] of CONTEXT_KEYS) {
      const format = m[key];
      if (!format) continue;
      const compiled = compileFormat(format, { 2: '[^"»«“”\\n]{1,200}?' });
      formats.push({ operation, compiled, regex: new RegExp(compiled.source, 'iu') });
    }
  }
  contextCache.set(language, formats);
  return formats;
}

/** Reads "while updating tuple (3,7) in relation "accounts"" in the report's language. */
export function parseTupleContext(line: string, language: string): TupleContext | null {
  const text = line.slice(0, 2_000);
  for (const f of contextFormats(language)) {
    const m = f.regex.exec(text);
    if (!m) continue;
    const [block, offset, relation] = argumentsOf(f.compiled, m);
    return { operation: f.operation, block: Number(block), offset: Number(offset), relation: (relation ?? '').trim() };
  }
  return null;
}

/** Perl DBI appends `[for Statement "…" with ParamValues: …] at file line N` to the server's message. */
export function splitDbiStatement(line: string): { rest: string; statement: string | null } {
  const start = line.indexOf('[for Statement "');
  if (start < 0) return { rest: line, statement: null };
  const body = line.slice(start + 16, start + 20_000);
  const close = body.search(/"(?: with ParamValues:[^\]]{0,4000})?\]/);
  const statement = close >= 0 ? body.slice(0, close) : body;
  return { rest: line.slice(0, start).trim(), statement: normaliseWhitespace(statement) };
}
