// The part of a long, possibly personal, text that the detail panel shows: masked findings are never split.
import { findPii, splitAtFindings, type PiiRule, type TextSegment } from '@/lib/pii';

// Scanning a 100 KB field for a 2,000-character view costs ~2 ms a field, ~160 ms for a hostile event: only the
// shown part plus this margin is scanned, so any value starting in view and shorter than the margin is found whole.
export const SCAN_MARGIN = 16_384;

export interface ShownText {
  segments: TextSegment[];
  shown: number;
  total: number;
}

/** Segments of the first `limit` characters of `text` (all of it when `limit` is null), PII found per `rules`. */
export function shownSegments(text: string, rules: Partial<Record<PiiRule, boolean>>, limit: number | null): ShownText {
  const cut = limit !== null && text.length > limit;
  const scanned = cut ? text.slice(0, limit + SCAN_MARGIN) : text;
  let segments: TextSegment[];
  try {
    segments = splitAtFindings(scanned, findPii(scanned, { rules }));
  } catch {
    segments = [{ text: scanned }];
  }
  if (!cut) return { segments, shown: text.length, total: text.length };
  const out: TextSegment[] = [];
  let pos = 0;
  for (const s of segments) {
    if (pos >= limit) break;
    if (pos + s.text.length <= limit || s.finding) {
      // A finding across the limit is kept whole: it is shown masked, and half a value could leak past the scanner.
      out.push(s);
      pos += s.text.length;
    } else {
      out.push({ text: s.text.slice(0, limit - pos) });
      pos = limit;
    }
  }
  return { segments: out, shown: pos, total: text.length };
}
