// Which Sentry org/project a page works on: the active tab's Sentry page when there is one, else Settings.
import type { Target } from '@/lib/messages';
import type { Settings } from '@/lib/settings';
import { apiBaseOf, detectPage, issueUrl, type SentryPage } from '@/lib/sentry/page';

export interface Place {
  target: Target | null;
  projects: string[];
  link: Pick<SentryPage, 'webBase' | 'org' | 'hosting'>;
  /** Where it came from, shown to the user ("from this tab" / "from Settings"). */
  source: 'tab' | 'settings' | 'none';
}

export const SAAS_URL = 'https://sentry.io';

/** The Sentry base a user set up: the token's Sentry, else the first self-hosted base, else sentry.io. */
export function sentryBase(settings: Settings, authUrl: string | null | undefined): string {
  return (authUrl || settings.sentry.selfHostedBases[0] || SAAS_URL).replace(/\/+$/, '');
}

export function placeFor(tabUrl: string | undefined, settings: Settings, authUrl?: string | null): Place {
  const page = tabUrl ? detectPage(tabUrl, settings.sentry.selfHostedBases) : null;
  if (page?.org) {
    const projects = page.projectIds.length
      ? page.projectIds
      : settings.sentry.project
        ? [settings.sentry.project]
        : [];
    return { target: { apiBase: page.apiBase, org: page.org }, projects, link: page, source: 'tab' };
  }
  const webBase = sentryBase(settings, authUrl);
  const org = settings.sentry.org;
  const hosting = new URL(webBase).hostname.endsWith('sentry.io') ? 'saas' : 'self-hosted';
  const link = { webBase, org: org || null, hosting } as const;
  if (!org) return { target: null, projects: [], link, source: 'none' };
  return {
    target: { apiBase: apiBaseOf(webBase), org },
    projects: settings.sentry.project ? [settings.sentry.project] : [],
    link,
    source: 'settings',
  };
}

/** Link to an issue on Sentry, only ever http(s) under the Sentry base (never javascript:/data:). */
export function sentryLink(link: Place['link'], issueId: string): string | null {
  if (!/^\d+$/.test(issueId) || !link.org) return null;
  const url = issueUrl(link, issueId);
  try {
    const u = new URL(url);
    const ok =
      (u.protocol === 'https:' || (u.protocol === 'http:' && link.hosting === 'self-hosted')) &&
      url.startsWith(link.webBase + '/');
    return ok ? url : null;
  } catch {
    return null;
  }
}

/** The Explorer page for a query on one org (hash read by ExplorerApp's readHash). */
export function explorerUrl(query: string, target: Target, projects: readonly string[] = []): string {
  const params = new URLSearchParams({ q: query, apiBase: target.apiBase, org: target.org });
  for (const p of projects) params.append('project', p);
  return (browser.runtime.getURL as (path: string) => string)('/explorer.html') + '#' + params.toString();
}
