// Every `*.scenario.ts` in this folder, in name order: a new flow file runs in every browser without another line.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import type { Scenario } from './driver';

const dir = path.dirname(fileURLToPath(import.meta.url));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.scenario.ts'))
  .sort();

export const SCENARIOS: { file: string; scenario: Scenario }[] = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { scenarios: Scenario[] };
  for (const scenario of mod.scenarios) SCENARIOS.push({ file: file.replace(/\.scenario\.ts$/, ''), scenario });
}

/** The scenarios by the world they run in: the shared one first, then one group per world key, in file order. */
export function worldGroups(all: typeof SCENARIOS): { key: string; issues?: number; scenarios: typeof SCENARIOS }[] {
  const groups = new Map<string, { key: string; issues?: number; scenarios: typeof SCENARIOS }>([
    ['shared', { key: 'shared', scenarios: [] }],
  ]);
  for (const s of all) {
    const key = s.scenario.world?.key ?? 'shared';
    const g = groups.get(key) ?? { key, issues: s.scenario.world?.issues, scenarios: [] };
    if (g.issues !== s.scenario.world?.issues && key !== 'shared')
      throw new Error(`world ${key}: scenarios disagree on its size`);
    g.scenarios.push(s);
    groups.set(key, g);
  }
  return [...groups.values()].filter((g) => g.scenarios.length);
}
