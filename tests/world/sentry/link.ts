// Reads Sentry's Link header back: the cursor of each rel, or null when that side has no results.

export interface LinkPart {
  url: string;
  rel: string;
  results: boolean;
  cursor: string;
}

export function parseLinkHeader(header: string): LinkPart[] {
  const out: LinkPart[] = [];
  for (const m of header.matchAll(/<([^>]*)>;\s*rel="([^"]+)";\s*results="(true|false)";\s*cursor="([^"]*)"/g)) {
    out.push({ url: m[1] ?? '', rel: m[2] ?? '', results: m[3] === 'true', cursor: m[4] ?? '' });
  }
  return out;
}

export function linkCursors(header: string): { previous: string | null; next: string | null } {
  const parts = parseLinkHeader(header);
  const of = (rel: string) => {
    const p = parts.find((x) => x.rel === rel);
    return p && p.results ? p.cursor : null;
  };
  return { previous: of('previous'), next: of('next') };
}
