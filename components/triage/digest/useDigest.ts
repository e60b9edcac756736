// The on-call digest of one organization (background `digest.build`): the data is asked as soon as the view opens
// and for each period picked (a few Sentry requests, no model); the narrative only when the user asks for it, as it
// is a call to their model. A later ask wins over an earlier one still out.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DexterError, DigestAnswer, Target } from '@/lib/messages';
import { send } from '../../api';

/** The periods offered, 1 hour to 7 days (the background takes 1 to 168 hours). */
export const DIGEST_PERIODS = [1, 3, 6, 12, 24, 48, 72, 168] as const;
export const DEFAULT_DIGEST_HOURS = 24;

export function periodLabel(hours: number): string {
  if (hours % 24 === 0 && hours >= 48) return `Last ${hours / 24} days`;
  return hours === 1 ? 'Last hour' : `Last ${hours} hours`;
}

export interface DigestState {
  hours: number;
  answer: DigestAnswer | null;
  error: DexterError | null;
  /** What is being asked: the data, or the data with the model's narrative. */
  loading: 'data' | 'narrative' | null;
  setHours(hours: number): void;
  /** Asks again (Sentry's answers come from Dexter's cache for a minute). */
  refresh(): void;
  writeNarrative(): void;
}

export function useDigest(target: Target | null): DigestState {
  const [hours, setHours] = useState(DEFAULT_DIGEST_HOURS);
  const [answer, setAnswer] = useState<DigestAnswer | null>(null);
  const [error, setError] = useState<DexterError | null>(null);
  const [loading, setLoading] = useState<DigestState['loading']>(null);
  const seq = useRef(0);

  const build = useCallback(
    async (h: number, narrative: boolean) => {
      if (!target) return;
      const mine = ++seq.current;
      setLoading(narrative ? 'narrative' : 'data');
      setError(null);
      if (!narrative) setAnswer(null); // another period: the old figures must not pass for the new ones
      const r = await send({ type: 'digest.build', target, hours: h, narrative });
      if (mine !== seq.current) return;
      setLoading(null);
      if (r.ok) setAnswer(r.data);
      else setError(r.error);
    },
    [target],
  );

  // Built once per organization and period: a view hidden and shown again (the Explorer's tabs keep it in a hidden
  // React Activity, which runs its effects again when shown) keeps what it had, the narrative included.
  const built = useRef<{ build: typeof build; hours: number } | null>(null);
  useEffect(() => {
    if (built.current?.build === build && built.current.hours === hours) return;
    built.current = { build, hours };
    void build(hours, false);
  }, [build, hours]);

  return {
    hours,
    answer,
    error,
    loading,
    setHours,
    refresh: () => void build(hours, false),
    writeNarrative: () => void build(hours, true),
  };
}
