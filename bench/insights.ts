// Issue #17's figures that need no browser: Dexter's own time per one-line summary beside the model's (the
// background's code path — prompt, scrub, budget, queue, schema check — in Node against the world's Ollama, message
// passing excluded), 25 rows' summaries through the queue, the digest of 500 issues (data part) and its narrative's
// citations.
import { labelledSet, toApiEvent } from '../tests/fixtures/grouping/load';
import { startOllamaServer } from '../tests/world/ollama/server';
import { ModelQueue } from '../lib/summary/queue';
import { buildSummaryPrompt } from '../lib/summary/prompt';
import { summarySchema } from '../lib/summary/schema';
import { structuredChat } from '../lib/llm/structured';
import { scrubText } from '../lib/pii';
import { buildDigest, type DigestInput } from '../lib/digest/build';
import { checkCitations, narrativePrompt, narrativeSchema } from '../lib/digest/narrative';
import { digestMarkdown, digestSlack } from '../lib/digest/format';
import type { BenchRow } from './types';

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function benchInsights(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const server = await startOllamaServer({ port: 0, chunkDelayMs: 1 });
  try {
    const cfg = { provider: 'ollama' as const, url: server.url };
    const events = labelledSet().slice(0, 25).map(toApiEvent);
    // Warm-up: the tokenizer's tables and the connection.
    await structuredChat(cfg, {
      model: 'llama3.2',
      name: 's',
      schema: summarySchema,
      ...buildSummaryPrompt(events[0]),
    });
    const queue = new ModelQueue(() => 1);
    const dexter: number[] = [];
    const model: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      events.map((event, i) =>
        queue.enqueue({
          key: `e${i}`,
          owner: 'bench',
          server: server.url,
          priority: 0,
          async run(signal) {
            const start = performance.now();
            const prompt = buildSummaryPrompt(event, { scrub: (t) => scrubText(t) });
            const r = await structuredChat(cfg, {
              model: 'llama3.2',
              name: 'issue_summary',
              schema: summarySchema,
              ...prompt,
              signal,
            });
            if (!r.ok) throw new Error(r.reason);
            model.push(r.modelMs);
            dexter.push(performance.now() - start - r.modelMs);
          },
        }),
      ),
    );
    const all = performance.now() - t0;
    rows.push(
      {
        name: 'one-line summary: Dexter’s own time per summary beyond the model call (median of 25; prompt, scrub, budget, schema check)',
        value: round(median(dexter), 2),
        unit: 'ms',
        target: '≤ 20',
        ok: median(dexter) <= 20,
      },
      { name: '… the slowest of the 25', value: round(Math.max(...dexter), 2), unit: 'ms' },
      {
        name: '… the model call (world Ollama, format = JSON Schema), median',
        value: round(median(model), 1),
        unit: 'ms',
      },
      {
        name: 'summaries for 25 rows in view, one call at a time, with the replica’s model',
        value: round(all, 0),
        unit: 'ms',
      },
    );

    // The digest of 500 issues seen in the last 24 h (Sentry's list fields), data part only.
    const now = Date.now();
    const issues: DigestInput[] = Array.from({ length: 500 }, (_, i) => ({
      id: String(1000 + i),
      shortId: `${['WEB', 'API', 'JOBS'][i % 3]}-${(100 + i).toString(36).toUpperCase()}`,
      title: `Error ${i}: something failed`,
      count: String(5 + ((i * 37) % 900)),
      userCount: (i * 13) % 120,
      level: i % 17 ? 'error' : 'fatal',
      firstSeen: new Date(now - ((i * 7) % 200) * 3_600_000).toISOString(),
      lastSeen: new Date(now - ((i * 3) % 23) * 3_600_000).toISOString(),
      substatus: i % 11 === 0 ? 'escalating' : i % 13 === 0 ? 'regressed' : 'ongoing',
      project: { slug: ['web', 'api', 'jobs'][i % 3] },
      release: i % 2 ? `r@1.${i % 5}` : null,
    }));
    const times: number[] = [];
    let digest = buildDigest(issues, 24, now);
    for (let k = 0; k < 20; k++) {
      const t = performance.now();
      digest = buildDigest(issues, 24, now);
      digestMarkdown(digest);
      digestSlack(digest);
      times.push(performance.now() - t);
    }
    rows.push({
      name: 'digest of 500 issues built, data part (build + Markdown + Slack text, median of 20)',
      value: round(median(times), 2),
      unit: 'ms',
      target: '≤ 1000',
      ok: median(times) <= 1000,
    });

    // The narrative from the replica's model, every citation checked against the digest.
    server.setStructured('follow');
    const prompt = narrativePrompt(digest, (t) => scrubText(t).text);
    const r = await structuredChat(cfg, {
      model: 'llama3.2',
      name: 'digest_narrative',
      schema: narrativeSchema,
      ...prompt,
    });
    if (!r.ok) throw new Error(r.reason);
    const checked = checkCitations(r.value, digest);
    const keptValid = checked.statements.every((s) => s.cites.every((c) => digest.issues[c]));
    server.setStructured('bad-citations');
    const bad = await structuredChat(cfg, {
      model: 'llama3.2',
      name: 'digest_narrative',
      schema: narrativeSchema,
      ...prompt,
    });
    const badChecked = bad.ok ? checkCitations(bad.value, digest) : null;
    rows.push(
      {
        name: 'digest narrative: citations of the kept statements that name an issue of the digest',
        value: keptValid ? 100 : 0,
        unit: '%',
        target: '100',
        ok: keptValid,
      },
      {
        name: 'digest narrative: the model’s own citations that were valid (follows the schema)',
        value: round((100 * checked.citationsValid) / Math.max(1, checked.citationsChecked)),
        unit: '%',
      },
      {
        name: 'digest narrative with made-up and missing citations: statements dropped and reported',
        value: badChecked?.dropped.length ?? NaN,
        unit: 'statements',
        target: '2',
        ok: badChecked?.dropped.length === 2,
      },
    );
  } finally {
    await server.close();
  }
  return rows;
}
