// Dexter's PII scrubber: Sentry Relay's built-in PII rules (getsentry/relay, crate `relay-pii`) in plain
// TypeScript, for text going to an LLM and for "privacy mode" on Sentry's pages.
export type { EventFinding, Finding, PiiRule, ScrubOptions, ScrubResult } from './types';
export { RULE_ORDER } from './types';
export type { TextSegment } from './scrubText';
export { applyFindings, findPii, maskSpans, scrubText, splitAtFindings } from './scrubText';
export { scrubEvent } from './scrubEvent';
export { FILTERED, isSensitiveKey } from './sensitiveKeys';
export { luhnValid } from './rules/numbers';
