// User settings: one zod schema with defaults, so stored values from any older version parse safely.
// The Sentry token is NOT here: it lives under its own storage key that only the background reads.
import { z } from 'zod';
import { DEFAULT_TRIAGE_PERIOD, RANK_LIMIT, TRIAGE_PERIODS } from './triage/period';

export const PII_CATEGORIES = [
  'email',
  'ip',
  'creditcard',
  'iban',
  'mac',
  'uuid',
  'imei',
  'pemkey',
  'urlauth',
  'usssn',
  'userpath',
  'bearer',
  'password',
] as const;
export type PiiCategory = (typeof PII_CATEGORIES)[number];

/** The overlay features the user switched on or off, by id. Features declare their ids and defaults themselves
 *  (entrypoints/sentry.content/registry.ts); a feature not named here has its default. Non-boolean values are dropped. */
const featureSwitches = z
  .record(z.string(), z.unknown())
  .catch({})
  .transform(
    (o) =>
      Object.fromEntries(
        Object.entries(o).filter((e): e is [string, boolean] => typeof e[1] === 'boolean' && e[0].length <= 64),
      ) as Record<string, boolean>,
  );

/** Before the budget followed the model, settings held `tokenBudget`: 4,000 by default and saved with every LLM change,
 *  so only a value the user changed is kept (as their override); the default becomes 'auto'. */
function migrateLlm(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || 'promptBudget' in raw) return raw;
  const { tokenBudget, ...rest } = raw as Record<string, unknown>;
  return typeof tokenBudget === 'number' && tokenBudget !== 4000 ? { ...rest, promptBudget: tokenBudget } : rest;
}

export const settingsSchema = z.object({
  sentry: z
    .object({
      /** Self-hosted Sentry bases the user granted access to, e.g. https://sentry.corp.com */
      selfHostedBases: z.array(z.string().url()).catch([]).default([]),
      /** Overrides for the org/project taken from the page. */
      org: z.string().catch('').default(''),
      project: z.string().catch('').default(''),
      /** Read through the logged-in sentry.io session when no token is set. */
      useSession: z.boolean().catch(true).default(true),
    })
    .default({ selfHostedBases: [], org: '', project: '', useSession: true }),
  llm: z
    .preprocess(
      migrateLlm,
      z.object({
        provider: z.enum(['ollama', 'openai']).catch('ollama').default('ollama'),
        url: z.string().catch('http://127.0.0.1:11434').default('http://127.0.0.1:11434'),
        model: z.string().catch('').default(''),
        /** Tokens the prompt may take: 'auto' follows the model's context (lib/llm/context.ts); a number is the user's
         *  override, still capped by the context. */
        promptBudget: z
          .union([z.literal('auto'), z.number().int().min(500).max(128_000)])
          .catch('auto')
          .default('auto'),
        stallSeconds: z.number().min(5).max(600).catch(90).default(90),
      }),
    )
    .default({ provider: 'ollama', url: 'http://127.0.0.1:11434', model: '', promptBudget: 'auto', stallSeconds: 90 }),
  privacy: z
    .object({
      scrubBeforeLlm: z.boolean().catch(true).default(true),
      /** Categories masked in Dexter's own views until clicked. */
      maskInUi: z
        .record(z.string(), z.boolean())
        .catch({})
        .default(Object.fromEntries(PII_CATEGORIES.map((c) => [c, true]))),
      privacyMode: z.boolean().catch(false).default(false),
    })
    .default({
      scrubBeforeLlm: true,
      maskInUi: Object.fromEntries(PII_CATEGORIES.map((c) => [c, true])),
      privacyMode: false,
    }),
  list: z
    .object({
      /** The window of the popup's and the Explorer's triage list: Sentry's page-filter periods, 14d as on its list.
       *  A choice stored by an older Dexter (24h or 14d) is still valid and kept. */
      statsPeriod: z.enum(TRIAGE_PERIODS).catch(DEFAULT_TRIAGE_PERIOD).default(DEFAULT_TRIAGE_PERIOD),
      /** How many issues of the query and window the popup fetches (pages of 100) to rank them by priority. */
      rankLimit: z
        .number()
        .int()
        .min(RANK_LIMIT.min)
        .max(RANK_LIMIT.max)
        .catch(RANK_LIMIT.default)
        .default(RANK_LIMIT.default),
      /** The list overlay's sparkline: the period of Sentry's own graph column on the page, or a fixed one. */
      sparkline: z.enum(['page', '24h', '14d']).catch('page').default('page'),
      /** Share of the project's users at or above which an issue gets each level. */
      impactThresholds: z
        .object({ critical: z.number(), high: z.number(), medium: z.number() })
        .catch({ critical: 0.1, high: 0.02, medium: 0.005 })
        .default({ critical: 0.1, high: 0.02, medium: 0.005 }),
      /** User base the user sets when Sentry cannot give one (0 = unset). */
      userBaseOverride: z.number().int().min(0).catch(0).default(0),
    })
    .default({
      statsPeriod: DEFAULT_TRIAGE_PERIOD,
      rankLimit: RANK_LIMIT.default,
      sparkline: 'page',
      impactThresholds: { critical: 0.1, high: 0.02, medium: 0.005 },
      userBaseOverride: 0,
    }),
  features: featureSwitches.default({}),
  /** Local-AI triage (issue #17): one line per issue, similar issues, the digest. */
  insights: z
    .object({
      /** Summarise the rows in view without being asked (each is one call to the user's model). */
      autoSummaries: z.boolean().catch(false).default(false),
      /** Model calls at once per server for summaries: one suits a laptop's GPU. */
      concurrency: z.number().int().min(1).max(4).catch(1).default(1),
      /** An embedding model on the LLM server for similar issues; empty: Dexter's model-free similarity. */
      embedModel: z.string().max(200).catch('').default(''),
    })
    .default({ autoSummaries: false, concurrency: 1, embedModel: '' }),
});

export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/** Parses whatever is stored (possibly from an older version, possibly garbage) into valid settings. */
export function parseSettings(raw: unknown): Settings {
  const r = settingsSchema.safeParse(raw ?? {});
  return r.success ? r.data : DEFAULT_SETTINGS;
}
