// Service-worker start: Chrome stops an idle MV3 worker after ~30 s, so the first message after a pause pays for
// starting it again (loading and running background.js) before it is answered. Measured from an extension page:
// stop the worker (DevTools' ServiceWorker.stopAllWorkers), send a message, time the answer; the same message to
// the running worker beside it. Run alone: npx tsx bench/sw-start.ts [extension dir]
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, round, withDexter } from './overlay';
import type { BenchRow } from './types';

declare const chrome: any;
const RUNS = 12;

export async function benchSwStart(extensionDir = path.resolve('.output/chrome-mv3')): Promise<BenchRow[]> {
  return withDexter({ ollamaPort: 0, extensionDir }, async (b) => {
    const page = await b.context.newPage();
    await page.goto(`chrome-extension://${b.id}/panel.html`); // panel.html with no route loads nothing
    const cdp = await b.context.newCDPSession(page);
    let running = 'running';
    cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { scriptURL: string; runningStatus: string }[] }) => {
      for (const v of e.versions) if (v.scriptURL.includes(b.id)) running = v.runningStatus;
    });
    await cdp.send('ServiceWorker.enable');
    const answer = (type: string) =>
      page.evaluate(async (t) => {
        const start = performance.now();
        const r = await chrome.runtime.sendMessage({ type: t });
        if (!r?.ok) throw new Error(`${t}: ${JSON.stringify(r)}`);
        return performance.now() - start;
      }, type);
    const stop = async () => {
      await cdp.send('ServiceWorker.stopAllWorkers');
      for (const until = Date.now() + 5000; running !== 'stopped'; await page.waitForTimeout(20)) {
        if (Date.now() > until) throw new Error('the service worker did not stop');
      }
    };
    const cold: Record<string, number[]> = { ping: [], 'settings.get': [] };
    const warm: Record<string, number[]> = { ping: [], 'settings.get': [] };
    await answer('ping'); // first start of the run (install, storage) is not a cold start Chrome repeats
    for (let i = 0; i < RUNS; i++) {
      for (const type of Object.keys(cold)) {
        await stop();
        cold[type]!.push(await answer(type));
        warm[type]!.push(await answer(type));
      }
    }
    return [
      { name: `worker stopped → first answer (ping), median of ${RUNS}`, value: round(median(cold.ping!)), unit: 'ms' },
      {
        name: `worker stopped → first answer (settings.get: storage read), median of ${RUNS}`,
        value: round(median(cold['settings.get']!)),
        unit: 'ms',
      },
      { name: 'the same ping to the running worker', value: round(median(warm.ping!), 2), unit: 'ms' },
      {
        name: 'cost of the start (cold ping − warm ping)',
        value: round(median(cold.ping!) - median(warm.ping!)),
        unit: 'ms',
      },
    ];
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await benchSwStart(process.argv[2] ? path.resolve(process.argv[2]) : undefined))
    console.log(`${r.name}: ${r.value} ${r.unit}`);
}
