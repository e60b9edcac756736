// One issue's trend (`trends.issue`: its week by the hour, forecast, markers, chips), asked when a view needs it.
import { useEffect, useState } from 'react';
import type { DexterError, IssueTrendAnswer, Target } from '@/lib/messages';
import { send } from '../api';

export function useIssueTrend(
  target: Target,
  issueId: string,
  enabled = true,
): { data: IssueTrendAnswer | null; error: DexterError | null } {
  const [state, setState] = useState<{ data: IssueTrendAnswer | null; error: DexterError | null }>({
    data: null,
    error: null,
  });
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void send({ type: 'trends.issue', target, issueId }).then(
      (r) => live && setState(r.ok ? { data: r.data, error: null } : { data: null, error: r.error }),
    );
    return () => {
      live = false;
    };
  }, [target, issueId, enabled]);
  return state;
}
