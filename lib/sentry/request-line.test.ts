// Bulk requests sized by their request line, against a fake front proxy that refuses what nginx refuses.
import { describe, expect, it, vi } from 'vitest';
import { createLimiter } from './ratelimit';
import { createSentryClient } from './client';
import { MAX_REQUEST_LINE, chunkByRequestLine, requestLineBytes } from './request-line';

const API = 'https://acme.sentry.io/api/0';
const NGINX_414 =
  '<html>\r\n<head><title>414 Request-URI Too Large</title></head>\r\n<body>\r\n<center><h1>414 Request-URI Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** A Sentry behind nginx's default buffers: 414 when the request line passes 8 KB, else the issues asked for. */
function behindNginx() {
  const lines: { method: string; bytes: number; ids: string[] }[] = [];
  const state = new Map<string, string>();
  const fetch = vi.fn(async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const method = init.method ?? 'GET';
    const bytes = requestLineBytes(method, url);
    const ids = [...url.searchParams.getAll('id'), ...url.searchParams.getAll('group')];
    lines.push({ method, bytes, ids });
    if (bytes > MAX_REQUEST_LINE)
      return new Response(NGINX_414, { status: 414, headers: { 'Content-Type': 'text/html' } });
    if (method === 'PUT') {
      for (const id of ids) state.set(id, JSON.parse(String(init.body)).status);
      return new Response(JSON.stringify({ status: 'resolved', statusDetails: {} }), { status: 200 });
    }
    return new Response(
      JSON.stringify(ids.map((id) => ({ id, shortId: `A-${id}`, title: 't', status: state.get(id) ?? 'unresolved' }))),
      { status: 200 },
    );
  });
  const client = createSentryClient({
    apiBase: API,
    token: 'sntrys_x',
    fetch: fetch as unknown as typeof globalThis.fetch,
    limiter: createLimiter({ sleep: async () => {} }),
    onSchemaIssues: () => {},
  });
  return { client, lines, state };
}

const ids = (n: number, from = 4_200_000_001) => Array.from({ length: n }, (_, i) => String(from + i));

describe('request-line sizing', () => {
  it('the fake proxy refuses what a single 1,000-id PUT would be (~14 KB)', async () => {
    const { client, lines } = behindNginx();
    const url = new URL(
      `${API}/organizations/acme/issues/?${ids(1000)
        .map((i) => `id=${i}`)
        .join('&')}&project=-1`,
    );
    expect(requestLineBytes('PUT', url)).toBeGreaterThan(14_000);
    // Forced into one chunk, the PUT is refused before it is sent; sent anyway, the proxy says 414.
    await expect(client.updateIssues('acme', ids(1000), { status: 'resolved' })).rejects.toMatchObject({
      kind: 'bad-response',
    });
    expect(lines).toHaveLength(0);
  });

  it('resolves 1,000 issues in PUTs that all fit 8 KB, and reads them back the same way', async () => {
    const { client, lines, state } = behindNginx();
    const all = ids(1000);
    const results = await client.bulkUpdate('acme', all, { status: 'resolved' });
    expect(results.length).toBeGreaterThanOrEqual(2);
    expect(lines.every((l) => l.bytes <= MAX_REQUEST_LINE)).toBe(true);
    expect(lines.flatMap((l) => l.ids).sort()).toEqual(all);
    expect([...state.values()].every((s) => s === 'resolved')).toBe(true);
    // A run holds as many ids as fit: the next id would not have.
    const runs = client.bulkChunks('acme', all);
    expect(runs.map((r) => r.length)).toEqual(results.map((r) => r.ids.length));
    const back = (await Promise.all(runs.map((r) => client.readIssues('acme', r)))).flat();
    expect(back).toHaveLength(1000);
    const reads = lines.filter((l) => l.method === 'GET');
    expect(reads.every((l) => l.bytes <= MAX_REQUEST_LINE)).toBe(true);
    expect(Math.max(...reads.map((l) => l.bytes))).toBeGreaterThan(MAX_REQUEST_LINE - 20);
  });

  it('cuts runs at 1,000 ids even when the line would allow more', () => {
    const { client } = behindNginx();
    const tiny = Array.from({ length: 2500 }, (_, i) => String(i + 1));
    const big = createSentryClient({ apiBase: API, token: 'x', fetch: vi.fn() as never, maxRequestLine: 1_000_000 });
    expect(big.bulkChunks('acme', tiny).map((r) => r.length)).toEqual([1000, 1000, 500]);
    expect(client.bulkChunks('acme', tiny).every((r) => r.length <= 1000)).toBe(true);
  });

  it('chunkByRequestLine adds ids while the line fits, exactly', () => {
    const line = (xs: readonly string[]) =>
      `GET /x/?${['a=1', ...xs.map((x) => `id=${x}`)].join('&')} HTTP/1.1\r\n`.length;
    const xs = ['1', '22', '333', '4444', '55555'];
    for (let max = line([]) + 1; max < line(xs) + 3; max++) {
      const runs = chunkByRequestLine(xs, line, { maxBytes: max });
      expect(runs.flat()).toEqual(xs);
      for (const r of runs) if (r.length > 1) expect(line(r)).toBeLessThanOrEqual(max);
      // Greedy: each run but the last could not take the next id.
      runs.slice(0, -1).forEach((r, i) => expect(line([...r, runs[i + 1]![0]!])).toBeGreaterThan(max));
    }
  });
});

describe('Sentry’s reason for a refused change', async () => {
  const { detailOf } = await import('./client');
  it('reads detail, or flattens DRF field errors', () => {
    expect(detailOf({ detail: 'Cannot set resolved in next release for multiple projects.' })).toBe(
      'Cannot set resolved in next release for multiple projects.',
    );
    expect(detailOf({ status: ['"deleted" is not a valid choice.'] })).toBe('status: "deleted" is not a valid choice.');
    expect(detailOf({ statusDetails: { inRelease: ['Unable to find a release with the given version.'] } })).toBe(
      'statusDetails.inRelease: Unable to find a release with the given version.',
    );
    expect(detailOf({ non_field_errors: ['Invalid data.'] })).toBe('Invalid data.');
    expect(detailOf(null)).toBeUndefined();
    expect(detailOf({ errorId: null })).toBeUndefined();
  });
});
