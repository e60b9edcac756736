// The overlay-feature registry (Refined GitHub's model): one file per feature in features/, each exporting its
// `meta` (id, label, pages, order, default) and an `init(ctx)` whose every listener, observer and node is tied
// to ctx.signal. The runner, the settings screen and the row's slot order all read the declarations; a new feature
// is one new file. On in-app navigation the runner aborts the signal and runs the features again. A feature that
// throws is logged; the others carry on.
import type { Settings } from '@/lib/settings';
import type { PageKind, SentryPage } from '@/lib/sentry/page';
import type { PageFilters } from '@/lib/sentry/window';
import type { send } from '@/components/api';
import type { FeatureTrouble } from '@/lib/diagnostics';

export interface FeatureMeta {
  /** Stable id: the settings switch and the row slot's name. */
  id: string;
  /** The settings screen's switch label, and a line saying what it does. */
  label: string;
  description: string;
  /** Sentry pages the feature applies to. */
  pages: readonly PageKind[];
  /** Where the feature sits among the others, lowest first: its badge in a list row, its switch in settings. */
  order?: number;
  /** On until the user switches it off; `false`: off until switched on. */
  defaultOn?: boolean;
}

export interface FeatureContext {
  signal: AbortSignal;
  page: SentryPage;
  /** The page's window, environments, projects and search, as its URL says (lib/sentry/window.ts). */
  filters: PageFilters;
  settings: Settings;
  send: typeof send;
  /** The declaration of the feature being run. */
  feature: FeatureMeta;
  /** Says the feature could not run here (shown in the popup and as the toolbar badge), or that it now runs. */
  trouble(t: { missing?: string[]; message: string }): void;
  fine(): void;
}

/** Where the runner sends what went wrong (page-report.ts in the overlay; a fake in tests). */
export interface TroubleSink {
  report(t: FeatureTrouble): void;
  clear(feature: string): void;
}

export interface Feature {
  meta: FeatureMeta;
  init(ctx: FeatureContext): void | Promise<void>;
}

/** Whether the user has the feature on (the declaration's default until they switch it). */
export function featureOn(settings: Pick<Settings, 'features'>, meta: FeatureMeta): boolean {
  return settings.features[meta.id] ?? meta.defaultOn ?? true;
}

/** Display order: by slot, then by id. */
export function compareMeta(a: FeatureMeta, b: FeatureMeta): number {
  return (a.order ?? 99) - (b.order ?? 99) || a.id.localeCompare(b.id);
}

export interface RunReport {
  ran: string[];
  failed: { id: string; error: string }[];
  skipped: string[];
}

type RunContext = Omit<FeatureContext, 'feature' | 'trouble' | 'fine'>;
const noSink: TroubleSink = { report() {}, clear() {} };

export async function runFeatures(
  features: readonly Feature[],
  ctx: RunContext,
  log: Pick<Console, 'error'> = console,
  sink: TroubleSink = noSink,
): Promise<RunReport> {
  const report: RunReport = { ran: [], failed: [], skipped: [] };
  await Promise.all(
    features.map(async ({ meta, init }) => {
      if (!meta.pages.includes(ctx.page.kind) || !featureOn(ctx.settings, meta)) {
        report.skipped.push(meta.id);
        return;
      }
      const trouble = (t: { missing?: string[]; message: string }) =>
        ctx.signal.aborted ||
        sink.report({ feature: meta.id, label: meta.label, missing: t.missing ?? [], message: t.message });
      const fine = () => sink.clear(meta.id);
      try {
        await init({ ...ctx, feature: meta, trouble, fine });
        report.ran.push(meta.id);
      } catch (error) {
        if (ctx.signal.aborted) return; // navigated away mid-init: not a failure
        const message = error instanceof Error ? error.message : String(error);
        report.failed.push({ id: meta.id, error: message });
        trouble({ message: `It failed: ${message}` });
        log.error(`[Dexter] feature "${meta.id}" failed and was switched off for this page:`, error);
      }
    }),
  );
  return report;
}
