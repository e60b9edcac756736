// How many issue ids fit one request. Sentry's bulk endpoints take ids as repeated query parameters
// (`?id=1&id=2…`, `?group=1&group=2…`), and the front proxy refuses a request line that does not fit one header
// buffer: nginx's default `large_client_header_buffers 4 8k` answers 414 Request-URI Too Large past 8 KB. A
// thousand 10-digit ids make a ~14 KB URL, so chunks are sized by the bytes of the request line, not only by count.

/** nginx's default header buffer: the whole request line (`PUT /path?query HTTP/1.1\r\n`) must fit. */
export const MAX_REQUEST_LINE = 8 * 1024;

/** The bytes of the request line a server reads for `url` (origin-form target, HTTP/1.1). */
export function requestLineBytes(method: string, url: URL): number {
  return new TextEncoder().encode(`${method} ${url.pathname}${url.search} HTTP/1.1\r\n`).length;
}

/**
 * Splits `ids` into runs whose request line fits `maxBytes` and that hold at most `maxCount` ids. `lineFor(ids)`
 * gives the line length of a request for exactly those ids. Each id adds one `key=id` and one separator (`&`, or
 * the `?` when it is the only parameter), which is what one id adds to the empty request; the caller still checks
 * the real line before sending. An id too long to fit even alone gets a run of its own (the caller refuses it).
 */
export function chunkByRequestLine(
  ids: readonly string[],
  lineFor: (ids: readonly string[]) => number,
  opts: { maxBytes?: number; maxCount?: number } = {},
): string[][] {
  const maxBytes = opts.maxBytes ?? MAX_REQUEST_LINE;
  const maxCount = opts.maxCount ?? Infinity;
  const empty = lineFor([]);
  const out: string[][] = [];
  let run: string[] = [];
  let bytes = empty;
  for (const id of ids) {
    const extra = lineFor([id]) - empty;
    if (run.length > 0 && (run.length >= maxCount || bytes + extra > maxBytes)) {
      out.push(run);
      run = [];
      bytes = empty;
    }
    run.push(id);
    bytes += extra;
  }
  if (run.length) out.push(run);
  return out;
}
