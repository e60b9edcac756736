// The overlay-feature registry (Refined GitHub's model): one file per feature, each declaring the Sentry pages it
// runs on and an init(ctx) whose every listener/observer/node is tied to ctx.signal. On in-app navigation the
// runner aborts the signal and runs the features again. A feature that throws is logged; the others carry on.
import type { FeatureId, Settings } from '@/lib/settings';
import type { PageKind, SentryPage } from '@/lib/sentry/page';
import type { send } from '@/components/api';

export interface FeatureContext {
  signal: AbortSignal;
  page: SentryPage;
  settings: Settings;
  send: typeof send;
}

export interface Feature {
  id: FeatureId;
  /** Sentry pages the feature applies to. */
  pages: readonly PageKind[];
  init(ctx: FeatureContext): void | Promise<void>;
}

export const defineFeature = (feature: Feature): Feature => feature;

export interface RunReport { ran: FeatureId[]; failed: { id: FeatureId; error: string }[]; skipped: FeatureId[] }

export async function runFeatures(features: readonly Feature[], ctx: FeatureContext, log: Pick<Console, 'error'> = console): Promise<RunReport> {
  const report: RunReport = { ran: [], failed: [], skipped: [] };
  await Promise.all(
    features.map(async (f) => {
      if (!f.pages.includes(ctx.page.kind) || ctx.settings.features[f.id] === false) {
        report.skipped.push(f.id);
        return;
      }
      try {
        await f.init(ctx);
        report.ran.push(f.id);
      } catch (error) {
        if (ctx.signal.aborted) return; // navigated away mid-init: not a failure
        const message = error instanceof Error ? error.message : String(error);
        report.failed.push({ id: f.id, error: message });
        log.error(`[Dexter] feature "${f.id}" failed and was switched off for this page:`, error);
      }
    }),
  );
  return report;
}
