// Why two issues look alike, in words a person can check: the frames they share, the same message once ids and
// numbers are set aside, the same exception type.
import type { IssueSignature } from './signature';

export interface MatchReason {
  sameType: boolean;
  sameMessage: boolean;
  sharedFrames: string[];
}

export function matchReason(a: IssueSignature, b: IssueSignature): MatchReason {
  const theirs = new Set(b.frames.map((f) => f.toLowerCase()));
  return {
    sameType: !!a.type && a.type.toLowerCase() === b.type.toLowerCase(),
    sameMessage: !!a.message && a.message === b.message,
    sharedFrames: a.frames.filter((f) => theirs.has(f.toLowerCase())),
  };
}

/** One line for a tooltip or the detail panel. */
export function reasonText(r: MatchReason): string {
  const parts: string[] = [];
  if (r.sharedFrames.length)
    parts.push(
      `${r.sharedFrames.length} shared frame${r.sharedFrames.length > 1 ? 's' : ''} (${r.sharedFrames.slice(0, 3).join(', ')})`,
    );
  if (r.sameMessage) parts.push('the same message once ids and numbers are set aside');
  if (r.sameType) parts.push('the same exception type');
  return parts.length ? parts.join('; ') : 'similar wording';
}
