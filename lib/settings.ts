// User settings: one zod schema with defaults, so stored values from any older version parse safely.
// The Sentry token is NOT here: it lives under its own storage key that only the background reads.
import { z } from 'zod';
import { DEFAULT_TRIAGE_PERIOD, RANK_LIMIT, TRIAGE_PERIODS } from './triage/period';

export const PII_CATEGORIES = ['email', 'ip', 'creditcard', 'iban', 'mac', 'uuid', 'imei', 'pemkey', 'urlauth', 'usssn', 'userpath', 'bearer', 'password'] as const;
export type PiiCategory = (typeof PII_CATEGORIES)[number];

/** The overlay features the user switched on or off, by id. Features declare their ids and defaults themselves
 *  (entrypoints/sentry.content/registry.ts); a feature not named here has its default. Non-boolean values are dropped. */
const featureSwitches = z
  .record(z.string(), z.unknown())
  .catch({})
  .transform((o) => Object.fromEntries(Object.entries(o).filter((e): e is [string, boolean] => typeof e[1] === 'boolean' && e[0].length <= 64)) as Record<string, boolean>);

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
    .object({
      provider: z.enum(['ollama', 'openai']).catch('ollama').default('ollama'),
      url: z.string().catch('http://127.0.0.1:11434').default('http://127.0.0.1:11434'),
      model: z.string().catch('').default(''),
      tokenBudget: z.number().int().min(500).max(128_000).catch(4000).default(4000),
      stallSeconds: z.number().min(5).max(600).catch(90).default(90),
    })
    .default({ provider: 'ollama', url: 'http://127.0.0.1:11434', model: '', tokenBudget: 4000, stallSeconds: 90 }),
  privacy: z
    .object({
      scrubBeforeLlm: z.boolean().catch(true).default(true),
      /** Categories masked in Dexter's own views until clicked. */
      maskInUi: z.record(z.string(), z.boolean()).catch({}).default(Object.fromEntries(PII_CATEGORIES.map((c) => [c, true]))),
      privacyMode: z.boolean().catch(false).default(false),
    })
    .default({ scrubBeforeLlm: true, maskInUi: Object.fromEntries(PII_CATEGORIES.map((c) => [c, true])), privacyMode: false }),
  list: z
    .object({
      /** The window of the popup's and the Explorer's triage list: Sentry's page-filter periods, 14d as on its list.
       *  A choice stored by an older Dexter (24h or 14d) is still valid and kept. */
      statsPeriod: z.enum(TRIAGE_PERIODS).catch(DEFAULT_TRIAGE_PERIOD).default(DEFAULT_TRIAGE_PERIOD),
      /** How many issues of the query and window the popup fetches (pages of 100) to rank them by priority. */
      rankLimit: z.number().int().min(RANK_LIMIT.min).max(RANK_LIMIT.max).catch(RANK_LIMIT.default).default(RANK_LIMIT.default),
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
    .default({ statsPeriod: DEFAULT_TRIAGE_PERIOD, rankLimit: RANK_LIMIT.default, sparkline: 'page', impactThresholds: { critical: 0.1, high: 0.02, medium: 0.005 }, userBaseOverride: 0 }),
  features: featureSwitches.default({}),
});

export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/** Parses whatever is stored (possibly from an older version, possibly garbage) into valid settings. */
export function parseSettings(raw: unknown): Settings {
  const r = settingsSchema.safeParse(raw ?? {});
  return r.success ? r.data : DEFAULT_SETTINGS;
}
