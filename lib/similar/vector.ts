// The model-free similarity: a signature's features (type, frames, frame pairs, message words) hashed into a fixed
// number of signed buckets (the hashing trick), weighted by how much each says about "the same bug", L2-normalised.
// Cosine over these vectors is a weighted overlap of features; it needs no model, no vocabulary and no corpus
// statistics, so the index can grow one issue at a time and every vector stays valid. (TF-IDF's weights would
// change with every issue added; MinHash measures plain set overlap and cannot weight a frame above a word.)
import type { IssueSignature } from './signature';

/** Buckets of the model-free vector. 256 keeps collisions rare for the ~30 features of a signature. */
export const HASHED_DIM = 256;
export const HASHED_METHOD = 'hashed-v1';

/** FNV-1a, 32 bits: cheap, stable across runs and browsers. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The weighted features of a signature. Frames near the crash weigh most; message words share one weight. */
export function features(s: IssueSignature): Map<string, number> {
  const out = new Map<string, number>();
  const add = (k: string, w: number) => out.set(k, (out.get(k) ?? 0) + w);
  if (s.type) {
    add(`t:${s.type.toLowerCase()}`, 2);
    const short = s.type.split(/[.:]/).pop()!.toLowerCase();
    if (short !== s.type.toLowerCase()) add(`t:${short}`, 1); // java.net.BindException ~ BindException
  }
  s.frames.forEach((f, i) => {
    const w = 3 / (1 + 0.35 * i);
    add(`f:${f.toLowerCase()}`, w);
    const fn = f.split('.').pop()!.toLowerCase();
    add(`fn:${fn}`, w / 3); // the same function reached from another module or platform
    const next = s.frames[i + 1];
    if (next) add(`fp:${f.toLowerCase()}>${next.toLowerCase()}`, w / 2);
  });
  const words = s.message.match(/<[a-z]+>|[a-z][a-z0-9_]{1,30}/g) ?? [];
  const seen = words.slice(0, 60);
  const each = seen.length ? 3 / Math.sqrt(seen.length) : 0;
  seen.forEach((w, i) => {
    add(`m:${w}`, each);
    if (i > 0) add(`mb:${seen[i - 1]} ${w}`, each / 2);
  });
  for (const c of s.causes) add(`c:${c.toLowerCase()}`, 1);
  return out;
}

/** The signature's model-free vector, unit length (all zeros for an empty signature). */
export function hashedVector(s: IssueSignature, dim = HASHED_DIM): Float32Array {
  const v = new Float32Array(dim);
  for (const [k, w] of features(s)) {
    const h = fnv1a(k);
    v[h % dim]! += h & 0x80000000 ? -w : w;
  }
  return normalize(v);
}

export function normalize(v: Float32Array): Float32Array {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i]! * v[i]!;
  n = Math.sqrt(n);
  if (n > 0) for (let i = 0; i < v.length; i++) v[i]! /= n;
  return v;
}

/** Unit vector → int8 (a quarter of float32's room). Cosine survives: the index divides by the int8 norms. */
export function quantize(v: ArrayLike<number>): Int8Array {
  let max = 0;
  for (let i = 0; i < v.length; i++) max = Math.max(max, Math.abs(v[i]!));
  const q = new Int8Array(v.length);
  if (max === 0) return q;
  const scale = 127 / max;
  for (let i = 0; i < v.length; i++) q[i] = Math.round(v[i]! * scale);
  return q;
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0,
    na = 0,
    nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}
