// The `environment` request parameter (repeatable): OrganizationEndpoint.get_environments looks the names up in the
// organisation and answers 404 for a name it does not know (Environment.DoesNotExist → ResourceDoesNotExist).
import { ENVIRONMENTS } from './generate.ts';
import type { Org } from './model.ts';
import type { Store } from './store.ts';
import type { Envs } from './traffic.ts';

/** Every environment the organisation has seen: the generated ones and any an SDK event named. */
export function orgEnvironments(store: Store, org: Org): string[] {
  const names = new Set<string>(ENVIRONMENTS);
  for (const issue of store.issuesOf(org)) for (const e of issue.traffic.singles) names.add(e.env);
  return [...names];
}

/** The requested environments (null = all), or 'unknown' when one of them does not exist. */
export function readEnvironments(params: URLSearchParams, store: Store, org: Org): Envs | 'unknown' {
  const wanted = params.getAll('environment').filter((e) => e !== '');
  if (wanted.length === 0) return null;
  const known = new Set(orgEnvironments(store, org));
  return wanted.every((e) => known.has(e)) ? [...new Set(wanted)] : 'unknown';
}
