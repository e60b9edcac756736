// The Explorer's rows' trends (issue #18): release and deploy markers and Sentry's escalation rule for the rows the
// virtual table draws, asked in one `trends.rows` message per moment (the rows drawn together), each row once.
import { useContext, useEffect, useState } from 'react';
import type { RowTrend, Target } from '@/lib/messages';
import { send } from '../api';
import { TriageContext } from '../triage/context';

const answers = new Map<string, Promise<RowTrend | null>>();
let batch: { target: Target; period: string; ids: Map<string, (t: RowTrend | null) => void> } | null = null;
const key = (t: Target, id: string) => `${t.apiBase}|${t.org}|${id}`;

/** The row's trend, asked with the other rows drawn in the same moment. */
export function rowTrend(target: Target, period: string, id: string): Promise<RowTrend | null> {
  const k = key(target, id);
  const known = answers.get(k);
  if (known) return known;
  if (!batch || batch.target !== target || batch.period !== period) {
    const b = (batch = { target, period, ids: new Map<string, (t: RowTrend | null) => void>() });
    setTimeout(() => {
      if (batch === b) batch = null;
      const waiting = [...b.ids];
      for (let i = 0; i < waiting.length; i += 100) {
        const part = waiting.slice(i, i + 100);
        const filters = {
          window: { statsPeriod: period },
          environments: [],
          projects: [],
          query: null,
          graph: '24h' as const,
        };
        void send({ type: 'trends.rows', target, ids: part.map(([id]) => id), filters }).then((r) => {
          for (const [id, resolve] of part) resolve(r.ok ? (r.data.rows[id] ?? null) : null);
        });
      }
    }, 30);
  }
  const p = new Promise<RowTrend | null>((resolve) => batch!.ids.set(id, resolve));
  answers.set(k, p);
  return p;
}

/** The row's trend in a component under the Explorer's triage store (null until it comes, or outside one). */
export function useRowTrend(issueId: string): RowTrend | null {
  const store = useContext(TriageContext);
  const [trend, setTrend] = useState<RowTrend | null>(null);
  useEffect(() => {
    const state = store?.getState();
    if (!state?.target) return;
    let live = true;
    void rowTrend(state.target, state.settings.list.statsPeriod, issueId).then((t) => live && setTrend(t));
    return () => {
      live = false;
    };
  }, [store, issueId]);
  return trend;
}
