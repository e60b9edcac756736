// Who may talk to the background, and where Sentry requests (and the token) may go. Pure; tested in policy.test.ts.
import { detectPage } from './page';

export interface SenderInfo {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number; url?: string };
}
export interface PolicyContext {
  extensionId: string;
  extensionOrigin: string;
  selfHostedBases: readonly string[];
}

/** Messages are accepted only from this extension's own pages and from its content scripts on Sentry pages. */
export function senderKind(sender: SenderInfo, ctx: PolicyContext): 'extension-page' | 'content-script' | null {
  if (!sender || sender.id !== ctx.extensionId) return null; // other extensions (and web pages) never pass
  const url = sender.url ?? '';
  if (url.startsWith(ctx.extensionOrigin)) {
    // Dexter's panel is web-accessible (self-hosted Sentry can be on any host), so any site could frame it: in a
    // frame it is Dexter's only inside a Sentry page, which the browser names in tab.url only where Dexter has
    // access to that page. Top-level (the popup, the Explorer tab, the selection window) it is always Dexter's.
    if (sender.tab && (sender.frameId ?? 0) !== 0)
      return sender.tab.url && detectPage(sender.tab.url, ctx.selfHostedBases) ? 'extension-page' : null;
    return 'extension-page';
  }
  if (sender.tab && detectPage(url, ctx.selfHostedBases)) return 'content-script';
  return null;
}

/** An API base Dexter may call: sentry.io and its subdomains over https, or a self-hosted base the user added. */
export function isAllowedApiBase(apiBase: string, selfHostedBases: readonly string[]): boolean {
  let u: URL;
  try {
    u = new URL(apiBase);
  } catch {
    return false;
  }
  if (!/\/api\/0\/?$/.test(u.pathname) || u.search || u.hash || u.username || u.password) return false;
  const host = u.hostname.toLowerCase();
  if (u.protocol === 'https:' && (host === 'sentry.io' || host.endsWith('.sentry.io')) && u.port === '')
    return u.pathname.replace(/\/$/, '') === '/api/0';
  return selfHostedBases.some((b) => {
    try {
      const base = new URL(b);
      return base.origin === u.origin && u.pathname.replace(/\/$/, '') === `${base.pathname.replace(/\/+$/, '')}/api/0`;
    } catch {
      return false;
    }
  });
}

/** The token is bound to one Sentry: for sentry.io that is the apex and every *.sentry.io host; else one origin. */
export function tokenMayGoTo(url: string, tokenSentryUrl: string): boolean {
  try {
    const target = new URL(url);
    const home = new URL(tokenSentryUrl);
    const saas = (h: string) => h === 'sentry.io' || h.endsWith('.sentry.io');
    if (saas(home.hostname)) return target.protocol === 'https:' && saas(target.hostname) && target.port === '';
    return target.origin === home.origin;
  } catch {
    return false;
  }
}
