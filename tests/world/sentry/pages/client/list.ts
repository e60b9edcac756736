// The issue list the way Sentry's overview.tsx loads it: 25 skeleton rows (LoadingStreamGroup), then the list call
// (collapse=stats, so rows come without numbers and keep placeholders in Graph/Events/Users/Age/Last seen), then
// issues-stats for those ids, whose answer GroupStore merges into each group ({...item, ...stats}) — the rows are
// re-rendered in place. Also: search, sort, status tabs, pagination by the Link cursors, selection, direct hits.
import { renderListMain, PAGE_SIZE, type ListPageInput } from '../issueList';
import { renderRow, type RowContext } from '../issueRow';
import { linkCursors as parseLinkCursors } from '../../link';
import { api, type Params } from './api';
import type { AppContext } from './config';
import { loadingError, main, parse, patch, setMain } from './dom';

/** views/issueList/utils.tsx DEFAULT_QUERY; the page's own default when the URL has no `query`. */
export const DEFAULT_QUERY = 'is:unresolved issue.priority:[high, medium]';
const ROW = '[data-test-id="group"]';

interface ListState {
  groups: Map<string, any>;
  order: string[];
  selected: Set<string>;
  next: string | null;
  prev: string | null;
  input: ListPageInput | null;
}
const state: ListState = { groups: new Map(), order: [], selected: new Set(), next: null, prev: null, input: null };

/** getEndpointParams(): page filters, query, sort (unless date), groupStatsPeriod (unless 24h), statsPeriod 14d fallback. */
function endpointParams(url: URL): Params {
  const q = url.searchParams;
  const params: Params = {
    project: q.getAll('project'),
    environment: q.getAll('environment'),
    query: q.has('query') ? (q.get('query') ?? '') : DEFAULT_QUERY,
    statsPeriod: q.get('statsPeriod') ?? undefined,
    start: q.get('start') ?? undefined,
    end: q.get('end') ?? undefined,
    utc: q.get('utc') ?? undefined,
  };
  const sort = q.get('sort');
  if (sort && sort !== 'date') params.sort = sort;
  const groupStatsPeriod = q.get('groupStatsPeriod');
  if (groupStatsPeriod && groupStatsPeriod !== '24h') params.groupStatsPeriod = groupStatsPeriod;
  if (!params.statsPeriod && !params.start) params.statsPeriod = '14d';
  return params;
}

function rowContext(app: AppContext, input: ListPageInput): RowContext {
  return {
    org: app.config.org,
    urlForm: app.config.urlForm,
    layout: app.config.layout,
    query: input.query,
    sort: input.sort,
    now: new Date(),
  };
}

function rowOf(row: Element): string | null {
  return row.querySelector('input[aria-label="Select Issue"]')?.id ?? null;
}

export async function showList(app: AppContext, url: URL): Promise<void> {
  const { config } = app;
  const query = url.searchParams.has('query') ? (url.searchParams.get('query') ?? '') : DEFAULT_QUERY;
  const input: ListPageInput = {
    org: config.org,
    urlForm: config.urlForm,
    layout: config.layout,
    theme: config.theme,
    issues: [],
    query,
    sort: url.searchParams.get('sort') ?? 'date',
    hits: 0,
    nextCursor: null,
    prevCursor: null,
    loading: true,
  };
  Object.assign(state, { groups: new Map(), order: [], selected: new Set(), next: null, prev: null, input });
  document.title = `Issues — ${config.org}`;
  setMain(renderListMain(input));
  updateBulkBar();

  const params = endpointParams(url);
  const cursor = url.searchParams.get('cursor');
  const list = await api(
    'GET',
    `/organizations/${config.org}/issues/`,
    {
      ...params,
      cursor: cursor ?? undefined,
      limit: PAGE_SIZE,
      shortIdLookup: 1,
      expand: ['owners', 'inbox'],
      collapse: ['stats', 'unhandled'],
    },
    config.latency.api,
  );
  if (!app.isCurrent()) return;
  if (list.status !== 200 || !Array.isArray(list.body)) {
    body()?.replaceChildren(...parse(loadingError()));
    return;
  }
  if (list.headers.get('X-Sentry-Direct-Hit') === '1' && list.body[0]) {
    const hit = list.body[0];
    const base = config.urlForm === 'customer' ? '' : `/organizations/${config.org}`;
    const event = hit.matchingEventId ? `events/${hit.matchingEventId}/` : '';
    app.navigate(new URL(`${base}/issues/${hit.id}/${event}?referrer=issue-list`, location.href), 'replace');
    return;
  }
  const cursors = parseLinkCursors(list.headers.get('Link') ?? '');
  Object.assign(input, {
    issues: list.body,
    loading: false,
    hits: Number(list.headers.get('X-Hits') ?? list.body.length),
    nextCursor: cursors.next,
    prevCursor: cursors.previous,
  });
  state.next = cursors.next;
  state.prev = cursors.previous;
  state.order = list.body.map((g: any) => String(g.id));
  for (const g of list.body) state.groups.set(String(g.id), g);
  setMain(renderListMain(input));
  updateBulkBar();
  if (state.order.length === 0) return;

  const stats = await api(
    'GET',
    `/organizations/${config.org}/issues-stats/`,
    { ...params, groups: state.order },
    config.latency.stats,
  );
  if (!app.isCurrent() || stats.status !== 200 || !Array.isArray(stats.body)) return;
  // GroupStore.onPopulateStats: this.items[idx] = {...item, ...groupStatsMap[item.id]}, then the rows re-render.
  for (const item of stats.body) {
    const g = state.groups.get(String(item.id));
    if (g) state.groups.set(String(item.id), { ...g, ...item });
  }
  const c = rowContext(app, input);
  for (const row of document.querySelectorAll(ROW)) {
    const id = rowOf(row);
    const g = id ? state.groups.get(id) : undefined;
    const fresh = g ? parse(renderRow(g, c))[0] : undefined;
    if (fresh) patch(row, fresh);
  }
}

function body(): Element | null {
  return main().querySelector('[data-sentry-component="GroupListBody"]');
}

/** Every row becomes a new node from its current data (React remounting the rows), selection kept. */
export function rerenderRows(app: AppContext): void {
  if (!state.input) return;
  const c = rowContext(app, state.input);
  for (const row of document.querySelectorAll(ROW)) {
    const id = rowOf(row);
    const g = id ? state.groups.get(id) : undefined;
    const fresh = g ? parse(renderRow(g, c))[0] : undefined;
    if (!fresh) continue;
    const box = fresh.querySelector<HTMLInputElement>('input[aria-label="Select Issue"]');
    if (box) box.checked = state.selected.has(box.id);
    row.replaceWith(fresh);
  }
}

function updateBulkBar(): void {
  const any = state.selected.size > 0;
  document.querySelectorAll<HTMLElement>('[data-sentry-component="ActionSet"]').forEach((bar) => {
    bar.hidden = !any;
  });
  document.querySelectorAll<HTMLElement>('[data-sentry-component="Headers"]').forEach((h) => {
    h.hidden = any;
  });
  const all = document.querySelector<HTMLInputElement>('input[aria-label="Select all issues"]');
  const boxes = document.querySelectorAll(`${ROW} input[aria-label="Select Issue"]`);
  if (all) all.checked = boxes.length > 0 && state.selected.size === boxes.length;
}

/** Clicks the list handles itself (pagination, sort menu); true when handled. */
export function listClick(app: AppContext, target: Element, e: MouseEvent): boolean {
  const pager = target.closest('[data-sentry-component="Pagination"] button[aria-label]');
  if (pager) {
    const cursor = pager.getAttribute('aria-label') === 'Next' ? state.next : state.prev;
    if (!cursor) return true;
    const next = new URL(location.href);
    next.searchParams.set('cursor', cursor);
    e.preventDefault();
    app.navigate(next, 'push');
    return true;
  }
  const sort = target.closest('[data-sentry-component="IssueListSortOptions"] > button');
  if (sort) {
    const menu = sort.parentElement?.querySelector<HTMLElement>('[role="menu"]');
    if (menu) {
      menu.hidden = !menu.hidden;
      sort.setAttribute('aria-expanded', String(!menu.hidden));
    }
    return true;
  }
  return false;
}

export function listChange(target: EventTarget | null): void {
  if (!(target instanceof HTMLInputElement)) return;
  const label = target.getAttribute('aria-label');
  if (label === 'Select Issue') {
    if (target.checked) state.selected.add(target.id);
    else state.selected.delete(target.id);
  } else if (label === 'Select all issues') {
    document.querySelectorAll<HTMLInputElement>(`${ROW} input[aria-label="Select Issue"]`).forEach((b) => {
      b.checked = target.checked;
      if (target.checked) state.selected.add(b.id);
      else state.selected.delete(b.id);
    });
  } else return;
  updateBulkBar();
}

/** Enter in the search bar: the list for that query (referrer issue-list, cursor dropped), as transitionTo does. */
export function listSearch(app: AppContext, input: HTMLInputElement): boolean {
  if (
    input.getAttribute('data-test-id') !== 'query-builder-input' ||
    !document.querySelector('[data-sentry-component="IssueListOverview"]')
  )
    return false;
  const url = new URL(location.href);
  url.searchParams.set('query', input.value);
  url.searchParams.set('referrer', 'issue-list');
  url.searchParams.delete('cursor');
  app.navigate(url, 'push');
  return true;
}
