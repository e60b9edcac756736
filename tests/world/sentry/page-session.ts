// Sentry's web app is signed in through the session cookie (sentrysid, HttpOnly) plus the CSRF cookie (sc) its
// client copies into X-CSRFToken on writes. A client-rendered replica page signs its browser in on first load so
// the app's own API calls authenticate as Sentry's frontend does; on sentry.io the cookies are Domain=.sentry.io.
import type { IncomingMessage } from 'node:http';
import { parseCookies, SESSION_COOKIE } from './auth.ts';
import type { Store } from './store.ts';

/** Set-Cookie headers for a new session, or none when the request already carries a live one. */
export function sessionCookies(req: IncomingMessage, store: Store, opts: { saas: boolean; secure: boolean }): string[] {
  const sid = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
  if (sid && store.sessions.has(sid)) return [];
  const s = store.createSession();
  const attrs = `Path=/${opts.saas ? '; Domain=.sentry.io' : ''}${opts.secure ? '; Secure' : ''}; SameSite=Lax`;
  return [`${SESSION_COOKIE}=${s.sentrysid}; ${attrs}; HttpOnly`, `sc=${s.sc}; ${attrs}`];
}

export function hasSession(req: IncomingMessage, store: Store): boolean {
  const sid = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
  return !!sid && store.sessions.has(sid);
}
