// The app's API client, like Sentry's (static/app/api.tsx): same-origin /api/0 with the session cookie, X-CSRFToken
// from the `sc` cookie on unsafe methods, no timeout. Query strings as query-string's stringify writes them: keys
// sorted, arrays as repeated keys, empty values left out. X-Replica-Latency asks the test server to answer that late.

export type Params = Record<string, string | number | (string | number)[] | undefined | null>;

export interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

export function stringify(params: Params): string {
  const out: string[] = [];
  for (const key of Object.keys(params).sort()) {
    const v = params[key];
    for (const one of Array.isArray(v) ? v : v === undefined || v === null ? [] : [v])
      out.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(one))}`);
  }
  return out.join('&');
}

function csrfToken(): string {
  return /(?:^|;\s*)sc=([^;]+)/.exec(document.cookie)?.[1] ?? '';
}

export async function api(
  method: string,
  path: string,
  params: Params,
  latency: number,
  body?: unknown,
): Promise<Answer> {
  const qs = stringify(params);
  const headers: Record<string, string> = {};
  if (latency > 0) headers['X-Replica-Latency'] = String(latency);
  if (method !== 'GET') {
    headers['X-CSRFToken'] = decodeURIComponent(csrfToken());
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(`/api/0${path}${qs ? `?${qs}` : ''}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed, headers: res.headers };
}
