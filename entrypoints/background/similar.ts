// Similar issues (issue #17): an index per organization (IndexedDB, evicted by age) of every issue Dexter sees —
// list rows by the issue's own signature (metadata and culprit: no request per row), an issue asked about by its
// latest event's — with the model-free vectors, or an embedding model's when the user chose one.
import { eventSignature, issueSignature, signatureText, type IssueSignature } from '@/lib/similar/signature';
import { HASHED_DIM, HASHED_METHOD, hashedVector } from '@/lib/similar/vector';
import { IndexCache } from '@/lib/similar/store';
import type { Match, VectorIndex } from '@/lib/similar/index';
import { matchReason, reasonText } from '@/lib/similar/why';
import { embedTexts } from '@/lib/llm/embed';
import { scrubText } from '@/lib/pii';
import type { SimilarMatch, Target } from '@/lib/messages';
import type { Issue } from '@/lib/sentry/schemas';
import type { Handlers } from './router';
import type { SentryService } from './service';

const indexes = new IndexCache();
/** Scores from which a row says "similar": the model-free vectors score one bug's events ≥ 0.9 on the labelled set. */
const ROW_MIN = 0.8;
const DETAIL_MIN = 0.5;

interface Method {
  name: string;
  dim: number;
  vectors(sigs: IssueSignature[]): Promise<ArrayLike<number>[]>;
}

function methodOf(service: SentryService): Method {
  const s = service.settings;
  const model = s.insights.embedModel;
  if (!model)
    return { name: HASHED_METHOD, dim: HASHED_DIM, vectors: async (sigs) => sigs.map((x) => hashedVector(x)) };
  return {
    name: `embed:${s.llm.provider}:${model}`,
    dim: 0, // learnt from the first answer
    // Only the signature's text is sent, and scrubbed: no event data beyond the type, message and frame names.
    vectors: (sigs) =>
      embedTexts(
        { provider: s.llm.provider, url: s.llm.url, stallSeconds: s.llm.stallSeconds },
        model,
        sigs.map((x) => scrubText(signatureText(x)).text),
      ),
  };
}

async function indexFor(service: SentryService, target: Target, method: Method, dim: number): Promise<VectorIndex> {
  return indexes.get(`${target.apiBase}|${target.org}|${method.name}|${dim}`, method.name, dim);
}

function toMatch(m: Match, from: { projectId: string; signature: IssueSignature }): SimilarMatch {
  return {
    id: m.issue.id,
    shortId: m.issue.shortId,
    title: m.issue.title,
    projectId: m.issue.projectId,
    score: Math.round(m.score * 1000) / 1000,
    reason: reasonText(matchReason(from.signature, m.issue.signature)),
    sameProject: m.issue.projectId === from.projectId,
  };
}

async function upsert(
  service: SentryService,
  target: Target,
  items: {
    issue: Pick<Issue, 'id' | 'shortId' | 'title'> & { project?: { id: string } };
    signature: IssueSignature;
    fromEvent: boolean;
  }[],
) {
  const method = methodOf(service);
  const vectors = await method.vectors(items.map((x) => x.signature));
  const dim = vectors[0]?.length ?? method.dim;
  const index = await indexFor(service, target, method, dim);
  const now = Date.now();
  items.forEach((x, i) => {
    const had = index.get(x.issue.id);
    // A row's signature never replaces the better one an event gave.
    if (had && !x.fromEvent && had.signature.frames.length > 1) return index.touch(x.issue.id, now);
    index.upsert(
      {
        id: x.issue.id,
        projectId: x.issue.project?.id ?? '',
        shortId: x.issue.shortId,
        title: x.issue.title.slice(0, 200),
        seenAt: now,
        signature: x.signature,
      },
      vectors[i]!,
    );
  });
  indexes.changed(`${target.apiBase}|${target.org}|${method.name}|${dim}`, index);
  return { index, vectors, method };
}

export const similarHandlers = {
  async 'similar.rows'(m, { service }) {
    const { client } = service.client(m.target);
    const ids = [...new Set(m.ids)].sort();
    const issues = await service.cache.get(service.key(m.target, 'similar-issues', ids.join(',')), () =>
      client.getIssuesByIds(m.target.org, ids, ''),
    );
    const items = issues.map((issue) => ({ issue, signature: issueSignature(issue), fromEvent: false }));
    const { index, vectors, method } = await upsert(service, m.target, items);
    const rows: Record<string, SimilarMatch[]> = {};
    items.forEach((x, i) => {
      const from = { projectId: x.issue.project?.id ?? '', signature: x.signature };
      rows[x.issue.id] = index
        .query(vectors[i]!, 10, { min: ROW_MIN, exclude: x.issue.id })
        .map((mm) => toMatch(mm, from));
    });
    return { method: method.name, rows };
  },
  async 'similar.issue'(m, { service }) {
    const [issue, event] = await Promise.all([
      service.issue(m.target, m.issueId),
      service.event(m.target, m.issueId, 'latest'),
    ]);
    const signature = eventSignature(event);
    const { index, vectors, method } = await upsert(service, m.target, [{ issue, signature, fromEvent: true }]);
    const from = { projectId: issue.project?.id ?? '', signature };
    return {
      method: method.name,
      signature: signatureText(signature),
      matches: index.query(vectors[0]!, 10, { min: DETAIL_MIN, exclude: m.issueId }).map((mm) => toMatch(mm, from)),
    };
  },
  async 'issues.merge'(m, { service }) {
    const { client } = service.client(m.target);
    const result = await client.mergeIssues(m.target.org, m.projectId, m.ids);
    await service.cache.invalidate((k) => k.startsWith(service.key(m.target)));
    return result;
  },
} satisfies Partial<Handlers>;
