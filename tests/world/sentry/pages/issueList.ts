// Sentry's issue list (views/issueList/overview): header with status tabs, search bar and
// sort menu, the stream in "div" or "table" markup, bulk actions, and cursor pagination.
import { el, escapeHtml, inertJson, sentry } from './html';
import { issueListPath, type UrlForm } from './format';
import { COLUMN_LABELS, renderRow, renderSkeletonRow, type Layout, type RowContext } from './issueRow';
import type { Theme } from './theme';

export interface ListPageInput {
  org: string;
  urlForm: UrlForm;
  layout: Layout;
  theme: Theme;
  issues: any[];
  query: string;
  sort: string;
  hits: number;
  nextCursor: string | null;
  prevCursor: string | null;
  /** How many of `issues` (from the end) React appends ~300ms after load. */
  lateRows?: number;
  /** The list request is still out: LoadingSkeleton's rows instead of issues, and no pagination yet. */
  loading?: boolean;
  /** Clock for "5min ago"; tests pin it. */
  now?: Date;
}

/** Client-side state the replica's script needs; Sentry keeps the same in React state. */
export interface ListState {
  kind: 'issue-list';
  nextCursor: string | null;
  prevCursor: string | null;
  lateRowDelayMs: number;
}

export const STATUS_TABS: [string, string][] = [
  ['Unresolved', 'is:unresolved'],
  ['For Review', 'is:unresolved is:for_review assigned_or_suggested:[me, my_teams, none]'],
  ['Regressed', 'is:regressed'],
  ['Escalating', 'is:escalating'],
  ['Archived', 'is:archived'],
];
/** MAX_ITEMS of the list page (views/issueList/overview.tsx): rows per page, and skeleton rows while loading. */
export const PAGE_SIZE = 25;

export const SORTS: [string, string][] = [
  ['date', 'Last Seen'],
  ['new', 'First Seen'],
  ['trends', 'Trends'],
  ['freq', 'Events'],
  ['user', 'Users'],
];

export function validateListInput(i: ListPageInput): void {
  if (!i || typeof i.org !== 'string' || !i.org) throw new Error('issue list page: `org` must be a non-empty string');
  if (!Array.isArray(i.issues)) throw new Error('issue list page: `issues` must be an array of API issue objects');
  for (const [n, g] of i.issues.entries()) {
    if (!g || (typeof g.id !== 'string' && typeof g.id !== 'number'))
      throw new Error(`issue list page: issues[${n}] has no id`);
  }
  const late = i.lateRows ?? 0;
  if (!Number.isInteger(late) || late < 0 || late > i.issues.length)
    throw new Error(`issue list page: lateRows must be 0..${i.issues.length}`);
}

export function renderListMain(i: ListPageInput): string {
  validateListInput(i);
  const c: RowContext = {
    org: i.org,
    urlForm: i.urlForm,
    layout: i.layout,
    query: i.query,
    sort: i.sort,
    now: i.now ?? new Date(),
  };
  const late = i.lateRows ?? 0;
  const now = i.loading
    ? Array.from({ length: PAGE_SIZE }, () => renderSkeletonRow(i.layout)).join('')
    : i.issues
        .slice(0, i.issues.length - late)
        .map((g) => renderRow(g, c))
        .join('');
  const later = i.loading
    ? ''
    : i.issues
        .slice(i.issues.length - late)
        .map((g) => renderRow(g, c))
        .join('');
  const state: ListState = {
    kind: 'issue-list',
    nextCursor: i.nextCursor,
    prevCursor: i.prevCursor,
    lateRowDelayMs: 300,
  };
  const stream = i.layout === 'table' ? tableStream(now, later) : divStream(now, later);
  return el(
    'div',
    sentry('StyledBody', 'IssueListOverview', 'overview.tsx'),
    listHeader(i) +
      stream +
      (i.loading ? '' : pagination(i)) +
      `<script type="application/json" id="replica-state">${inertJson(state)}</script>`,
  );
}

function listHeader(i: ListPageInput): string {
  const tabs = STATUS_TABS.map(([label, q]) =>
    el(
      'li',
      { role: 'tab', 'aria-selected': q === i.query ? 'true' : 'false', ...sentry('TabWrap', 'BaseTab', 'tab.tsx') },
      el(
        'a',
        {
          ...sentry('Component', 'InnerWrap', 'link.tsx'),
          href: issueListPath(i.org, i.urlForm, { query: q, referrer: 'issue-list', sort: i.sort }),
        },
        escapeHtml(label),
      ),
    ),
  ).join('');
  const sortLabel = SORTS.find(([k]) => k === i.sort)?.[1] ?? i.sort;
  const sortItems = SORTS.map(([key, label]) =>
    el(
      'li',
      { role: 'none' },
      el(
        'a',
        {
          role: 'menuitemradio',
          'aria-checked': key === i.sort ? 'true' : 'false',
          href: issueListPath(i.org, i.urlForm, { query: i.query, sort: key, referrer: 'issue-list' }),
        },
        escapeHtml(label),
      ),
    ),
  ).join('');
  const sort = el(
    'div',
    sentry('DropdownMenuWrap', 'IssueListSortOptions', 'sortOptions.tsx'),
    el(
      'button',
      {
        type: 'button',
        'aria-haspopup': 'true',
        'aria-expanded': 'false',
        'aria-label': 'Sort by',
        role: 'button',
        ...sentry('StyledButton', 'DropdownButton', 'button.tsx'),
      },
      `${escapeHtml(sortLabel)}`,
    ) + el('ul', { role: 'menu', hidden: true, ...sentry('DropdownMenuList', null, 'list.tsx') }, sortItems),
  );
  const search = el(
    'div',
    {
      'data-test-id': 'search-query-builder',
      'aria-disabled': 'false',
      ...sentry('Wrapper', 'SearchQueryBuilderUI', 'searchQueryBuilder/index.tsx'),
    },
    el('input', {
      type: 'text',
      'aria-label': 'Search for issues',
      'data-test-id': 'query-builder-input',
      value: i.query,
      role: 'combobox',
      'aria-expanded': 'false',
      ...sentry('UnstyledInput', null, 'combobox.tsx'),
    }),
  );
  return (
    el(
      'header',
      sentry('Header', null, 'header.tsx'),
      el('h1', sentry('Title', null, 'layouts/thirds.tsx'), 'Issues') +
        el(
          'ul',
          { role: 'tablist', 'aria-orientation': 'horizontal', ...sentry('TabListWrap', null, 'tabList.tsx') },
          tabs,
        ),
    ) + el('div', sentry('StyledGlobalSearchBar', 'IssueSearch', 'search.tsx'), search + sort)
  );
}

function bulkActions(): string {
  const b = (label: string, body: string) =>
    el(
      'button',
      { 'aria-label': label, type: 'button', role: 'button', ...sentry('StyledButton', null, 'button.tsx') },
      body,
    );
  return el(
    'div',
    { hidden: true, ...sentry('ActionSetContainer', 'ActionSet', 'actionSet.tsx') },
    b('Resolve', 'Resolve') +
      b('Archive', 'Archive') +
      b('Mark Reviewed', 'Mark Reviewed') +
      b('Merge Selected Issues', 'Merge') +
      b('More issue actions', '…'),
  );
}

function selectAll(): string {
  return el('input', {
    type: 'checkbox',
    'aria-label': 'Select all issues',
    ...sentry('NativeHiddenCheckbox', 'Checkbox', 'checkbox.tsx'),
  });
}

function columnLabels(tag: 'div' | 'th'): string {
  return COLUMN_LABELS.slice(1)
    .map((label) =>
      el(
        tag,
        { ...(tag === 'th' ? { role: 'columnheader' } : {}), ...sentry('HeaderCell', null, 'headers.tsx') },
        escapeHtml(label),
      ),
    )
    .join('');
}

function divStream(now: string, later: string): string {
  const actions = el(
    'div',
    sentry('StickyActions', 'IssueListActions', 'actions/index.tsx'),
    selectAll() + bulkActions() + el('div', sentry('HeaderLabels', 'Headers', 'headers.tsx'), columnLabels('div')),
  );
  return el(
    'div',
    sentry('StyledPanel', 'Panel', 'panel.tsx'),
    actions +
      el('div', { ...sentry('PanelBody', 'GroupListBody', 'groupListBody.tsx') }, now) +
      `<template id="replica-late-rows">${later}</template>`,
  );
}

function tableStream(now: string, later: string): string {
  const head = el(
    'tr',
    { ...sentry('StyledHeader', 'IssueListActions', 'actions/index.tsx') },
    el('th', { role: 'columnheader', ...sentry('HeaderCell', null, 'headers.tsx') }, selectAll()) +
      el(
        'th',
        { role: 'columnheader', ...sentry('HeaderCell', null, 'headers.tsx') },
        bulkActions() + el('span', sentry('HeaderLabel', null, 'headers.tsx'), 'Issue'),
      ) +
      columnLabels('th'),
  );
  return (
    el(
      'table',
      sentry('StyledSimpleTable', 'IssueListTable', 'issueListTable.tsx'),
      el('thead', {}, head) + el('tbody', sentry('TableBody', 'GroupListBody', 'groupListBody.tsx'), now),
    ) + `<template id="replica-late-rows"><table><tbody>${later}</tbody></table></template>`
  );
}

function pagination(i: ListPageInput): string {
  const caption = el(
    'span',
    sentry('PaginationCaption', null, 'pagination.tsx'),
    `${escapeHtml(i.issues.length)} of ${escapeHtml(i.hits)} issues`,
  );
  const btn = (label: string, disabled: boolean) =>
    el(
      'button',
      {
        'aria-label': label,
        type: 'button',
        role: 'button',
        'aria-disabled': disabled ? 'true' : 'false',
        disabled,
        ...sentry('StyledButton', null, 'button.tsx'),
      },
      label === 'Previous' ? '‹' : '›',
    );
  return el(
    'div',
    sentry('Wrapper', 'Pagination', 'pagination.tsx'),
    caption +
      el(
        'div',
        sentry('ButtonBar', 'ButtonBar', 'buttonBar.tsx'),
        btn('Previous', !i.prevCursor) + btn('Next', !i.nextCursor),
      ),
  );
}

export function listTitle(i: ListPageInput): string {
  return `Issues — ${i.org}`;
}
