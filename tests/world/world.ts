// The built-in world: a Sentry-compatible HTTPS server answering for sentry.io and *.sentry.io, and an
// Ollama-compatible server on Ollama's real address. Used by the e2e tests, the benchmarks and `npm run demo`.
import { startSentryServer, type SentryServer, type SentryServerOptions } from './sentry/server';
import { startOllamaServer, type OllamaServer } from './ollama/server';
import { testCert, type TestCert } from './certs';

export interface World {
  sentry: SentryServer;
  ollama: OllamaServer;
  cert: TestCert;
  close(): Promise<void>;
}

/** `sentry` passes further options to the Sentry server (pages: render mode and latency, endpointRateLimits, …). */
export async function startWorld(
  opts: { issueCount?: number; ollamaPort?: number; sentryPort?: number; sentry?: SentryServerOptions } = {},
): Promise<World> {
  const cert = testCert();
  const sentry = await startSentryServer({
    ...opts.sentry,
    tls: { key: cert.key, cert: cert.cert },
    issueCount: opts.issueCount ?? opts.sentry?.issueCount,
    port: opts.sentryPort ?? 0,
  });
  const ollamaPort = opts.ollamaPort ?? 11434;
  const ollama = await startOllamaServer({ port: ollamaPort }).catch(async (error: NodeJS.ErrnoException) => {
    await sentry.close();
    // The extension's host permission is Ollama's real address, so the replica must sit exactly there.
    if (error.code === 'EADDRINUSE')
      throw new Error(
        `Port ${ollamaPort} is busy — a real Ollama (or another test run) is listening. Stop it while the browser tests or the demo run.`,
      );
    throw error;
  });
  return {
    sentry,
    ollama,
    cert,
    async close() {
      await Promise.allSettled([sentry.close(), ollama.close()]);
    },
  };
}

/** Chromium flags that send sentry.io and *.sentry.io (and any self-hosted host names given, e.g. sentry.acme.test)
 *  to the local server and trust only its key (the key is trusted for any name it is served under). */
export function chromiumWorldArgs(
  world: Pick<World, 'sentry' | 'cert'>,
  extensionDir: string,
  selfHosted: string[] = [],
): string[] {
  const port = world.sentry.port;
  const hosts = ['sentry.io', '*.sentry.io', ...selfHosted];
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    `--host-resolver-rules=${hosts.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', ')}`,
    `--ignore-certificate-errors-spki-list=${world.cert.spki}`,
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ];
}

export interface ApiAnswer<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
}

/** A GET to the world's Sentry API as a client makes it (Host acme.sentry.io): status, JSON body and headers (Link
 *  cursors, X-Hits), for test oracles. */
export async function apiRequest<T = any>(
  world: Pick<World, 'sentry'>,
  path: string,
  token: string,
  host = 'acme.sentry.io',
): Promise<ApiAnswer<T>> {
  const https = await import('node:https');
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port: world.sentry.port,
        path,
        method: 'GET',
        servername: host,
        rejectUnauthorized: false,
        headers: { Host: host, Authorization: `Bearer ${token}` },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          try {
            resolve({ status, body: text ? JSON.parse(text) : null, headers: res.headers });
          } catch (e) {
            // An error page is not JSON: its status and first words say what happened.
            if (status >= 400) resolve({ status, body: text.slice(0, 200) as T, headers: res.headers });
            else reject(e);
          }
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** GET from the world's Sentry API as a client would, for test oracles: the JSON body, or an error for a 4xx/5xx. */
export async function apiGet<T = any>(
  world: Pick<World, 'sentry'>,
  path: string,
  token: string,
  host = 'acme.sentry.io',
): Promise<T> {
  const r = await apiRequest<T>(world, path, token, host);
  if (r.status >= 400)
    throw new Error(
      `GET ${path}: ${r.status} ${(typeof r.body === 'string' ? r.body : JSON.stringify(r.body)).slice(0, 200)}`,
    );
  return r.body;
}
