// Injected failures for the Sentry test world: what a flaky network or a bad Sentry day looks like to a client.
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { DETAIL } from './auth.ts';

export type FaultKind = '500' | '502' | 'slow' | 'cut' | 'malformed' | '429' | '401' | '404';
/** `method` limits the fault to one HTTP method; `skip` lets that many matching requests through first. */
export interface Fault {
  kind: FaultKind;
  pathPrefix?: string;
  method?: string;
  skip?: number;
  delayMs?: number;
  count?: number;
}

export class FaultSwitch {
  private fault: Fault | null = null;
  private left = Infinity;
  private skip = 0;

  set(f: Fault | null): void {
    this.fault = f;
    this.left = f?.count ?? Infinity;
    this.skip = f?.skip ?? 0;
  }

  /** The fault to apply to this request, counting it down; null when none applies. */
  take(path: string, method?: string): Fault | null {
    const f = this.fault;
    if (!f || !path.startsWith(f.pathPrefix ?? '/api/') || (f.method && method !== f.method)) return null;
    if (this.skip > 0) {
      this.skip -= 1;
      return null;
    }
    this.left -= 1;
    if (this.left <= 0) this.fault = null;
    return f;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Writes the fault's response. Returns 'continue' for 'slow' (after the delay the request is served normally),
 * else the status code written (0 when the connection was cut).
 */
export async function applyFault(
  f: Fault,
  res: ServerResponse,
  rateHeaders: Record<string, string>,
  nowSec: number,
): Promise<number | 'continue'> {
  const send = (status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(body);
    return status;
  };
  switch (f.kind) {
    case 'slow':
      await sleep(f.delayMs ?? 2_000);
      return 'continue';
    case '500':
      return send(500, JSON.stringify({ detail: 'Internal Error', errorId: randomBytes(16).toString('hex') }));
    case '502':
      // What sentry.io's load balancer answers when the app is down: HTML, not JSON.
      return send(
        502,
        '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>',
        { 'Content-Type': 'text/html' },
      );
    case '401':
      return send(401, JSON.stringify({ detail: DETAIL.invalidToken }));
    case '404':
      return send(404, JSON.stringify({ detail: DETAIL.notFound }));
    case '429': {
      const retry = Math.max(1, Math.ceil((f.delayMs ?? 1_000) / 1000));
      return send(
        429,
        JSON.stringify({
          detail: `You are attempting to use this endpoint too frequently. Limit is ${rateHeaders['X-Sentry-Rate-Limit-Limit'] ?? 40} requests in 1 seconds`,
        }),
        {
          ...rateHeaders,
          'X-Sentry-Rate-Limit-Remaining': '0',
          'X-Sentry-Rate-Limit-Reset': String(nowSec + retry),
          'Retry-After': String(retry),
        },
      );
    }
    case 'malformed':
      return send(200, '[{"id": "1", "shortId": "ACME-1", "title": "Truncat');
    case 'cut':
      // Headers and half a body, then the socket dies: the client sees a reset mid-response.
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '4096' });
      res.write('[{"id": "1", "title": "');
      await sleep(10);
      res.socket?.destroy();
      return 0;
  }
}
