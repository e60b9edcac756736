// What the shell tells the replica's browser app (the JSON in #replica-config, written by page-route.ts).
export interface ClientConfig {
  org: string;
  urlForm: 'customer' | 'path';
  theme: 'light' | 'dark';
  layout: 'table' | 'div';
  /** Milliseconds each API call of the app takes (the server waits that long): all, issues-stats, event requests. */
  latency: { api: number; stats: number; event: number };
}

/** Test-world switches that stand for Sentry feature flags or for the page's network; they stay on in-app links. */
export const STICKY = ['render', 'layout', 'theme', 'latency', 'statsLatency', 'eventLatency'];

/** What every page controller gets from the app: the config, whether its navigation is still the current one, and
 *  the app's navigate(). */
export interface AppContext {
  config: ClientConfig;
  isCurrent(): boolean;
  navigate(url: URL, how: 'push' | 'replace'): void;
}

export function readConfig(): ClientConfig {
  const node = document.getElementById('replica-config');
  return JSON.parse(node?.textContent ?? '{}') as ClientConfig;
}
