// Dexter's added latency to the first token of "Explain": the same chat request to the Ollama-compatible server,
// once through Dexter (extension page → explain port → background → Ollama → back) and once straight from Node
// with the `ollama` client. Every run uses a distinct text, so no answer cache can serve a repeat.
import { Ollama } from 'ollama';
import { playwrightDriver } from '../tests/scenarios/playwright';
import type { Driver } from '../tests/scenarios/driver';
import { median, round, withDexter } from './overlay';
import type { BenchRow } from './types';

declare const chrome: any;

const MODEL = 'llama3.2:latest';
const RUNS = 10;

const sampleText = (i: number) =>
  `TypeError: Cannot read properties of undefined (reading 'total') [run ${i} ${Math.random().toString(36).slice(2)}]\n` +
  `  at computeCart (app/checkout/cart.ts:${40 + i}:17)\n  at submitOrder (app/checkout/submit.ts:${12 + i}:5)\nuser jane@example.com`;

/** Time to the first content chunk of a streamed chat, from Node with the `ollama` client. */
async function directFirstToken(body: {
  model: string;
  messages: { role: string; content: string }[];
}): Promise<number> {
  const client = new Ollama({ host: 'http://127.0.0.1:11434' });
  const t0 = performance.now();
  const stream = await client.chat({ model: body.model, messages: body.messages, stream: true });
  let first = NaN;
  for await (const chunk of stream) {
    if (chunk.message?.content) {
      first = performance.now() - t0;
      break;
    }
  }
  stream.abort();
  return first;
}

/** First-token times of `runs` Explains through Dexter in the driver's browser (from its popup page: the explain port,
 *  the background, Ollama, back), each beside the very request Dexter sent replayed straight from Node. */
export async function firstTokens(d: Driver, runs = RUNS): Promise<{ dexter: number[]; direct: number[] }> {
  const set = await d.ask({ type: 'settings.set', patch: { llm: { model: MODEL, url: 'http://127.0.0.1:11434' } } });
  if (!set?.ok) throw new Error(`could not choose the model: ${JSON.stringify(set).slice(0, 200)}`);
  const page = await d.extensionPage('popup.html');
  try {
    // From the extension page: send start-text on the explain port, stop the clock at the first token message.
    const throughDexter = (text: string) =>
      page.evaluate(
        (t) =>
          new Promise<number>((resolve, reject) => {
            const api = (globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome }).browser ?? chrome;
            const port = api.runtime.connect({ name: 'dexter-explain' });
            const t0 = performance.now();
            port.onMessage.addListener((m: { type: string; error?: { message: string } }) => {
              if (m.type === 'token') {
                resolve(performance.now() - t0);
                port.disconnect();
              }
              if (m.type === 'error' || m.type === 'done') {
                reject(new Error(m.error?.message ?? `no token before ${m.type}`));
                port.disconnect();
              }
            });
            port.postMessage({ type: 'start-text', text: t });
          }),
        text,
      );

    const lastChat = () => {
      const r = d.world.ollama.requests.filter((q) => q.path === '/api/chat').at(-1);
      if (!r?.body?.messages) throw new Error('Dexter sent no /api/chat request');
      return r.body as { model: string; messages: { role: string; content: string }[] };
    };

    // One warm-up each (worker start, connection set-up, JIT), then interleaved runs with the very request Dexter sent.
    await throughDexter(sampleText(-1));
    await directFirstToken(lastChat());
    const dexter: number[] = [];
    const direct: number[] = [];
    for (let i = 0; i < runs; i++) {
      dexter.push(await throughDexter(sampleText(i)));
      const body = lastChat();
      if (!body.messages.some((m) => m.content.includes(`[run ${i} `)))
        throw new Error(`run ${i}: the request Ollama saw is not this run's text`);
      // The replay carries a distinct marker too, so even a caching server could not answer it from memory.
      direct.push(
        await directFirstToken({
          ...body,
          messages: body.messages.map((m) => ({ ...m, content: `${m.content}\n(direct ${i})` })),
        }),
      );
    }
    return { dexter, direct };
  } finally {
    await page.close();
  }
}

/** The table's rows for one browser's runs; `browser` goes into the names when it is not the only one. */
export function explainRows({ dexter, direct }: { dexter: number[]; direct: number[] }, browser = ''): BenchRow[] {
  const d = median(dexter);
  const n = median(direct);
  const runs = dexter.length;
  const where = browser ? `${browser}: ` : '';
  return [
    {
      name: `${where}first token through Dexter (median of ${runs}, extension page → port → Ollama)`,
      value: round(d),
      unit: 'ms',
    },
    { name: `${where}first token direct from Node, ollama client (median of ${runs})`, value: round(n), unit: 'ms' },
    {
      name: `${where}Dexter’s added latency to the first token (difference of medians)`,
      value: round(d - n),
      unit: 'ms',
      target: '≤ 20',
      ok: d - n <= 20,
    },
    { name: `${where}through Dexter, slowest of ${runs}`, value: round(Math.max(...dexter)), unit: 'ms' },
  ];
}

export async function benchExplain(): Promise<BenchRow[]> {
  return withDexter({ ollamaPort: 11434 }, async (b, world) =>
    explainRows(await firstTokens(playwrightDriver(b, world))),
  );
}
