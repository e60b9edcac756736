// The client-rendered mode's browser app: tests/world/sentry/pages/client/main.ts and the very page renderers the
// server uses, bundled with esbuild (already in node_modules through vite and tsx) once, when the first
// client-rendered page is asked for (about half a second), and kept.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let built: Promise<string> | null = null;

export function clientBundle(): Promise<string> {
  built ??= (async () => {
    const esbuild = await import('esbuild');
    const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pages', 'client', 'main.ts');
    const out = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      format: 'iife',
      target: 'es2020',
      platform: 'browser',
      write: false,
      charset: 'utf8',
      legalComments: 'none',
      logLevel: 'silent',
    });
    return out.outputFiles[0]?.text ?? '';
  })();
  built.catch(() => {
    built = null;
  });
  return built;
}
