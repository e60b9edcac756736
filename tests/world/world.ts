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

/** GET from the world's Sentry API as a client would (Host acme.sentry.io), for test oracles. */
export async function apiGet<T = any>(
  world: Pick<World, 'sentry'>,
  path: string,
  token: string,
  host = 'acme.sentry.io',
): Promise<T> {
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
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => {
          if ((res.statusCode ?? 500) >= 400)
            return reject(new Error(`GET ${path}: ${res.statusCode} ${body.slice(0, 200)}`));
          try {
            resolve(JSON.parse(body) as T);
          } catch (e) {
            reject(e);
          }
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}
