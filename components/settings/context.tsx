import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { SettingsState, SettingsStore } from './store';

export const SettingsContext = createContext<SettingsStore | null>(null);

export function useSettingsStore(): SettingsStore {
  const store = useContext(SettingsContext);
  if (!store) throw new Error('useSettings needs a <SettingsContext.Provider>');
  return store;
}

export function useSettings<T>(select: (s: SettingsState) => T): T {
  return useStore(useSettingsStore(), select);
}
