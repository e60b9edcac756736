// The page's triage store, handed down by context so components stay small and testable.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { TriageState, TriageStore } from './store';

export const TriageContext = createContext<TriageStore | null>(null);

export function useTriageStore(): TriageStore {
  const store = useContext(TriageContext);
  if (!store) throw new Error('useTriage needs a <TriageContext.Provider>');
  return store;
}

export function useTriage<T>(select: (s: TriageState) => T): T {
  return useStore(useTriageStore(), select);
}
