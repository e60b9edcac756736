// One issue row of Sentry's issue stream, in both markups Sentry has shipped:
// "div" — PanelItem rows from components/stream/group.tsx (issue-stream-table-layout era),
// "table" — SimpleTable rows (<tr data-test-id="group"> with role="cell" cells, no role=row).
import { cls, el, escapeHtml, sentry } from './html';
import { countTitle, formatCount, issuePath, timeSinceShort, type UrlForm } from './format';
import { placeholder } from './loading';

export type Layout = 'table' | 'div';

export interface RowContext {
  org: string;
  urlForm: UrlForm;
  layout: Layout;
  query: string;
  sort: string;
  now: Date;
}

export const COLUMN_LABELS = ['Issue', 'Last Seen', 'Age', 'Graph', 'Events', 'Users', 'Priority', 'Assignee'];

/** Title/subtitle/message as Sentry's getTitle/getMessage derive them from a group. */
export function issueTitleParts(group: any): { title: string; subtitle: string; message: string } {
  const md = group?.metadata ?? {};
  const isError = group?.type === 'error';
  const title = isError
    ? String(md.type || md.function || '<unknown>')
    : String(group?.title ?? md.title ?? '<untitled>');
  const message = isError ? String(md.value ?? '') : String(md.value ?? '');
  return { title, subtitle: String(group?.culprit ?? ''), message };
}

/** The title link's target, as createIssueLink builds it. */
export function issueHref(group: any, c: RowContext): string {
  return issuePath(c.org, c.urlForm, String(group.id), {
    project: group?.project?.id !== undefined ? String(group.project.id) : undefined,
    query: c.query,
    sort: c.sort,
    referrer: 'issue-stream',
  });
}

export function renderRow(group: any, c: RowContext): string {
  return c.layout === 'table' ? tableRow(group, c) : divRow(group, c);
}

/** A row's numbers as StreamGroup picks them: `filtered` when present, with the unfiltered total as the secondary
 *  count; undefined until they have arrived (the list call collapses stats; issues-stats brings them). */
function numbers(g: any) {
  const filtered = g?.filtered ?? null;
  return {
    events: filtered ? filtered.count : g.count,
    eventsTotal: filtered ? g.count : undefined,
    users: filtered ? filtered.userCount : g.userCount,
    usersTotal: filtered ? g.userCount : undefined,
    stats: filtered ? filtered.stats : g.stats,
  };
}

/** LoadingStreamGroup: the rows Sentry shows while the list loads — also data-test-id="group", every cell a
 *  Placeholder sized by LOADING_PLACEHOLDER_PROPS (stream/group.tsx). */
export function renderSkeletonRow(layout: Layout): string {
  const sizes: [string, string, string?][] = [
    ['issue', '58px'],
    ['lastSeen', '18px', '70px'],
    ['firstSeen', '18px', '30px'],
    ['graph', '36px'],
    ['event', '18px', '40px'],
    ['users', '18px', '40px'],
    ['priority', '24px'],
    ['assignee', '24px'],
  ];
  if (layout === 'div') {
    return el(
      'div',
      {
        'data-test-id': 'group',
        'data-test-reviewed': 'false',
        ...sentry('Wrapper', 'LoadingStreamGroup', 'group.tsx'),
      },
      sizes.map(([key, h, w]) => el('div', sentry(`${key}Wrapper`, null, 'group.tsx'), placeholder(h, w))).join(''),
    );
  }
  const cell = (key: string, body: string) =>
    el(
      'td',
      { role: 'cell', ...sentry('StreamGroupCell', 'StreamGroupCell', 'group.tsx'), class: cls(`cell-${key}`) },
      body,
    );
  return el(
    'tr',
    {
      'data-test-id': 'group',
      'data-test-reviewed': 'false',
      ...sentry('StreamGroupRow', 'LoadingStreamGroup', 'group.tsx'),
    },
    cell('select', '') + sizes.map(([key, h, w]) => cell(key, placeholder(h, w))).join(''),
  );
}

function tableRow(g: any, c: RowContext): string {
  const cell = (key: string, body: string) =>
    el(
      'td',
      {
        role: 'cell',
        'data-column': null,
        ...sentry('StreamGroupCell', 'StreamGroupCell', 'group.tsx'),
        class: `${cls(`cell-${key}`)}`,
      },
      body,
    );
  const cells = [
    cell('select', checkbox(g, 'table')),
    cell(
      'issue',
      el('div', sentry('Stack', null, 'group.tsx'), header(g, c, 'GroupHeaderRow', 'groupHeaderRow.tsx') + meta(g)),
    ),
    cell('lastSeen', seen(g, 'lastSeen', c.now)),
    cell('firstSeen', seen(g, 'firstSeen', c.now)),
    cell('graph', chart(g)),
    cell('event', counts(numbers(g).events, numbers(g).eventsTotal, 'table')),
    cell('users', counts(numbers(g).users, numbers(g).usersTotal, 'table')),
    cell('priority', priority(g)),
    cell('assignee', assignee(g)),
  ];
  return el(
    'tr',
    { 'data-test-id': 'group', 'data-test-reviewed': 'false', ...sentry('StreamGroupRow', 'StreamGroup', 'group.tsx') },
    el('td', { 'data-isl': true, role: 'presentation', ...sentry('Element', null, 'interactionStateLayer.tsx') }) +
      cells.join(''),
  );
}

function divRow(g: any, c: RowContext): string {
  const wrap = (name: string, body: string) => el('div', sentry(name, null, 'group.tsx'), body);
  return el(
    'div',
    { 'data-test-id': 'group', 'data-test-reviewed': 'false', ...sentry('Wrapper', 'StreamGroup', 'group.tsx') },
    el('span', { 'data-isl': true, role: 'presentation', ...sentry('Element', null, 'interactionStateLayer.tsx') }) +
      checkbox(g, 'div') +
      wrap('GroupSummary', header(g, c, 'EventOrGroupHeader', 'eventOrGroupHeader.tsx') + meta(g)) +
      wrap('TimestampWrapper', seen(g, 'lastSeen', c.now)) +
      wrap('TimestampWrapper', seen(g, 'firstSeen', c.now)) +
      wrap('NarrowChartWrapper', chart(g)) +
      wrap(
        'NarrowEventsOrUsersCountsWrapper',
        wrap('InnerCountsWrapper', counts(numbers(g).events, numbers(g).eventsTotal, 'div')),
      ) +
      wrap(
        'NarrowEventsOrUsersCountsWrapper',
        wrap('InnerCountsWrapper', counts(numbers(g).users, numbers(g).usersTotal, 'div')),
      ) +
      wrap('NarrowPriorityWrapper', priority(g)) +
      wrap('NarrowAssigneeWrapper', assignee(g)),
  );
}

function checkbox(g: any, layout: Layout): string {
  const unread = g.hasSeen
    ? ''
    : el('div', { 'data-test-id': 'unread-issue-indicator', ...sentry('UnreadIndicator', null, 'group.tsx') });
  const input = el('input', {
    type: 'checkbox',
    id: String(g.id),
    'aria-label': 'Select Issue',
    ...sentry('NativeHiddenCheckbox', 'Checkbox', 'checkbox.tsx'),
  });
  const label = el('label', sentry('CheckboxLabel', null, 'group.tsx'), layout === 'table' ? input + unread : input);
  return el(
    'div',
    sentry('GroupCheckBoxWrapper', 'GroupCheckbox', 'group.tsx'),
    layout === 'table' ? label : unread + label,
  );
}

function header(g: any, c: RowContext, component: string, file: string): string {
  const { title, subtitle, message } = issueTitleParts(g);
  const bookmark = g.isBookmarked ? el('span', sentry('IconWrapper', null, file), '★') : '';
  const titleSpan = el(
    'span',
    { ...sentry(null, 'EventOrGroupTitle', 'eventOrGroupTitle.tsx') },
    el(
      'span',
      { 'data-issue-title-primary': true, ...sentry('Title', null, 'eventOrGroupTitle.tsx') },
      escapeHtml(title),
    ) +
      (subtitle
        ? el('span', { title: subtitle, ...sentry('Message', null, 'eventOrGroupTitle.tsx') }, escapeHtml(subtitle))
        : ''),
  );
  const link = el(
    'a',
    {
      'data-test-id': g.status === 'resolved' ? 'resolved-issue' : null,
      'data-issue-title-link': true,
      ...sentry('TitleWithLink', 'getTitle', file),
      href: issueHref(g, c),
    },
    bookmark + titleSpan,
  );
  const level = el(
    'span',
    { ...sentry('ColoredLine', null, 'errorLevel.tsx') },
    el(
      'div',
      sentry('VisuallyHidden', null, 'errorLevel.tsx'),
      `Level: ${escapeHtml(capitalize(String(g.level ?? 'error')))}`,
    ),
  );
  const msg = message
    ? el('div', sentry('Message', null, 'eventMessage.tsx'), escapeHtml(message))
    : el('div', sentry('NoMessage', null, 'eventMessage.tsx'), '(No error message)');
  return el(
    'div',
    { 'data-test-id': 'event-issue-header', ...sentry(null, component, file) },
    el('div', sentry('Title', null, file), link) +
      el('div', { ...sentry('LevelMessageContainer', 'EventMessage', 'eventMessage.tsx') }, level + msg),
  );
}

function meta(g: any): string {
  const parts = [
    el('div', { ...sentry('StyledShortId', 'ShortId', 'shortId.tsx') }, el('span', {}, escapeHtml(g.shortId ?? ''))),
    g.isUnhandled ? el('div', sentry('UnhandledTag', null, 'unhandledTag.tsx'), 'Unhandled') : '',
    Number(g.numComments) > 0
      ? el('span', sentry('CommentsLink', null, 'groupMetaRow.tsx'), escapeHtml(g.numComments))
      : '',
    g?.project?.slug ? el('span', sentry('ProjectBadge', null, 'groupMetaRow.tsx'), escapeHtml(g.project.slug)) : '',
  ];
  return el('div', sentry('GroupExtra', 'GroupMetaRow', 'groupMetaRow.tsx'), parts.join(''));
}

/** GroupLastSeen / GroupFirstSeen: from `lifetime`, a Placeholder until the numbers have arrived. */
function seen(g: any, key: 'lastSeen' | 'firstSeen', now: Date): string {
  if (!g?.lifetime) return key === 'lastSeen' ? placeholder('18px', '70px') : placeholder('18px', '30px');
  return key === 'lastSeen'
    ? timestamp(g.lifetime.lastSeen, 'Last Seen', 'ago', now)
    : timestamp(g.lifetime.firstSeen, 'First Seen', '', now);
}

function timestamp(iso: unknown, label: string, suffix: string, now: Date): string {
  if (!iso) return '';
  const short = timeSinceShort(iso, now);
  return el(
    'time',
    {
      datetime: String(iso),
      'aria-label': label,
      title: `${label}: ${String(iso)}`,
      ...sentry('PositionedTimeSince', 'TimeSince', 'timeSince.tsx'),
    },
    escapeHtml(suffix ? `${short} ${suffix}` : short),
  );
}

/** The Events / Users cell: PrimaryCount, and the unfiltered total as SecondaryCount (drawn as "/total") when the
 *  search filters events; a Placeholder while the numbers are on their way. */
function counts(value: unknown, total: unknown, layout: Layout): string {
  if (value === undefined || value === null) return placeholder('18px', '40px');
  const count = el(
    'span',
    { ...countTitle(value), ...sentry('PrimaryCount', 'Count', 'count.tsx') },
    escapeHtml(formatCount(value)),
  );
  const secondary =
    total === undefined
      ? ''
      : el(
          'span',
          { ...countTitle(total), ...sentry('SecondaryCount', 'Count', 'count.tsx') },
          escapeHtml(formatCount(total)),
        );
  return layout === 'div'
    ? el('div', sentry('CountsWrapper', null, 'group.tsx'), count + secondary)
    : el('div', sentry('Stack', null, 'group.tsx'), count + secondary);
}

/** The sparkline of the stats period (filtered series when the search filters events); GroupStatusChart itself
 *  leaves no annotation in the DOM. A Placeholder until the stats arrive. */
function chart(g: any): string {
  const series = numbers(g).stats;
  if (!series) return placeholder('36px');
  const stats: [number, number][] = series['24h'] ?? series['14d'] ?? series.auto ?? [];
  const max = Math.max(1, ...stats.map((s) => Number(s[1]) || 0));
  const w = 160 / Math.max(1, stats.length);
  const bars = stats
    .map((s, i) => {
      const h = Math.round(((Number(s[1]) || 0) / max) * 30);
      return `<rect x="${(i * w).toFixed(1)}" y="${32 - h}" width="${Math.max(1, w - 1).toFixed(1)}" height="${h}"></rect>`;
    })
    .join('');
  return el(
    'div',
    sentry('ChartWrapper', null, 'groupStatusChart.tsx'),
    `<svg role="img" width="160" height="32" aria-hidden="true">${bars}</svg>`,
  );
}

function priority(g: any): string {
  if (!g.priority) return '';
  return el(
    'button',
    {
      'aria-label': 'Modify issue priority',
      type: 'button',
      'aria-expanded': 'false',
      role: 'button',
      ...sentry('StyledButton', null, 'button.tsx'),
    },
    el(
      'div',
      { 'data-test-id': 'tag-background', ...sentry('TagPill', 'Tag', 'tag.tsx') },
      escapeHtml(capitalize(String(g.priority))),
    ),
  );
}

function assignee(g: any): string {
  const who = g.assignedTo;
  const inner = who
    ? el(
        'span',
        {
          'data-test-id': 'letter_avatar-avatar',
          title: String(who.name ?? ''),
          ...sentry('AvatarContainer', 'ActorAvatar', 'avatar.tsx'),
        },
        escapeHtml(initials(String(who.name ?? ''))),
      )
    : el('div', {
        'data-test-id': 'unassigned-avatar',
        ...sentry('UnassignedAvatar', null, 'assigneeSelectorDropdown.tsx'),
      });
  return el(
    'button',
    {
      'aria-label': 'Modify issue assignee',
      type: 'button',
      'aria-haspopup': 'listbox',
      'aria-expanded': 'false',
      role: 'button',
      ...sentry('StyledButton', 'DropdownButton', 'button.tsx'),
    },
    inner,
  );
}

export function capitalize(s: string): string {
  return s.slice(0, 1).toUpperCase() + s.slice(1);
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p.slice(0, 1).toUpperCase())
    .join('');
}
