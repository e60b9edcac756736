// An index of issue vectors for one organization and one method (the model-free vectors or one embedding model's):
// int8 vectors in one flat buffer, a norm and a little metadata per issue, a linear top-k scan (10,000 × 256 int8
// products take a few ms, below what an approximate index would save), eviction by when an issue was last seen.
import { quantize } from './vector';
import type { IssueSignature } from './signature';

export interface IndexedIssue {
  id: string;
  projectId: string;
  shortId: string;
  title: string;
  /** When Dexter last saw the issue (ms); old ones are evicted. */
  seenAt: number;
  signature: IssueSignature;
}

export interface Match {
  issue: IndexedIssue;
  score: number;
}

export class VectorIndex {
  private vectors: Int8Array;
  private norms: Float32Array;
  private items: IndexedIssue[] = [];
  private slot = new Map<string, number>();

  constructor(
    readonly method: string,
    readonly dim: number,
    capacity = 256,
  ) {
    this.vectors = new Int8Array(capacity * dim);
    this.norms = new Float32Array(capacity);
  }

  get size(): number {
    return this.items.length;
  }

  has(id: string): boolean {
    return this.slot.has(id);
  }

  get(id: string): IndexedIssue | undefined {
    const i = this.slot.get(id);
    return i === undefined ? undefined : this.items[i];
  }

  /** Adds or replaces an issue's vector (a unit float vector, or one already quantised). */
  upsert(issue: IndexedIssue, vector: ArrayLike<number> | Int8Array): void {
    if (vector.length !== this.dim)
      throw new RangeError(`vector has ${vector.length} dimensions, the index ${this.dim}`);
    const q = vector instanceof Int8Array ? vector : quantize(vector);
    let i = this.slot.get(issue.id);
    if (i === undefined) {
      i = this.items.length;
      this.grow(i + 1);
      this.items.push(issue);
      this.slot.set(issue.id, i);
    } else {
      this.items[i] = issue;
    }
    this.vectors.set(q, i * this.dim);
    let n = 0;
    for (let d = 0; d < this.dim; d++) n += q[d]! * q[d]!;
    this.norms[i] = Math.sqrt(n);
  }

  /** Marks an issue as seen now without recomputing its vector. */
  touch(id: string, at: number): void {
    const item = this.get(id);
    if (item) item.seenAt = Math.max(item.seenAt, at);
  }

  remove(id: string): void {
    const i = this.slot.get(id);
    if (i === undefined) return;
    const last = this.items.length - 1;
    if (i !== last) {
      // The last issue takes the freed slot: the buffer stays dense.
      this.items[i] = this.items[last]!;
      this.slot.set(this.items[i]!.id, i);
      this.vectors.copyWithin(i * this.dim, last * this.dim, (last + 1) * this.dim);
      this.norms[i] = this.norms[last]!;
    }
    this.items.pop();
    this.slot.delete(id);
  }

  /** Drops issues not seen since `before` (ms); returns how many went. */
  evictOlderThan(before: number): number {
    const old = this.items.filter((x) => x.seenAt < before).map((x) => x.id);
    for (const id of old) this.remove(id);
    return old.length;
  }

  /** The `k` most similar issues to `vector` with a score of at least `min`, best first. */
  query(vector: ArrayLike<number> | Int8Array, k: number, opts: { min?: number; exclude?: string } = {}): Match[] {
    const q = vector instanceof Int8Array ? vector : quantize(vector);
    let qn = 0;
    for (let d = 0; d < this.dim; d++) qn += q[d]! * q[d]!;
    qn = Math.sqrt(qn);
    const min = opts.min ?? -1;
    const best: { i: number; s: number }[] = [];
    if (!qn) return [];
    const dim = this.dim;
    const data = this.vectors;
    const qf = Float64Array.from(q);
    for (let i = 0; i < this.items.length; i++) {
      const n = this.norms[i]!;
      if (!n) continue;
      // Four products a step: the scan is the whole cost of a query (10,000 × 768 products for an embedding index).
      let d0 = 0,
        d1 = 0,
        d2 = 0,
        d3 = 0;
      const off = i * dim;
      let d = 0;
      for (; d + 3 < dim; d += 4) {
        d0 += qf[d]! * data[off + d]!;
        d1 += qf[d + 1]! * data[off + d + 1]!;
        d2 += qf[d + 2]! * data[off + d + 2]!;
        d3 += qf[d + 3]! * data[off + d + 3]!;
      }
      for (; d < dim; d++) d0 += qf[d]! * data[off + d]!;
      const dot = d0 + d1 + d2 + d3;
      const s = dot / (qn * n);
      if (s < min || (best.length === k && s <= best[k - 1]!.s)) continue;
      if (this.items[i]!.id === opts.exclude) continue;
      let at = best.length;
      while (at > 0 && best[at - 1]!.s < s) at--;
      best.splice(at, 0, { i, s });
      if (best.length > k) best.pop();
    }
    return best.map(({ i, s }) => ({ issue: this.items[i]!, score: Math.min(1, s) }));
  }

  /** Bytes the index holds in memory: vectors, norms and (roughly) the metadata as JSON. */
  byteSize(): number {
    return this.items.length * (this.dim + 4) + JSON.stringify(this.items).length;
  }

  /** A plain object for IndexedDB (structured clone keeps the typed array). */
  toJSON(): StoredIndex {
    return {
      version: 1,
      method: this.method,
      dim: this.dim,
      items: this.items,
      vectors: this.vectors.slice(0, this.items.length * this.dim),
    };
  }

  static from(stored: StoredIndex): VectorIndex {
    const index = new VectorIndex(stored.method, stored.dim, Math.max(16, stored.items.length));
    stored.items.forEach((item, i) =>
      index.upsert(item, stored.vectors.subarray(i * stored.dim, (i + 1) * stored.dim)),
    );
    return index;
  }

  private grow(count: number): void {
    const capacity = this.norms.length;
    if (count <= capacity) return;
    const next = Math.max(count, capacity * 2);
    const v = new Int8Array(next * this.dim);
    v.set(this.vectors);
    const n = new Float32Array(next);
    n.set(this.norms);
    this.vectors = v;
    this.norms = n;
  }
}

export interface StoredIndex {
  version: 1;
  method: string;
  dim: number;
  items: IndexedIssue[];
  vectors: Int8Array;
}
