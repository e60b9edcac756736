/** The built-in rules of Sentry Relay (`relay-pii/src/builtin.rs`) that Dexter applies, by Relay's name without `@`. */
export type PiiRule =
  | 'ip'
  | 'email'
  | 'creditcard'
  | 'iban'
  | 'mac'
  | 'uuid'
  | 'imei'
  | 'pemkey'
  | 'urlauth'
  | 'usssn'
  | 'userpath'
  | 'bearer'
  | 'password';

/** One piece of PII: `start`/`end` index the ORIGINAL text (UTF-16 code units, end exclusive). */
export interface Finding {
  rule: PiiRule;
  start: number;
  end: number;
  replacement: string;
}

export interface ScrubResult {
  text: string;
  findings: Finding[];
}

export interface ScrubOptions {
  /** Switch single rules off (`{ uuid: false }`); every rule is on by default. */
  rules?: Partial<Record<PiiRule, boolean>>;
  /** Extra key names whose values are always `[Filtered]` (case-insensitive substring, like Relay's sensitive fields). */
  sensitiveKeys?: string[];
  /** Literal strings never to scrub, e.g. a deadlock's process ids; a finding touching one is dropped. */
  preserve?: string[];
  /**
   * Only call a number a credit card when its Luhn checksum holds (default true). Relay's `@creditcard`
   * has no checksum; set false to get Relay's exact behaviour.
   */
  creditcardLuhn?: boolean;
}

/** A finding inside an event: `path` names the string it was found in, e.g. `entries[0].data.values[0].value`. */
export interface EventFinding extends Finding {
  path: string;
}

/** Every rule, in the order that wins when two rules claim overlapping text. */
// `password` comes first: a sensitive key's whole value goes, so a rerun never finds half a redaction in it.
export const RULE_ORDER: readonly PiiRule[] = [
  'password',
  'pemkey',
  'urlauth',
  'bearer',
  'email',
  'creditcard',
  'iban',
  'imei',
  'mac',
  'uuid',
  'ip',
  'usssn',
  'userpath',
];
