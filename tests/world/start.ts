// `npm run world`: the built-in world on its own, for trying Dexter in one's own browser. Starts the Sentry-compatible
// HTTPS server (it answers for sentry.io and *.sentry.io, but only in a browser started with the flags printed
// below — nothing on the system changes) and the Ollama-compatible server, prints how to load Dexter's build
// against them, and runs until Ctrl-C.
// Options: --sentry-port 8443 (0 = any free port), --ollama-port 11434 (Dexter's permission is for that one),
//          --issues 120
import { parseArgs } from 'node:util';
import path from 'node:path';
import { chromiumWorldArgs, startWorld } from './world';
import { locate } from '../system.mjs';

const { values } = parseArgs({
  options: {
    'sentry-port': { type: 'string', default: '8443' },
    'ollama-port': { type: 'string', default: '11434' },
    issues: { type: 'string', default: '120' },
  },
});
const port = (name: string, v: string | undefined): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    console.error(`--${name} must be 0–65535, got ${v}`);
    process.exit(2);
  }
  return n;
};

let world: Awaited<ReturnType<typeof startWorld>>;
try {
  world = await startWorld({
    sentryPort: port('sentry-port', values['sentry-port']),
    ollamaPort: port('ollama-port', values['ollama-port']),
    issueCount: Number(values.issues) || 120,
  });
} catch (error) {
  // A busy port is the usual reason: one line, not a trace.
  console.error(error instanceof Error ? error.message.split('\n')[0] : String(error));
  process.exit(1);
}

const dev = path.resolve('.output/chrome-mv3-dev');
const prod = path.resolve('.output/chrome-mv3');
const chromiumBin = locate('chromium').path ?? 'chromium';
const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
const flags = (dir: string) => [
  ...chromiumWorldArgs(world, dir).filter((a) => !a.startsWith('--disable-extensions-except')),
  '--user-data-dir=$(mktemp -d)',
];
const command = (dir: string) =>
  [chromiumBin, ...flags(dir).map((f) => (f.includes('$(') ? f : quote(f))), 'https://acme.sentry.io/issues/'].join(
    ' \\\n    ',
  );

console.log(`Dexter's world is running.
  Sentry-compatible server  ${world.sentry.url}  (HTTPS; answers for https://sentry.io and https://*.sentry.io
                            in a browser started as below; organization "acme")
  Ollama-compatible server  ${world.ollama.url}  (models: llama3.2:latest and others from /api/tags)

Test tokens (Dexter → Settings → Sentry URL https://sentry.io, then paste one):
  read + write  ${world.sentry.tokens.readWrite}
  read only     ${world.sentry.tokens.readOnly}

Load Dexter against it in your own Chromium (a throwaway profile; your usual one is not touched):
  1. Build: \`npm run dev\` in another terminal (the dev build, ${dev}, rebuilt as you edit)
     or \`npm run build\` (the production build, ${prod}).
  2. Start Chromium with the world's flags:

    ${command(dev)}

     --host-resolver-rules sends sentry.io and *.sentry.io to this server; --ignore-certificate-errors-spki-list
     trusts only its throwaway certificate. In Google Chrome (which ignores --load-extension since version 137)
     drop that flag and use chrome://extensions → Developer mode → Load unpacked → the folder above.
  3. Open Dexter's popup → Settings, paste a token, and visit https://acme.sentry.io/issues/.

Ctrl-C stops both servers.`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void world.close().then(() => {
    console.log('Stopped.');
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
