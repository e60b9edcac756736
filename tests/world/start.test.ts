// `npm run world`: both servers answer, the printed flags point at them, the printed token works, Ctrl-C stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet } from './world';

const ROOT = path.resolve(import.meta.dirname, '../..');
let child: ChildProcess;
let out = '';
let exit: Promise<number | null>;

beforeAll(async () => {
  child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
      'tests/world/start.ts',
      '--sentry-port',
      '0',
      '--ollama-port',
      '0',
      '--issues',
      '10',
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  for (const until = Date.now() + 30_000; !out.includes('Ctrl-C stops');) {
    if (Date.now() > until || child.exitCode !== null) throw new Error(`npm run world did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}, 40_000);
afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
});

describe('npm run world', () => {
  it('prints a Sentry server, an Ollama server, tokens and the Chromium flags that point at the server', async () => {
    const sentryPort = Number(out.match(/Sentry-compatible server\s+https:\/\/127\.0\.0\.1:(\d+)/)?.[1]);
    const ollamaUrl = out.match(/Ollama-compatible server\s+(http:\/\/127\.0\.0\.1:\d+)/)?.[1];
    const token = out.match(/read \+ write\s+(sntryu_\w+)/)?.[1];
    expect(sentryPort).toBeGreaterThan(0);
    expect(out).toContain(`MAP sentry.io 127.0.0.1:${sentryPort}, MAP *.sentry.io 127.0.0.1:${sentryPort}`);
    expect(out).toMatch(/--ignore-certificate-errors-spki-list=[A-Za-z0-9+/]{43}=/);
    expect(out).toContain('--load-extension=');
    expect(token).toBeDefined();

    const orgs = await apiGet<{ slug: string }[]>(
      { sentry: { port: sentryPort } as any },
      '/api/0/organizations/',
      token!,
    );
    expect(orgs.map((o) => o.slug)).toContain('acme');
    const tags = (await (await fetch(`${ollamaUrl}/api/tags`)).json()) as { models: { name: string }[] };
    expect(tags.models.length).toBeGreaterThan(0);
  });

  it('Ctrl-C stops both servers and exits 0', async () => {
    child.kill('SIGINT');
    expect(await exit).toBe(0);
    expect(out).toContain('Stopped.');
  });
});
