// Where the background's time went for the last few event answers, read by bench/detail.ts through the service
// worker (globalThis.dexterTimings). Times are epoch ms (timeOrigin + now) so the page's clock lines up with them.
import type { RequestTiming } from '@/lib/sentry/client';

export interface AnswerTiming {
  type: string;
  /** Handler entered / answer handed back to the messaging layer. */
  startedAt: number;
  doneAt: number;
  /** The Sentry request's stages; absent when the cache answered. */
  request?: RequestTiming;
  /** Loader done → cache.get resolved (memory + storage write). */
  cacheMs: number;
}

const KEEP = 20;
const recent: AnswerTiming[] = [];

export const epochNow = (): number => performance.timeOrigin + performance.now();

export function recordTiming(t: AnswerTiming): void {
  recent.push(t);
  if (recent.length > KEEP) recent.splice(0, recent.length - KEEP);
}

export const recentTimings = (): AnswerTiming[] => recent.map((t) => ({ ...t }));
