// Sizes of what Dexter ships: the content script every Sentry page loads (target ≤ 150 KB gzipped), the background
// a service-worker start loads and runs (target ≤ 100 KB gzipped: an MV3 worker starts again after every idle
// pause, and loads all of background.js each time; it cannot import() more later), and the store zips
// (`npm run zip` makes them; `npm run bench` does).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import type { BenchRow } from './types';

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;

export async function benchSize(dir = '.output/chrome-mv3', out = '.output'): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const cs = path.join(dir, 'content-scripts');
  if (!existsSync(cs))
    rows.push({
      name: 'content script JS+CSS on a Sentry page (gzip -9)',
      value: NaN,
      unit: 'KB',
      target: '≤ 150',
      ok: false,
    });
  else {
    const total = readdirSync(cs)
      .filter((f) => f.endsWith('.js') || f.endsWith('.css'))
      .reduce((sum, f) => sum + gz(path.join(cs, f)), 0);
    rows.push({
      name: 'content script JS+CSS on a Sentry page (gzip -9)',
      value: +total.toFixed(1),
      unit: 'KB',
      target: '≤ 150',
      ok: total <= 150,
    });
  }
  // The manifest names the worker; WXT bundles it into one classic script with nothing loaded after it.
  const manifest = existsSync(path.join(dir, 'manifest.json'))
    ? JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'))
    : null;
  const worker: string | undefined = manifest?.background?.service_worker;
  const bg = worker && existsSync(path.join(dir, worker)) ? gz(path.join(dir, worker)) : NaN;
  rows.push({
    name: 'background service worker, loaded at every start (gzip -9)',
    value: +bg.toFixed(1),
    unit: 'KB',
    target: '≤ 100',
    ok: bg <= 100,
  });

  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  for (const [what, file] of [
    ['Chrome Web Store zip', `dexter-${version}-chrome.zip`],
    ['AMO zip', `dexter-${version}-firefox.zip`],
    ['AMO sources zip', `dexter-${version}-sources.zip`],
  ]) {
    const p = path.join(out, file!);
    rows.push({
      name: `${what} (${file})`,
      value: existsSync(p) ? +(statSync(p).size / 1024).toFixed(1) : NaN,
      unit: 'KB',
    });
  }
  return rows;
}
