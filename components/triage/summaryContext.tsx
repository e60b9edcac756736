// The page's summary store (components/triage/summaries.ts), handed down like the triage store. Optional: a list
// rendered without one simply has no summaries.
import { createContext, useCallback, useContext, useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { SummaryState, SummaryStore } from './summaries';

export const SummaryContext = createContext<SummaryStore | null>(null);

export function useSummaryStore(): SummaryStore | null {
  return useContext(SummaryContext);
}

const NONE = { on: false, entries: {}, error: null } as unknown as SummaryState;
const inert = {
  getState: () => NONE,
  getInitialState: () => NONE,
  subscribe: () => () => {},
  setState: () => {},
} as unknown as SummaryStore;

/** A value of the page's summary state (of an empty one where the page has none). */
export function useSummaries<T>(select: (s: SummaryState) => T): T {
  return useStore(useSummaryStore() ?? inert, select);
}

/**
 * Reports the rows in view to the store, `delay` ms after they stopped changing (scrolling past rows asks nothing),
 * and cancels what is waiting when the list is left (unmounted, or `active` turned false: another tab shown).
 */
export function useRowsInView(
  active: boolean,
  opts: { delay?: number; store?: SummaryStore | null } = {},
): (view: readonly string[], near?: readonly string[]) => void {
  const context = useSummaryStore();
  const store = opts.store ?? context; // the page that provides the store passes it: it is not inside its own provider
  const delay = opts.delay ?? 250;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    if (!store) return;
    if (!active) store.getState().leave();
    return () => {
      clearTimeout(timer.current);
      store.getState().leave();
    };
  }, [store, active]);
  return useCallback(
    (view: readonly string[], near: readonly string[] = []) => {
      clearTimeout(timer.current);
      if (store && active) timer.current = setTimeout(() => store.getState().want(view, near), delay);
    },
    [store, active, delay],
  );
}
