// Sentry's pagination lives in the Link header, one entry per direction:
//   <https://sentry.io/api/0/organizations/acme/issues/?&cursor=1700000000000:0:1>; rel="previous"; results="false"; cursor="1700000000000:0:1",
//   <https://sentry.io/api/0/organizations/acme/issues/?&cursor=1700000000000:100:0>; rel="next"; results="true"; cursor="1700000000000:100:0"
// `results="false"` means the page would be empty, so the cursor is there but must not be followed.

export interface LinkEntry {
  url: string;
  rel: string;
  results: boolean;
  cursor: string | null;
}

const ENTRY = /<([^>]*)>((?:\s*;\s*[a-zA-Z]+\s*=\s*"[^"]*")*)/g;
const PARAM = /;\s*([a-zA-Z]+)\s*=\s*"([^"]*)"/g;

export function parseLinkHeader(header: string | null | undefined): LinkEntry[] {
  if (!header) return [];
  const out: LinkEntry[] = [];
  for (const m of header.matchAll(ENTRY)) {
    const params: Record<string, string> = {};
    for (const p of (m[2] ?? '').matchAll(PARAM)) params[p[1]!.toLowerCase()] = p[2]!;
    if (!params.rel) continue;
    out.push({ url: m[1]!, rel: params.rel, results: params.results === 'true', cursor: params.cursor ?? null });
  }
  return out;
}

/** The cursor of the next page, or null when there is none (absent, or `results="false"`). */
export function nextCursor(header: string | null | undefined): string | null {
  return cursorOf(header, 'next');
}

/** The cursor of the previous page, or null on the first page (Sentry says `results="false"` there). */
export function prevCursor(header: string | null | undefined): string | null {
  return cursorOf(header, 'previous');
}

function cursorOf(header: string | null | undefined, rel: 'next' | 'previous'): string | null {
  const e = parseLinkHeader(header).find((x) => x.rel === rel);
  return e && e.results && e.cursor ? e.cursor : null;
}

/** The URL of the next page, or null. Callers must still check its origin before sending credentials. */
export function nextUrl(header: string | null | undefined): string | null {
  const next = parseLinkHeader(header).find((e) => e.rel === 'next');
  return next && next.results ? next.url : null;
}

/** Builds a Link header the way Sentry does (used by fakes and the test server). */
export function formatLinkHeader(
  baseUrl: string,
  prev: { cursor: string; results: boolean },
  next: { cursor: string; results: boolean },
): string {
  const u = (c: string) => {
    const url = new URL(baseUrl);
    url.searchParams.set('cursor', c);
    return url.toString();
  };
  return [
    `<${u(prev.cursor)}>; rel="previous"; results="${prev.results}"; cursor="${prev.cursor}"`,
    `<${u(next.cursor)}>; rel="next"; results="${next.results}"; cursor="${next.cursor}"`,
  ].join(', ');
}
