// Ollama's origin check: gin-contrib/cors with envconfig.AllowedOrigins() (server/routes.go).
// A request whose Origin is not allowed gets 403 with an empty body, whatever its method —
// that is why browser extensions (chrome-extension://…, moz-extension://…) fail unless OLLAMA_ORIGINS allows them.

/** envconfig.AllowedOrigins(): OLLAMA_ORIGINS entries first, then the built-in local/app origins. */
export function defaultAllowedOrigins(extra: string[] = []): string[] {
  const origins = [...extra];
  for (const host of ['localhost', '127.0.0.1', '0.0.0.0']) {
    origins.push(`http://${host}`, `https://${host}`, `http://${host}:*`, `https://${host}:*`);
  }
  origins.push('app://*', 'file://*', 'tauri://*', 'vscode-webview://*', 'vscode-file://*');
  return origins;
}

export type OriginVerdict = 'not-cors' | 'allowed' | 'forbidden';

/** cors.applyCors + validateOrigin: exact match, `*` for everything, or one `*` as prefix/suffix wildcard. */
export function checkOrigin(origin: string | undefined, host: string | undefined, allowed: string[]): OriginVerdict {
  if (!origin) return 'not-cors';
  // Same-origin fetches carry an Origin header too; gin-contrib/cors lets them through untouched.
  if (host && (origin === `http://${host}` || origin === `https://${host}`)) return 'not-cors';
  for (const rule of allowed) {
    if (rule === '*' || rule === origin) return 'allowed';
    const star = rule.indexOf('*');
    if (star === -1) continue;
    const prefix = rule.slice(0, star);
    const suffix = rule.slice(star + 1);
    if (origin.startsWith(prefix) && origin.endsWith(suffix) && origin.length >= prefix.length + suffix.length)
      return 'allowed';
  }
  return 'forbidden';
}

/** allowedHostsMiddleware: when bound to loopback, only local Host names pass (DNS-rebinding guard). */
export function isAllowedHost(hostHeader: string | undefined): boolean {
  if (!hostHeader) return true;
  const host = hostHeader.startsWith('[') ? hostHeader.slice(1, hostHeader.indexOf(']')) : hostHeader.split(':')[0]!;
  if (host === '' || host === 'localhost') return true;
  if (
    /^(127\.|10\.|192\.168\.|0\.0\.0\.0$)/.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host) ||
    host === '::1' ||
    host === '::'
  )
    return true;
  return /\.(localhost|local|internal)$/.test(host);
}
