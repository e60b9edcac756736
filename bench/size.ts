// Size of what Dexter loads on every Sentry page: the content script, gzipped (target ≤ 150 KB).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import type { BenchRow } from './types';

export async function benchSize(dir = '.output/chrome-mv3'): Promise<BenchRow[]> {
  const cs = path.join(dir, 'content-scripts');
  if (!existsSync(cs)) return [{ name: 'content script (gzip)', value: NaN, unit: 'KB', target: '≤ 150', ok: false }];
  const files = readdirSync(cs).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
  const total = files.reduce((sum, f) => sum + gzipSync(readFileSync(path.join(cs, f)), { level: 9 }).length, 0);
  const bg = existsSync(path.join(dir, 'background.js')) ? gzipSync(readFileSync(path.join(dir, 'background.js')), { level: 9 }).length : NaN;
  return [
    { name: 'content script JS+CSS on a Sentry page (gzip -9)', value: +(total / 1024).toFixed(1), unit: 'KB', target: '≤ 150', ok: total / 1024 <= 150 },
    { name: 'background service worker (gzip -9)', value: +(bg / 1024).toFixed(1), unit: 'KB' },
  ];
}
