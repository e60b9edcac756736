// Small HTML-building helpers for the replica Sentry pages. Everything a page shows from
// an event is attacker-controlled, so every string goes through escapeHtml before it
// lands in markup; there is no other way in.

/** Escapes text for use in element content and in double-quoted attribute values. */
export function escapeHtml(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return text.replace(/[&<>"'`]/g, (ch) => ESCAPES[ch] ?? ch);
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export type AttrValue = string | number | boolean | null | undefined;

/** Renders attributes; `true` gives a bare-valued attribute (`="true"`), null/undefined/false drop it. */
export function attrs(map: Record<string, AttrValue>): string {
  let out = '';
  for (const [name, value] of Object.entries(map)) {
    if (value === null || value === undefined || value === false) continue;
    out += ` ${name}="${escapeHtml(value === true ? 'true' : value)}"`;
  }
  return out;
}

/** `<tag attrs>children</tag>`; children are trusted HTML built by these helpers. */
export function el(tag: string, map: Record<string, AttrValue>, children = ''): string {
  if (VOID_TAGS.has(tag)) return `<${tag}${attrs(map)}>`;
  return `<${tag}${attrs(map)}>${children}</${tag}>`;
}

const VOID_TAGS = new Set(['input', 'img', 'hr', 'br', 'meta', 'link']);

/** Text node content, escaped. */
export function text(value: unknown): string {
  return escapeHtml(value);
}

/**
 * Emotion-style hashed class names ("app-1k9coyd e1njqeru0"). Real Sentry hashes the
 * CSS; here the hash is of the styled component's name, so it is stable but meaningless,
 * and nothing should select on it.
 */
export function cls(styledName: string): string {
  const h = hash(styledName);
  return `app-${h.toString(36).slice(0, 7)} e${(h >>> 7).toString(36).slice(0, 6)}0`;
}

function hash(input: string): number {
  let h = 2166136261;
  for (let i = 0; i < input.length; i++) {
    h ^= input.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/**
 * The attributes Sentry's production build adds via swc-plugin-component-annotate,
 * plus a hashed class. `component` is only present on a component's root element.
 */
export function sentry(element: string | null, component: string | null, file: string): Record<string, AttrValue> {
  return {
    'data-sentry-element': element,
    'data-sentry-component': component,
    'data-sentry-source-file': file,
    class: cls(`${file}:${element ?? component ?? ''}`),
  };
}

/** JSON for an inert `<script type="application/json">`: `<` can't close the script. */
export function inertJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
