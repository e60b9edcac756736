// Normalising the parts of an error that change from one event of the same bug to the next (ids, numbers, paths,
// hex addresses, quoted values), so two events of one bug read the same. Event data is attacker-controlled text:
// everything here is bounded and only ever used as data.

const MAX_MESSAGE = 400;

/** Order matters: a UUID or a URL must be replaced before its digits are. */
const RULES: [RegExp, string][] = [
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`)]+/gi, '<url>'],
  [/\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b/g, '<email>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{12,}\b/gi, '<hex>'],
  [/(?:[a-z]:)?(?:[\\/][\w.@$-]+){2,}[\\/]?/gi, '<path>'],
  [/\b\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?\b/gi, '<date>'],
  [/\b\d+(?:\.\d+)*\b/g, '<n>'],
  [/(["'`])(?:(?!\1)[^\n\\]|\\.){1,200}\1/g, '<str>'],
];

/** The message with its varying parts replaced by placeholders, lower-cased and clipped. */
export function normalizeMessage(message: string | null | undefined): string {
  if (!message) return '';
  let s = message.slice(0, 4 * MAX_MESSAGE);
  for (const [re, by] of RULES) s = s.replace(re, by);
  return s.replace(/\s+/g, ' ').trim().toLowerCase().slice(0, MAX_MESSAGE);
}

/** A JavaScript function name as browsers spell it differently: `Object.aha`, `Foo.prototype.testMethod`,
 *  `test/<` and `aha` are one function to Sentry's grouping (it strips the same decorations). */
export function normalizeFunction(fn: string | null | undefined): string | null {
  if (!fn) return null;
  let f = fn.trim();
  if (/^(anonymous function|<anonymous>|\?|eval code|eval)$/i.test(f)) return null;
  f = f
    .replace(/^Object\./, '')
    .replace(/\.prototype\./g, '.')
    .replace(/\/<+$/, '')
    .replace(/^(new|async) /, '');
  // Generated parts of names: Java lambdas' numbers, ERB templates' ids, Go closures' numbers (func2 → func).
  f = f
    .replace(/\$\d+/g, '$')
    .replace(/_\d{6,}/g, '_')
    .replace(/(\.func)\d+$/, '$1');
  return f.slice(0, 120) || null;
}

/** A frame's module: the dotted or slashed module name, else the file name without its directories. */
export function normalizeModule(module: string | null | undefined, filename: string | null | undefined): string | null {
  const m = module?.trim();
  if (m && m !== '(unknown)' && m !== '?') {
    // Generated class suffixes ($HibernateProxy$…, $$_javassist_…, $$EnhancerByCGLIB$$…) change per build.
    return m
      .replace(/\$\$?(HibernateProxy|_javassist|EnhancerBy\w+|FastClassBy\w+)[\w$]*/g, '')
      .replace(/@[\d.]+/g, '')
      .slice(0, 160);
  }
  const f = filename?.trim();
  if (!f || /^(\[?native code\]?|<anonymous>|eval code)$/i.test(f)) return null;
  const base = f.split(/[\\/]/).pop() ?? f;
  // The file name keeps its extension: Sentry's grouping tells a file (test.html) from a module (test) too.
  return (
    base
      .replace(/[?#].*$/, '')
      .replace(/\.min(?=\.[a-z]+$)/i, '')
      .replace(/_\$\$_javassist\w*/g, '')
      .slice(0, 160) || null
  );
}
