// Retrieval quality against labels: for every issue whose group has other members, the nearest issues in the index
// are compared with its group. precision@k counts the relevant ones among the top k out of min(k, group size − 1)
// (what can be relevant at all: a pair has one match to find); recall@k is the share of the group found in the top k,
// out of what k places can hold (and, plainly, out of the whole group).
import { VectorIndex } from './index';
import type { IssueSignature } from './signature';

export interface Labelled {
  id: string;
  group: string;
  vector: ArrayLike<number>;
}
export interface Quality {
  queries: number;
  /** Relevant in the top 3 ÷ min(3, other members of the group). */
  precisionAt3: number;
  /** Relevant in the top 3 ÷ 3, whatever the group's size. */
  strictPrecisionAt3: number;
  /** Relevant in the top 10 ÷ min(10, other members): what the top 10 can hold at all. */
  recallAt10: number;
  /** Relevant in the top 10 ÷ all other members (can't reach 1 for groups of more than 11). */
  plainRecallAt10: number;
  perfectTop1: number;
}

export function retrievalQuality(items: Labelled[], method = 'eval'): Quality {
  const dim = items[0]?.vector.length ?? 0;
  const index = new VectorIndex(method, dim, items.length);
  const sig: IssueSignature = { type: '', message: '', frames: [], causes: [], platform: '' };
  for (const x of items)
    index.upsert({ id: x.id, projectId: '', shortId: x.id, title: x.id, seenAt: 0, signature: sig }, x.vector);
  const size = new Map<string, number>();
  for (const x of items) size.set(x.group, (size.get(x.group) ?? 0) + 1);
  let queries = 0,
    p3 = 0,
    strict = 0,
    r10 = 0,
    plain = 0,
    top1 = 0;
  const groupOf = new Map(items.map((x) => [x.id, x.group]));
  for (const x of items) {
    const others = size.get(x.group)! - 1;
    if (others < 1) continue;
    queries++;
    const top = index.query(x.vector, 10, { exclude: x.id });
    const rel = top.map((m) => groupOf.get(m.issue.id) === x.group);
    const in3 = rel.slice(0, 3).filter(Boolean).length;
    p3 += in3 / Math.min(3, others);
    strict += in3 / 3;
    r10 += rel.filter(Boolean).length / Math.min(10, others);
    plain += rel.filter(Boolean).length / others;
    top1 += rel[0] ? 1 : 0;
  }
  const avg = (n: number) => (queries ? n / queries : 0);
  return {
    queries,
    precisionAt3: avg(p3),
    strictPrecisionAt3: avg(strict),
    recallAt10: avg(r10),
    plainRecallAt10: avg(plain),
    perfectTop1: avg(top1),
  };
}
