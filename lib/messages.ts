// The one message protocol between content scripts, popup, Explorer, panels and the background.
// For every message: its request schema (zod, checked in the background: the pages and Sentry's tab are untrusted
// senders) and its answer type (`Answers`). Answers come from Dexter's own background, which validated Sentry's data
// with lib/sentry/schemas before it built them, so they are typed, not re-checked. `send()` (components/api.ts)
// infers the answer from the request, and the background's handlers are typed against the same map.
import { z } from 'zod';
import type { Settings } from './settings';
import type {
  Comment,
  Deploy,
  Issue,
  IssueDetail,
  Organization,
  Project,
  Release,
  SentryEvent,
} from './sentry/schemas';
import type { RowBadges } from './scoring/badges';
import type { EventDeadlocks } from './deadlock/event';
import type { PageReport } from './diagnostics';
import type { IssueSummary } from './summary/schema';
import type { Digest } from './digest/build';
import type { CheckedNarrative } from './digest/narrative';
import { priorStateSchema, type PriorState } from './triage/prior';
import { TRIAGE_PERIODS, DEFAULT_TRIAGE_PERIOD } from './triage/period';
import type { BulkPlan, Failure, IssueState } from './triage/bulk';
import type { Marker } from './trends/markers';
import type { Escalation } from './trends/forecast';
import type { TrendChip } from './trends/chips';
import type { Bar, CountryRow } from './trends/geo';

const id = z.string().regex(/^\d{1,20}$/, 'issue id must be numeric');
/** An event of the issue: its id, or the one Sentry picks (`recommended` is what an issue page shows by default). */
export const eventIdSchema = z
  .string()
  .regex(/^([0-9a-f]{32}|latest|recommended|oldest)$/, 'not an event id')
  .default('recommended');
const eventId = eventIdSchema;
const slug = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/i, 'not a Sentry slug');
const period = z.enum(['24h', '14d']);
/** A Sentry page's filters (lib/sentry/window.ts reads them from its URL). */
const sentryDate = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/, 'not a Sentry date');
const timeWindow = z.union([
  z.object({ statsPeriod: z.string().regex(/^\d{1,4}[smhdw]$/, 'not a Sentry period') }),
  z.object({ start: sentryDate, end: sentryDate }),
]);
const environments = z
  .array(z.string().regex(/^[^\n\r\f/]{1,64}$/, 'not an environment name'))
  .max(50)
  .default([]);
const pageFilters = z.object({
  window: timeWindow,
  environments,
  projects: z
    .array(z.string().regex(/^\d{1,20}$/))
    .max(100)
    .default([]),
  query: z.string().max(2000).nullable().default(null),
  graph: z.enum(['24h', '14d', 'auto']).default('24h'),
});
const status = z.enum(['resolved', 'ignored', 'unresolved']);
const owner = z.string().regex(/^[\w-]{1,64}$/, 'not a page token');

/** Which Sentry the request is about: the API base the page lives on (the background checks it is allowed). */
const httpUrl = z
  .string()
  .max(300)
  .refine((u) => /^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(u), 'not an http(s) URL');
export const targetSchema = z.object({ apiBase: httpUrl, org: slug });
export type Target = z.infer<typeof targetSchema>;

export const messageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ping') }),
  z.object({ type: z.literal('settings.get') }),
  z.object({ type: z.literal('auth.status'), target: targetSchema.optional() }),
  /** Stores a token bound to one Sentry (https://sentry.io or a self-hosted base), after checking it. */
  z.object({
    type: z.literal('auth.set'),
    token: z
      .string()
      .min(8)
      .max(500)
      .regex(/^[\x21-\x7e]+$/, 'token has invalid characters'),
    sentryUrl: httpUrl,
  }),
  z.object({ type: z.literal('auth.clear') }),
  /** Partial settings from the popup/Explorer; the background merges, validates and tells every tab. */
  z.object({ type: z.literal('settings.set'), patch: z.record(z.string(), z.unknown()) }),
  z.object({ type: z.literal('orgs.list'), target: targetSchema.partial({ org: true }).optional() }),
  z.object({ type: z.literal('projects.list'), target: targetSchema }),
  /** Figures for the rows of a Sentry issue list, under the page's own filters so they match its columns: ONE message
   *  for the rows on screen (batched into Sentry requests in the background). */
  z.object({
    type: z.literal('issues.byIds'),
    target: targetSchema,
    ids: z.array(id).min(1).max(1000),
    filters: pageFilters,
  }),
  z.object({
    type: z.literal('issues.list'),
    target: targetSchema,
    query: z.string().max(2000).default('is:unresolved'),
    sort: z.enum(['date', 'new', 'freq', 'user', 'trends', 'recommended', 'inbox']).default('date'),
    period: period.default('24h'),
    project: z.array(z.string().max(64)).max(50).default([]),
    cursor: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(100).default(100),
    maxPages: z.number().int().min(1).max(100).default(1),
  }),
  z.object({ type: z.literal('issue.get'), target: targetSchema, issueId: id }),
  z.object({ type: z.literal('issue.event'), target: targetSchema, issueId: id, eventId }),
  /** The deadlock analysis of the event the page shows. */
  z.object({ type: z.literal('issue.analysis'), target: targetSchema, issueId: id, eventId }),
  z.object({ type: z.literal('issues.update'), target: targetSchema, ids: z.array(id).min(1).max(10_000), status }),
  /** One page of a triage set (the popup's ranking, the Explorer's stream): a query's issues in a window. */
  z.object({
    type: z.literal('issues.page'),
    target: targetSchema,
    query: z.string().max(2000).default('is:unresolved'),
    sort: z.enum(['date', 'new', 'freq', 'user', 'trends', 'recommended', 'inbox']).default('date'),
    period: z.enum(TRIAGE_PERIODS).default(DEFAULT_TRIAGE_PERIOD),
    project: z.array(z.string().max(64)).max(50).default([]),
    cursor: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(100).default(100),
  }),
  /** Before a bulk change: which of the issues could not be undone (reads only). */
  z.object({ type: z.literal('issues.plan'), target: targetSchema, ids: z.array(id).min(1).max(10_000) }),
  /** Undo of a bulk change: each issue back to its prior state, where it is still as the change (`after`) left it. */
  z.object({
    type: z.literal('issues.restore'),
    target: targetSchema,
    after: status,
    items: z.array(priorStateSchema).min(1).max(10_000),
  }),
  /** The project's distinct users in a window and environments (an impact share's denominator). */
  z.object({
    type: z.literal('project.userBase'),
    target: targetSchema,
    projectId: z.string().regex(/^\d+$/),
    window: timeWindow,
    environments,
  }),
  z.object({ type: z.literal('release.get'), target: targetSchema, version: z.string().min(1).max(250) }),
  z.object({
    type: z.literal('issue.comment'),
    target: targetSchema,
    issueId: id,
    text: z.string().min(1).max(20_000),
  }),
  z.object({ type: z.literal('prompt.preview'), target: targetSchema, issueId: id, eventId }),
  z.object({ type: z.literal('llm.status') }),
  /** Stores the LLM server's API key, bound to the origin of the server URL in settings (never sent elsewhere). */
  z.object({
    type: z.literal('llm.key.set'),
    apiKey: z
      .string()
      .min(1)
      .max(500)
      .regex(/^[\x21-\x7e]+$/, 'the key has invalid characters'),
  }),
  z.object({ type: z.literal('llm.key.clear') }),
  z.object({ type: z.literal('open.explorer'), query: z.string().max(2000).optional() }),
  /** The overlay's privacy mode asks for the PII scanner, injected into its frame only when needed. */
  z.object({ type: z.literal('privacy.load') }),
  /** The overlay says which features could not run on its page (the toolbar badge and the popup show it). */
  z.object({
    type: z.literal('page.report'),
    report: z.object({
      pattern: z.string().max(500),
      kind: z.enum(['issue-list', 'issue', 'other']),
      troubles: z
        .array(
          z.object({
            feature: z.string().max(64),
            label: z.string().max(120),
            missing: z.array(z.string().max(300)).max(10),
            message: z.string().max(500),
          }),
        )
        .max(20),
      sentryVersion: z.string().max(120).nullable(),
    }),
  }),
  /** The popup asks what the overlay reported for a tab. */
  z.object({ type: z.literal('page.status'), tabId: z.number().int().min(0) }),
  // Issue #17. A one-line summary of an issue's latest event, queued in the background; `owner` names the asking
  // page, whose waiting work `summary.cancel` drops when the user leaves it.
  z.object({
    type: z.literal('summary.get'),
    target: targetSchema,
    issueId: id,
    owner: owner,
    priority: z.enum(['view', 'near']).default('view'),
  }),
  z.object({ type: z.literal('summary.cancel'), owner: owner }),
  /** Similar issues of each row (signatures from the issues themselves: no request per row). */
  z.object({ type: z.literal('similar.rows'), target: targetSchema, ids: z.array(id).min(1).max(100) }),
  /** Similar issues of one issue, from its latest event's signature, with why. */
  z.object({ type: z.literal('similar.issue'), target: targetSchema, issueId: id }),
  /** Sentry's merge (bulk PUT merge=1) of issues of one project: cannot be undone by Dexter. */
  z.object({
    type: z.literal('issues.merge'),
    target: targetSchema,
    projectId: z.string().regex(/^\d{1,20}$/),
    ids: z.array(id).min(2).max(1000),
  }),
  // Issue #18. Release and deploy markers and Sentry's escalation rule for the list rows in view (one batch).
  z.object({
    type: z.literal('trends.rows'),
    target: targetSchema,
    ids: z.array(id).min(1).max(100),
    filters: pageFilters,
  }),
  /** One issue's week by the hour with its forecast, markers and release chips (a row's hover view, the panels). */
  z.object({ type: z.literal('trends.issue'), target: targetSchema, issueId: id }),
  /** Where an issue's users are: events and users by country, and its browsers, OSes and releases. */
  z.object({ type: z.literal('issue.where'), target: targetSchema, issueId: id }),
  /** The on-call digest of the last `hours` (1 h to 7 d); with `narrative`, the user's model writes a cited summary. */
  z.object({
    type: z.literal('digest.build'),
    target: targetSchema,
    hours: z.number().int().min(1).max(168),
    narrative: z.boolean().default(false),
  }),
]);
export type Message = z.infer<typeof messageSchema>;
export type MessageType = Message['type'];
export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;
/** A message as the caller writes it: fields with defaults in the protocol may be left out. */
export type MessageInput = z.input<typeof messageSchema>;
export type MessageInputOf<T extends MessageType> = Extract<MessageInput, { type: T }>;

export const ERROR_KINDS = [
  'auth',
  'scope',
  'not-found',
  'rate-limited',
  'unavailable',
  'bad-response',
  'cancelled',
  'invalid-request',
  'forbidden-sender',
  'forbidden-target',
  'llm',
  'internal',
] as const;
export const errorSchema = z.object({
  kind: z.enum(ERROR_KINDS),
  message: z.string(),
  nextStep: z.string().optional(),
  retryAt: z.number().optional(),
  detail: z.unknown().optional(),
});
export type DexterError = z.infer<typeof errorSchema>;

export type Reply<T = unknown> = { ok: true; data: T; stale?: boolean } | { ok: false; error: DexterError };

/** A page's summaries (issue #17) live as long as this port: the popup closing gives its page no chance to send
 *  summary.cancel, so the background cancels every ask of the named owner (and its per-row owners, which start with
 *  it) when the port disconnects. */
export const SUMMARY_PORT = 'dexter-summaries';
export const summaryPortSchema = z.object({ owner });

/** Streaming "Explain" over a long-lived port (keeps the MV3 worker alive past Chrome's 30 s fetch limit). */
export const EXPLAIN_PORT = 'dexter-explain';
export const explainClientSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start'),
    target: targetSchema,
    issueId: id,
    eventId,
    regenerate: z.boolean().default(false),
  }),
  z.object({ type: z.literal('start-text'), text: z.string().min(1).max(200_000) }),
  /** Context-menu selections wait in the background under a nonce until the panel asks (no timer races). */
  z.object({ type: z.literal('start-selection'), nonce: z.string().regex(/^[0-9a-f-]{36}$/) }),
  z.object({ type: z.literal('cancel') }),
]);
export type ExplainClientMessage = z.infer<typeof explainClientSchema>;
export type ExplainServerMessage =
  | { type: 'prompt'; tokens: number; model: string; scrubbed: Record<string, number>; deadlock: boolean }
  | { type: 'token'; text: string }
  /** `saved: false`: the answer could not be kept for next time (storage full); it is the answer all the same. */
  | { type: 'done'; text: string; cached: boolean; model: string; saved?: boolean }
  | { type: 'error'; error: DexterError };

export function parseMessage(raw: unknown): { ok: true; message: Message } | { ok: false; error: DexterError } {
  const r = messageSchema.safeParse(raw);
  if (r.success) return { ok: true, message: r.data };
  return {
    ok: false,
    error: {
      kind: 'invalid-request',
      message: 'Dexter received a malformed message and ignored it.',
      detail: r.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`),
    },
  };
}

/** What each request answers with on success (the UI's contract with the background). */
export interface AuthStatus {
  via: 'token' | 'session' | null;
  sentryUrl: string | null;
  valid: boolean;
  scopes: string[];
  missingRead: string[];
  missingWrite: string[];
  user?: { name?: string; email?: string } | null;
  error?: DexterError;
}
export interface LlmStatus {
  provider: 'ollama' | 'openai';
  url: string;
  reachable: boolean;
  postAllowed: boolean;
  models: string[];
  model: string;
  modelMissing: boolean;
  originRuleActive: boolean;
  /** Whether the browser granted Dexter access to the server's origin (asked for from Settings). */
  hostAccess?: boolean;
  /** Whether an API key is stored for this server (the key itself never leaves the background). */
  apiKey?: 'none' | 'set' | 'other-server';
  /** The chosen model's context and the prompt budget that follows (when the server and model answer). */
  context?: LlmContextReport;
  error?: DexterError;
}
export interface LlmContextReport {
  /** The model's context in tokens, null where the server does not say. */
  tokens: number | null;
  source: 'ollama-num_ctx' | 'ollama-model' | 'vllm' | 'llama.cpp' | 'lm-studio' | null;
  promptBudget: number;
  answerReserve: number;
  /** The user's own budget was lowered to fit the context. */
  capped: boolean;
}
/** `maxHits` (X-Max-Hits) is where Sentry stops counting: `hits` equal to it means "at least". */
export interface IssuesPage<I = Issue> {
  issues: I[];
  nextCursor: string | null;
  prevCursor: string | null;
  hits: number | null;
  maxHits?: number | null;
}
/** `updated`: issues a re-read showed in the new status; `failed`: the others, each with why; `prior`: the state
 *  before of every issue sent (for Undo); `after`: each issue as the re-read found it. */
export interface BulkResult {
  status: 'resolved' | 'ignored' | 'unresolved';
  updated: string[];
  failed: Failure[];
  previous: Record<string, string>;
  prior: PriorState[];
  after: IssueState[];
}
/** `issues.restore`: as a bulk result, for the undo. */
export interface RestoreResult {
  updated: string[];
  failed: Failure[];
  after: IssueState[];
}
/** `issue.analysis`: what the issue page's deadlock panel needs (parsed from the raw event, before scrubbing). */
export type IssueAnalysis = EventDeadlocks;
export interface PromptPreview {
  version: string;
  system: string;
  user: string;
  tokens: number;
  budget: number;
  dropped: string[];
  scrubReport: Record<string, number>;
}
/** `issues.byIds`: the figures of each row the list overlay draws, the ids Sentry returned nothing for, and which
 *  window the counts are for. */
export interface RowsAnswer {
  issues: RowBadges[];
  missing: string[];
  window: CountsWindow;
}
/** The window counts are for: the page's ("last 14 days"), or, where Sentry has no issues-stats endpoint (self-hosted
 *  before 2021), since the issue began. */
export interface CountsWindow {
  label: string;
  page: boolean;
}
/** `project.userBase`: the project's users in the window, from Sentry or the user's setting, or why unknown. */
export interface UserBaseAnswer {
  count: number | null;
  source: 'sentry' | 'setting';
  reason?: string;
}
export interface ReleaseAnswer {
  release: Release;
  deploys: Deploy[];
}
/** One similar issue: its score (cosine, 0–1), why, and whether Sentry could merge it with the asking one. */
export interface SimilarMatch {
  id: string;
  shortId: string;
  title: string;
  projectId: string;
  score: number;
  reason: string;
  sameProject: boolean;
}
export interface SimilarRowsAnswer {
  method: string;
  rows: Record<string, SimilarMatch[]>;
}
export interface SimilarIssueAnswer {
  method: string;
  signature: string;
  matches: SimilarMatch[];
}
export interface MergeAnswer {
  parent: string | null;
  children: string[];
}
/** A list row's trend: its markers inside its sparkline's window, Sentry's escalation rule, Sentry's own substatus,
 *  and chips the row's own data gives. */
export interface RowTrend {
  id: string;
  marks: Marker[];
  escalation: Escalation;
  sentry: string | null;
  chips: TrendChip[];
}
/** `releases`: ok, none (Sentry has no release for these projects) or unavailable (it would not say). `deferred`:
 *  rows whose forecast waits for a hover (past the 10 a request). */
export interface TrendsRowsAnswer {
  rows: Record<string, RowTrend>;
  releases: 'ok' | 'none' | 'unavailable';
  deferred: string[];
}
export interface IssueTrendAnswer {
  hourly: [number, number][];
  escalation: Escalation;
  sentry: string | null;
  marks: Marker[];
  chips: TrendChip[];
  releases: TrendsRowsAnswer['releases'];
}
/** `countries` null: no event of the issue has a country. `breakdowns[].bars` null: no event has that tag. */
export interface WhereAnswer {
  countries: CountryRow[] | null;
  eventsWithCountry: number;
  usersKnown: boolean;
  breakdowns: { key: string; label: string; bars: Bar[] | null; total: number }[];
}
export interface DigestAnswer {
  digest: Digest;
  narrative: CheckedNarrative | null;
  narrativeError?: DexterError;
  model?: string;
}

/** What each message answers with on success. A message without an entry here does not compile (see below). */
export interface Answers {
  ping: 'pong';
  'settings.get': Settings;
  'settings.set': Settings;
  'auth.status': AuthStatus;
  'auth.set': null;
  'auth.clear': null;
  'orgs.list': Organization[];
  'projects.list': Project[];
  'issues.byIds': RowsAnswer;
  'issues.list': IssuesPage;
  'issue.get': IssueDetail;
  'issue.event': SentryEvent;
  'issue.analysis': IssueAnalysis;
  'issues.update': BulkResult;
  'issues.page': IssuesPage;
  'issues.plan': BulkPlan;
  'issues.restore': RestoreResult;
  'project.userBase': UserBaseAnswer;
  'release.get': ReleaseAnswer;
  'issue.comment': Comment;
  'prompt.preview': PromptPreview;
  'llm.status': LlmStatus;
  'llm.key.set': null;
  'llm.key.clear': null;
  'open.explorer': null;
  'privacy.load': null;
  'page.report': null;
  'page.status': PageReport | null;
  'summary.get': IssueSummary;
  'summary.cancel': number;
  'similar.rows': SimilarRowsAnswer;
  'similar.issue': SimilarIssueAnswer;
  'issues.merge': MergeAnswer;
  'digest.build': DigestAnswer;
  'trends.rows': TrendsRowsAnswer;
  'trends.issue': IssueTrendAnswer;
  'issue.where': WhereAnswer;
}
export type AnswerOf<T extends MessageType> = Answers[T];
export type ReplyOf<T extends MessageType> = Reply<Answers[T]>;

// The schema's message types and the answer map's keys are the same set, or this line fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const MESSAGE_TYPES_MATCH: Same<MessageType, keyof Answers> = true;
