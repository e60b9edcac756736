// The Sentry base a user types: sentry.io or a self-hosted base, normalised; anything else is refused with why.
export type BaseCheck = { ok: true; base: string; selfHosted: boolean } | { ok: false; reason: string };

export function checkSentryUrl(input: string): BaseCheck {
  let u: URL;
  try {
    u = new URL(input.trim());
  } catch {
    return { ok: false, reason: 'Enter a full URL such as https://sentry.io or https://sentry.example.com.' };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    return { ok: false, reason: 'Only http(s) Sentry URLs are allowed.' };
  if (u.username || u.password || u.search || u.hash)
    return { ok: false, reason: 'Leave out credentials, query and fragment: just the Sentry address.' };
  const host = u.hostname.toLowerCase();
  if (host === 'sentry.io' || host.endsWith('.sentry.io')) {
    return u.protocol === 'https:'
      ? { ok: true, base: 'https://sentry.io', selfHosted: false }
      : { ok: false, reason: 'sentry.io is only served over https.' };
  }
  return { ok: true, base: `${u.origin}${u.pathname.replace(/\/+$/, '')}`, selfHosted: true };
}
