// Similar issues: quality against the labelled set (tests/fixtures/grouping), model-free and with a real embedding
// model (Universal Sentence Encoder behind the world's Ollama /api/embed, through Dexter's own client), then the
// speed of a top-5 query and the size of an index of 10,000 issues.
import { labelledSet, toApiEvent } from '../tests/fixtures/grouping/load';
import { eventSignature, signatureText } from '../lib/similar/signature';
import { HASHED_DIM, hashedVector } from '../lib/similar/vector';
import { VectorIndex } from '../lib/similar/index';
import { retrievalQuality, type Quality } from '../lib/similar/evaluate';
import { embedTexts } from '../lib/llm/embed';
import { startOllamaServer } from '../tests/world/ollama/server';
import type { BenchRow } from './types';

const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

function qualityRows(label: string, q: Quality): BenchRow[] {
  return [
    {
      name: `${label}: precision@3 (${q.queries} queries)`,
      value: round(q.precisionAt3),
      unit: '',
      target: '≥ 0.9',
      ok: q.precisionAt3 >= 0.9,
    },
    {
      name: `${label}: recall@10 (of what 10 places can hold)`,
      value: round(q.recallAt10),
      unit: '',
      target: '≥ 0.8',
      ok: q.recallAt10 >= 0.8,
    },
    {
      name: `${label}: recall@10 over whole groups (groups of 32 cap it at 0.32)`,
      value: round(q.plainRecallAt10),
      unit: '',
    },
    { name: `${label}: top-1 in the same group`, value: round(q.perfectTop1), unit: '' },
  ];
}

/** 10,000 issues' signatures: the labelled set's, each with its words and frames varied, so no two are alike. */
function manySignatures(n: number) {
  const base = labelledSet().map((e) => eventSignature(toApiEvent(e)));
  return Array.from({ length: n }, (_, i) => {
    const s = base[i % base.length]!;
    return {
      ...s,
      message: `${s.message} variant${i % 97} w${i}`,
      frames: s.frames.map((f, j) => (j === i % 3 ? `${f}${i}` : f)),
    };
  });
}

function speedRows(label: string, dim: number, vectorOf: (i: number) => ArrayLike<number>): BenchRow[] {
  const index = new VectorIndex(label, dim, 10_000);
  const t0 = performance.now();
  for (let i = 0; i < 10_000; i++)
    index.upsert(
      {
        id: String(i),
        projectId: String(i % 7),
        shortId: `P-${i}`,
        title: `issue ${i}`,
        seenAt: i,
        signature: { type: 'Error', message: 'm', frames: ['a.b'], causes: [], platform: 'python' },
      },
      vectorOf(i),
    );
  const buildMs = performance.now() - t0;
  const times: number[] = [];
  for (let q = 0; q < 60; q++) {
    const t = performance.now();
    index.query(vectorOf((q * 7919) % 10_000), 5);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const median = times[30]!;
  const mb = index.byteSize() / 1024 / 1024;
  return [
    {
      name: `${label}: top-5 query over 10,000 issues (median of 60)`,
      value: round(median, 2),
      unit: 'ms',
      target: '≤ 20',
      ok: median <= 20,
    },
    { name: `${label}: slowest of those queries`, value: round(times.at(-1)!, 2), unit: 'ms' },
    {
      name: `${label}: index of 10,000 issues (int8 vectors + metadata)`,
      value: round(mb, 2),
      unit: 'MB',
      target: '≤ 10',
      ok: mb <= 10,
    },
    { name: `${label}: building it`, value: round(buildMs, 1), unit: 'ms' },
  ];
}

export async function benchSimilar(): Promise<BenchRow[]> {
  const set = labelledSet();
  const sigs = set.map((e) => eventSignature(toApiEvent(e)));
  const rows: BenchRow[] = [
    {
      name: 'labelled set: events (22 Sentry inputs, the rest derived by its rules)',
      value: set.length,
      unit: 'events',
      target: '≥ 200',
      ok: set.length >= 200,
    },
  ];
  rows.push(
    ...qualityRows(
      'model-free (hashed features)',
      retrievalQuality(set.map((e, i) => ({ id: e.id, group: e.group, vector: hashedVector(sigs[i]!) }))),
    ),
  );

  const server = await startOllamaServer({ port: 0 });
  try {
    const texts = sigs.map(signatureText);
    const vectors: number[][] = [];
    const t0 = performance.now();
    for (let i = 0; i < texts.length; i += 64)
      vectors.push(
        ...(await embedTexts(
          { provider: 'ollama', url: server.url },
          'universal-sentence-encoder',
          texts.slice(i, i + 64),
        )),
      );
    const embedMs = performance.now() - t0;
    const backend = await fetch(`${server.url}/api/embed`, {
      method: 'POST',
      body: JSON.stringify({ model: 'universal-sentence-encoder', input: ['x'] }),
    }).then((r) => r.headers.get('x-dexter-embed-backend'));
    const label =
      backend === 'use'
        ? 'embeddings (Universal Sentence Encoder, 512-d)'
        : 'embeddings (hashed stand-in: the USE package is missing)';
    rows.push(
      ...qualityRows(label, retrievalQuality(set.map((e, i) => ({ id: e.id, group: e.group, vector: vectors[i]! })))),
    );
    rows.push({
      name: `${label}: embedding the ${texts.length} signatures through /api/embed, batches of 64`,
      value: round(embedMs, 0),
      unit: 'ms',
    });
  } finally {
    await server.close();
  }

  const many = manySignatures(10_000);
  rows.push(...speedRows(`model-free, ${HASHED_DIM}-d`, HASHED_DIM, (i) => hashedVector(many[i]!)));
  // An embedding model's vectors: 768 dimensions (nomic-embed-text's), the largest Dexter expects.
  const rand = (seed: number) => {
    let s = seed + 1;
    return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5;
  };
  const cache = new Map<number, Float32Array>();
  rows.push(
    ...speedRows('embeddings, 768-d', 768, (i) => {
      let v = cache.get(i);
      if (!v) {
        const r = rand(i);
        v = Float32Array.from({ length: 768 }, r);
        cache.set(i, v);
      }
      return v;
    }),
  );
  return rows;
}
