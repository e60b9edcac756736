// Turns a printf-style server message ("Process %d waits for %s on %s; blocked by process %d.") into a
// regular expression, so the parser reads exactly what PostgreSQL writes in every language it ships.
// Translations may reorder arguments ("%2$u"), so each capture group records which argument it holds.

export interface CompiledFormat {
  /** Regex source, without anchors or flags. */
  source: string;
  /** argumentOf[i] = the C argument (0-based) that capture group i+1 holds. */
  argumentOf: number[];
}

const CONVERSION = /%(?:(\d+)\$)?[-0-9.]*(?:l|ll|z)?([dus%])/g;

function escapeLiteral(text: string): string {
  // Whitespace may be lost, doubled or turned into newlines by loggers, drivers and copy-paste.
  return text
    .split(/\s+/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s*');
}

/**
 * @param strings patterns for %s arguments by C argument index; the default is a short lazy run, which
 *   stays linear because its length is bounded.
 */
export function compileFormat(format: string, strings: Record<number, string> = {}): CompiledFormat {
  let source = '';
  const argumentOf: number[] = [];
  let last = 0;
  let next = 0;
  for (const match of format.matchAll(CONVERSION)) {
    source += escapeLiteral(format.slice(last, match.index));
    last = match.index + match[0].length;
    if (match[2] === '%') {
      source += '%';
      continue;
    }
    const argument = match[1] ? Number(match[1]) - 1 : next;
    next = argument + 1;
    argumentOf.push(argument);
    source += match[2] === 's' ? `(${strings[argument] ?? '.{1,300}?'})` : '(-?\\d+)';
  }
  source += escapeLiteral(format.slice(last));
  return { source, argumentOf };
}

/** Reorders a match's groups into C argument order. */
export function argumentsOf(compiled: CompiledFormat, match: RegExpMatchArray | RegExpExecArray): string[] {
  const args: string[] = [];
  compiled.argumentOf.forEach((argument, i) => {
    args[argument] = match[i + 1] ?? '';
  });
  return args;
}
