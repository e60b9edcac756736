// The front proxy's limits on a request's size, as nginx applies them with its defaults
// (large_client_header_buffers 4 8k): a request line that does not fit one 8 KB buffer gets 414 Request-URI Too
// Large, a header field that does not fit one gets 400 Request Header Or Cookie Too Large — both as nginx's HTML
// pages, before the application sees the request. Dexter's batched `group=` URLs must stay under this.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const NGINX_BUFFER = 8 * 1024;

const page = (status: string) =>
  `<html>\r\n<head><title>${status}</title></head>\r\n<body>\r\n<center><h1>${status}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

/** The bytes of the request line as sent: `GET /path?query HTTP/1.1\r\n`. */
export function requestLineLength(req: IncomingMessage): number {
  return Buffer.byteLength(`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/${req.httpVersion}\r\n`);
}

/** Answers 414/400 when the request breaks the limit and returns the status; null when it fits. */
export function refuseOversized(req: IncomingMessage, res: ServerResponse, limit = NGINX_BUFFER): number | null {
  let status: [number, string] | null = null;
  if (requestLineLength(req) > limit) status = [414, '414 Request-URI Too Large'];
  else {
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      if (Buffer.byteLength(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`) > limit) {
        status = [400, '400 Request Header Or Cookie Too Large'];
        break;
      }
    }
  }
  if (!status) return null;
  res.writeHead(status[0], { 'Content-Type': 'text/html', Connection: 'close' });
  res.end(page(status[1]));
  return status[0];
}
