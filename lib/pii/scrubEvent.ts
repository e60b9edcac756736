// Scrubbing a whole Sentry event, API shape (`entries[]`, tags `[{key, value}]`, `context: [[n, code]]`,
// headers `[[k, v]]`) or ingest shape (`exception.values`, header objects, `extra`, `user`, tags `[[k, v]]`).
// The walk is shape-agnostic: every string is scrubbed as text, and the value under a sensitive key (an object
// key, the first element of a `[k, v]` pair, or the `key` of a `{key, value}` tag) becomes `[Filtered]` whatever
// it holds, as Relay's `@password` does for key/value structures (`relay-pii/src/processor.rs`, `apply_rule_to_value`).
import type { EventFinding, ScrubOptions } from './types';
import { FILTERED, isKeptValue, isSensitiveKey } from './sensitiveKeys';
import { isRuleOn, scrubText } from './scrubText';

/**
 * Fields Relay marks `pii = false` (ids, timestamps, versions, positions): their text is never scrubbed, so
 * 32-hex event and trace ids do not fall to `@uuid` and `1.2.3.4` releases do not fall to `@ip`.
 * Under `user` nothing is exempt (Relay treats `user.id` as PII).
 */
const NON_PII_KEYS = new Set([
  'id',
  'eventID',
  'event_id',
  'groupID',
  'group_id',
  'projectID',
  'project_id',
  'issue_id',
  'trace_id',
  'span_id',
  'parent_span_id',
  'traceId',
  'spanId',
  'parentSpanId',
  'nextEventID',
  'previousEventID',
  'release',
  'version',
  'dist',
  'dateCreated',
  'dateReceived',
  'firstSeen',
  'lastSeen',
  'timestamp',
  'start_timestamp',
  'received',
  'lineNo',
  'colNo',
  'lineno',
  'colno',
  'fingerprint',
  'fingerprints',
  'platform',
  'level',
  'hash',
]);

interface Walk {
  options: ScrubOptions;
  findings: EventFinding[];
}

/** Returns a scrubbed deep copy of `event` and what was found where; the input is never modified. */
export function scrubEvent<T>(event: T, options: ScrubOptions = {}): { event: T; findings: EventFinding[] } {
  const walk: Walk = { options, findings: [] };
  const scrubbed = visit(event, '', undefined, false, walk) as T;
  return { event: scrubbed, findings: walk.findings };
}

function visit(value: unknown, path: string, key: string | undefined, underUser: boolean, w: Walk): unknown {
  if (key !== undefined && isRuleOn('password', w.options) && isSensitiveKey(key, w.options.sensitiveKeys)) {
    const filtered = filterValue(value, path, w);
    if (filtered !== undefined) return filtered;
  }
  if (typeof value === 'string') {
    if (key !== undefined && !underUser && NON_PII_KEYS.has(key)) return value;
    const { text, findings } = scrubText(value, w.options);
    for (const f of findings) w.findings.push({ ...f, path });
    return text;
  }
  if (Array.isArray(value)) return value.map((item, i) => visitItem(item, `${path}[${i}]`, key, underUser, w));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const tagKey = tagName(value);
    for (const [k, v] of Object.entries(value)) {
      if (k === '_meta') {
        out[k] = v; // Sentry's notes on its own scrubbing (rule ids, lengths): no event data, and rule ids look like `@password:filter`
        continue;
      }
      const childKey = k === 'value' && tagKey !== undefined ? tagKey : k;
      out[k] = visit(v, joinPath(path, k), childKey, underUser || isUserKey(k), w);
    }
    return out;
  }
  return value;
}

/** Array items: a `[name, value]` pair (headers, cookies, query, ingest tags) puts its value under `name`. */
function visitItem(item: unknown, path: string, key: string | undefined, underUser: boolean, w: Walk): unknown {
  if (Array.isArray(item) && item.length === 2 && typeof item[0] === 'string') {
    const name = item[0];
    return [name, visit(item[1], `${path}[1]`, name, underUser || isUserKey(name), w)];
  }
  return visit(item, path, key, underUser, w);
}

/** `[Filtered]` for a sensitive key's value; undefined where Relay keeps it (booleans, null, `"true"`, …). */
function filterValue(value: unknown, path: string, w: Walk): unknown {
  if (value === null || value === undefined || typeof value === 'boolean') return undefined;
  if (typeof value === 'string') {
    if (isKeptValue(value) || (w.options.preserve ?? []).includes(value)) return undefined;
    w.findings.push({ rule: 'password', start: 0, end: value.length, replacement: FILTERED, path });
    return FILTERED;
  }
  // Numbers, and whole objects or arrays: Relay deletes a container under a sensitive key; Dexter shows `[Filtered]`.
  w.findings.push({ rule: 'password', start: 0, end: JSON.stringify(value)?.length ?? 0, replacement: FILTERED, path });
  return FILTERED;
}

/** `{key: "name", value: …}` (API-shape tags): the name the value belongs to. */
function tagName(value: object): string | undefined {
  if (!('key' in value) || !('value' in value)) return undefined;
  const name = (value as { key: unknown }).key;
  return typeof name === 'string' && Object.keys(value).length <= 4 ? name : undefined;
}

function isUserKey(key: string): boolean {
  return key === 'user' || key === 'sentry.interfaces.User';
}

function joinPath(path: string, key: string): string {
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}
