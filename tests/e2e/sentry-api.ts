// Test oracles that need Sentry's headers too (Link cursors, X-Hits): a GET to the world's API as a client makes it.
import { apiRequest, type ApiAnswer, type World } from '../world/world';

export { apiRequest, type ApiAnswer };

/** The cursor of Link's `next` entry when it has results, else null. */
export function nextCursorOf(link: string | string[] | undefined): string | null {
  const m = /rel="next"; results="true"; cursor="([^"]+)"/.exec(String(link ?? ''));
  return m?.[1] ?? null;
}

/** Every issue of a list query, page by page, as Sentry orders them (up to `max`). */
export async function listAll(
  world: Pick<World, 'sentry'>,
  query: string,
  token: string,
  max = 100_000,
): Promise<{ issues: any[]; hits: number | null; maxHits: number | null }> {
  const issues: any[] = [];
  let cursor: string | null = null;
  let hits: number | null = null;
  let maxHits: number | null = null;
  do {
    const path = `/api/0/organizations/acme/issues/?${query}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    let a: ApiAnswer<any[]> = await apiRequest(world, path, token);
    // The oracle shares the world's rate limit with whatever else uses the token: wait out a 429 like a client.
    for (let tries = 0; a.status === 429 && tries < 10; tries++) {
      await new Promise((r) => setTimeout(r, 1000 * Number(a.headers['retry-after'] ?? 1)));
      a = await apiRequest(world, path, token);
    }
    if (a.status !== 200) throw new Error(`list ${a.status}`);
    if (hits === null) {
      hits = a.headers['x-hits'] ? Number(a.headers['x-hits']) : null;
      maxHits = a.headers['x-max-hits'] ? Number(a.headers['x-max-hits']) : null;
    }
    issues.push(...a.body);
    cursor = nextCursorOf(a.headers.link);
  } while (cursor && issues.length < max);
  return { issues: issues.slice(0, max), hits, maxHits };
}
