// What Dexter could not do on a Sentry page, and the diagnostics a user can copy into a bug report. Pure: the content
// script gathers the facts, the background keeps them per tab for the toolbar badge and the popup.

/** One feature that could not attach or failed on the page. */
export interface FeatureTrouble {
  feature: string;
  label: string;
  /** Sentry's hooks the feature waited for and did not find (selectors from lib/sentry/selectors.ts). */
  missing: string[];
  /** What the user reads: what did not happen and why. */
  message: string;
}

export interface PageReport {
  /** The page's URL with ids and the query left out: no search terms or event ids leave the page. */
  pattern: string;
  kind: string;
  troubles: FeatureTrouble[];
  /** Sentry's release as its page says it (meta baggage `sentry-release`), null when it does not. */
  sentryVersion: string | null;
  /** When the report was made (epoch ms). */
  at: number;
}

/** `/issues/123/events/abc…/` → `/issues/:id/events/:eventId/`; org slugs in the path become `:org`. */
export function urlPattern(url: string): string {
  try {
    const u = new URL(url);
    const path = u.pathname
      .replace(/^\/organizations\/[^/]+\//, '/organizations/:org/')
      .replace(/\/issues\/\d+\//, '/issues/:id/')
      .replace(/\/events\/[0-9a-f]{32}\//i, '/events/:eventId/');
    const host =
      /\.sentry\.io$/.test(u.hostname) &&
      u.hostname.split('.').length === 3 &&
      !['us', 'de'].includes(u.hostname.split('.')[0]!)
        ? ':org.sentry.io'
        : u.hostname;
    return `${u.protocol}//${host}${path}`;
  } catch {
    return '(not a URL)';
  }
}

/** Sentry's release from `<meta name="baggage" content="…,sentry-release=backend%40<sha>,…">` (its own SDK writes it). */
export function sentryReleaseFromBaggage(content: string | null | undefined): string | null {
  const m = /(?:^|,)\s*sentry-release=([^,]+)/.exec(content ?? '');
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!).slice(0, 120);
  } catch {
    return m[1]!.slice(0, 120);
  }
}

/** The toolbar badge for a tab: "!" when some feature could not attach, nothing otherwise. */
export function badgeFor(report: PageReport | null): { text: string; title: string } {
  if (!report?.troubles.length) return { text: '', title: 'Dexter' };
  const names = report.troubles.map((t) => t.label).join(', ');
  return {
    text: '!',
    title: `Dexter: ${report.troubles.length === 1 ? 'one feature' : `${report.troubles.length} features`} could not run on this page (${names}). Open Dexter for details.`,
  };
}

/** The text "Copy diagnostics" puts on the clipboard: what a maintainer needs, no event data. */
export function diagnosticsText(report: PageReport, extra: { dexterVersion: string; browser: string }): string {
  return [
    `Dexter ${extra.dexterVersion} on ${extra.browser}`,
    `Page: ${report.pattern} (${report.kind})`,
    `Sentry release: ${report.sentryVersion ?? 'not stated by the page'}`,
    `Reported: ${new Date(report.at).toISOString()}`,
    ...report.troubles.map(
      (t) =>
        `- ${t.label} (${t.feature}): ${t.message}${t.missing.length ? `\n  missing: ${t.missing.join(' | ')}` : ''}`,
    ),
  ].join('\n');
}
