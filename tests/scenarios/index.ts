// Every `*.scenario.ts` in this folder, in name order: a new flow file runs in every browser without another line.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import type { Scenario } from './driver';

const dir = path.dirname(fileURLToPath(import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.scenario.ts')).sort();

export const SCENARIOS: { file: string; scenario: Scenario }[] = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { scenarios: Scenario[] };
  for (const scenario of mod.scenarios) SCENARIOS.push({ file: file.replace(/\.scenario\.ts$/, ''), scenario });
}
