// The streamlined issue details page: header, the outer and inner
// [data-test-id="group-event-details"] (GroupLayoutBody / LayoutBody — it really appears
// twice), event title bar with "Jump to", the event's sections, and the sidebar.
import { el, escapeHtml, sentry } from './html';
import { query as queryString, timeSinceLong, type UrlForm } from './format';
import { issueBase, renderIssueHeader } from './issueHeader';
import {
  breadcrumbsSection,
  contextsSection,
  exceptionSection,
  extraSections,
  highlightsSection,
  requestSection,
  tagsSection,
} from './eventSections';
import { issueTitleParts } from './issueRow';
import { renderTabContent, TAB_LABELS, type IssueTab, type TabData } from './issueTabs';
import { eventDetailsLoading } from './loading';
import type { Theme } from './theme';

export interface IssuePageInput {
  org: string;
  urlForm: UrlForm;
  theme: Theme;
  issue: any;
  /** The event shown; null when the issue has none. Ignored while `eventLoading` or on a tab. */
  event: any | null;
  /** The :eventId of the route: 'recommended' (the default), 'latest', 'oldest' or an event id. */
  eventKey?: string;
  /** The event request is still out: placeholders where the event goes (header and sidebar stay). */
  eventLoading?: boolean;
  /** A tab route (activity/, events/, …): its content takes the event overview's place. */
  tab?: IssueTab | null;
  tabData?: TabData;
  /** The page URL's query (location.query), kept on event navigation links as Sentry does. */
  query?: Record<string, string>;
  now?: Date;
}

const s = sentry;

export function validateIssueInput(i: IssuePageInput): void {
  if (!i || typeof i.org !== 'string' || !i.org) throw new Error('issue page: `org` must be a non-empty string');
  if (!i.issue || (typeof i.issue.id !== 'string' && typeof i.issue.id !== 'number'))
    throw new Error('issue page: `issue` must be an API issue object with an id');
}

export function issuePageTitle(i: IssuePageInput): string {
  return `${issueTitleParts(i.issue).title} — ${i.org} — ${String(i.issue?.project?.slug ?? '')}`;
}

export function renderIssueMain(i: IssuePageInput): string {
  validateIssueInput(i);
  return renderIssueHeader(i.issue, i) + renderIssueBody(i);
}

/** GroupLayoutBody: filters, the content section (event or tab) and the sidebar — everything under the header. */
export function renderIssueBody(i: IssuePageInput): string {
  validateIssueInput(i);
  const now = i.now ?? new Date();
  const main = el(
    'div',
    {},
    eventFilters() + el('section', sentry('GroupContent', null, 'groupDetailsLayout.tsx'), renderIssueContent(i)),
  );
  return el(
    'div',
    { 'data-test-id': 'group-event-details', ...s('StyledLayoutBody', 'GroupLayoutBody', 'groupDetailsLayout.tsx') },
    main + sidebar(i.issue, now),
  );
}

/**
 * The children of the content section: the event navigation and the event (GroupEventDetails), or a tab route's
 * content in their place. This is the part that redraws on event navigation while the header stays.
 */
export function renderIssueContent(i: IssuePageInput): string {
  validateIssueInput(i);
  if (i.tab)
    return renderTabContent(i.tab, {
      org: i.org,
      urlForm: i.urlForm,
      issue: i.issue,
      data: i.tabData,
      now: i.now ?? new Date(),
      query: linkQuery(i),
    });
  const body = i.eventLoading ? eventDetailsLoading() : eventBody(i, i.now ?? new Date());
  return (
    eventNavigation(i) +
    el(
      'div',
      {},
      el(
        'div',
        { 'data-test-id': 'group-event-details', ...dropCls(s('LayoutBody', null, 'groupEventDetails.tsx')) },
        el('div', {}, el('div', { role: 'main', ...s('GroupContent', null, 'eventDetails.tsx') }, body)),
      ),
    )
  );
}

/** location.query without the referrer it is about to get. */
function linkQuery(i: IssuePageInput): Record<string, string> {
  const { referrer: _r, ...rest } = i.query ?? {};
  return rest;
}

function dropCls(a: Record<string, any>): Record<string, any> {
  const { class: _c, ...rest } = a;
  return rest;
}

function eventFilters(): string {
  return el(
    'div',
    {
      role: 'group',
      'aria-description': 'Event filtering controls',
      ...s('DetailsContainer', null, 'eventDetailsHeader.tsx'),
    },
    el(
      'div',
      s('StyledPageFilterBar', null, 'pageFilterBar.tsx'),
      el(
        'button',
        {
          type: 'button',
          'aria-haspopup': 'true',
          'aria-expanded': 'false',
          'data-test-id': 'page-filter-environment-selector',
          role: 'button',
          ...s('StyledButton', 'DropdownButton', 'button.tsx'),
        },
        'All Envs',
      ) +
        el(
          'button',
          {
            type: 'button',
            'aria-haspopup': 'listbox',
            'aria-expanded': 'false',
            'data-test-id': 'page-filter-timerange-selector',
            role: 'button',
            ...s('StyledButton', 'DropdownButton', 'button.tsx'),
          },
          'Since First Seen',
        ),
    ) +
      el(
        'div',
        {
          'aria-disabled': 'false',
          'data-test-id': 'search-query-builder',
          ...s('Wrapper', 'SearchQueryBuilderUI', 'searchQueryBuilder/index.tsx'),
        },
        el(
          'div',
          s('VisuallyHidden', 'SelectionKeyHandler', 'selectionKeyHandler.tsx'),
          el('input', { 'data-test-id': 'selection-key-handler', type: 'text' }),
        ) +
          el('input', {
            type: 'text',
            'aria-label': 'Add a search term',
            role: 'combobox',
            'aria-expanded': 'false',
            'data-test-id': 'query-builder-input',
            placeholder: 'Filter events…',
            ...s('UnstyledInput', null, 'combobox.tsx'),
          }),
      ),
  );
}

/**
 * IssueDetailsEventNavigation (streamlined): Previous/Next go to `…/events/<id>/?<location.query>&referrer=previous-event`
 * (disabled without a neighbour), the First/Latest/Recommended tabs to `…/events/<key>/?…&referrer=<key>-event` (the
 * selected one has no link), "View More Events" to `…/events/`, and the content menu to the issue's other tabs.
 */
function eventNavigation(i: IssuePageInput): string {
  const base = issueBase(i.org, i.urlForm, i.issue);
  const q = linkQuery(i);
  // While the next event loads, the navigation still shows the previous one ("Allows the GroupEventHeader to display
  // the previous event while the new event is loading").
  const ev = i.event;
  const link = (label: string, id: unknown, referrer: string) =>
    el(
      'a',
      {
        'aria-label': label,
        'aria-disabled': id ? 'false' : 'true',
        ...s('Component', null, 'link.tsx'),
        href: id ? `${base}/events/${encodeURIComponent(String(id))}/${queryString({ ...q, referrer })}` : null,
      },
      label === 'Previous Event' ? '‹' : '›',
    );
  const selected = i.eventKey ?? 'recommended';
  const tabs = [
    ['oldest', 'First'],
    ['latest', 'Latest'],
    ['recommended', 'Recommended'],
  ]
    .map(([key, label]) =>
      el(
        'li',
        {
          role: 'tab',
          'aria-selected': key === selected ? 'true' : 'false',
          'data-key': key,
          ...s('TabWrap', 'BaseTab', 'tab.tsx'),
        },
        el(
          'a',
          {
            ...s('Component', 'InnerWrap', 'link.tsx'),
            href: key === selected ? null : `${base}/events/${key}/${queryString({ ...q, referrer: `${key}-event` })}`,
          },
          escapeHtml(String(label)),
        ),
      ),
    )
    .join('');
  const menu = el(
    'div',
    s('DropdownMenuWrap', 'IssueContentMenu', 'eventNavigation.tsx'),
    el(
      'button',
      {
        type: 'button',
        'aria-label': 'Select issue content',
        'aria-haspopup': 'true',
        'aria-expanded': 'false',
        role: 'button',
        ...s('StyledButton', 'DropdownButton', 'button.tsx'),
      },
      'Events',
    ) +
      el(
        'ul',
        { role: 'menu', hidden: true, ...s('DropdownMenuList', null, 'list.tsx') },
        Object.entries(TAB_LABELS)
          .map(([tab, label]) =>
            el(
              'li',
              { role: 'none' },
              el('a', { role: 'menuitem', href: `${base}/${tab}/${queryString(q)}` }, escapeHtml(label)),
            ),
          )
          .join(''),
      ),
  );
  return el(
    'div',
    { role: 'navigation', ...s('EventNavigationWrapper', 'IssueEventNavigation', 'eventNavigation.tsx') },
    el(
      'div',
      s('Navigation', 'IssueDetailsEventNavigation', 'issueDetailsEventNavigation.tsx'),
      link('Previous Event', ev?.previousEventID, 'previous-event') +
        link('Next Event', ev?.nextEventID, 'next-event') +
        el(
          'ul',
          { role: 'tablist', 'aria-orientation': 'horizontal', ...s('TabListWrap', null, 'tabList.tsx') },
          tabs,
        ) +
        el(
          'a',
          {
            'aria-label': 'View More Events',
            ...s('Component', null, 'link.tsx'),
            href: `${base}/events/${queryString(q)}`,
          },
          'View More Events',
        ) +
        menu,
    ),
  );
}

function eventBody(i: IssuePageInput, now: Date): string {
  const ev = i.event;
  if (!ev)
    return el(
      'div',
      { 'data-test-id': 'loading-placeholder', ...s(null, 'Placeholder', 'placeholder.tsx') },
      'No events found for this issue.',
    );
  const eventId = String(ev.eventID ?? ev.id ?? '');
  const sections: [string, string, string][] = [
    ['highlights', 'Highlights', highlightsSection(ev)],
    ['exception', 'Stack Trace', exceptionSection(ev)],
    ['breadcrumbs', 'Breadcrumbs', breadcrumbsSection(ev)],
    ['request', 'HTTP Request', requestSection(ev)],
    ['tags', 'Tags', tagsSection(ev)],
    ['contexts', 'Context', contextsSection(ev)],
    ['extra', 'Additional Data', extraSections(ev)],
  ];
  const present = sections.filter(([, , html]) => html !== '');
  const jump = el(
    'div',
    s('JumpTo', 'IssueDetailsJumpTo', 'issueDetailsJumpTo.tsx'),
    el('div', { 'aria-hidden': 'true', ...s('JumpToLabel', null, 'issueDetailsJumpTo.tsx') }, 'Jump to:') +
      el(
        'div',
        { role: 'group', 'aria-label': 'Jump to section links', ...s('ScrollContainer', null, 'scrollCarousel.tsx') },
        present
          .filter(([key]) => key !== 'extra')
          .map(([key, label]) =>
            el(
              'a',
              { 'aria-label': label, ...s('Component', 'JumpToLink', 'link.tsx'), href: `#${key}` },
              escapeHtml(label),
            ),
          )
          .join(''),
      ),
  );
  const projectSlug = encodeURIComponent(String(i.issue?.project?.slug ?? ''));
  const title = el(
    'div',
    { 'data-stuck': 'false', ...s('FloatingEventNavigation', 'EventTitle', 'eventTitle.tsx') },
    el(
      'div',
      s('EventInfoJumpToWrapper', null, 'eventTitle.tsx'),
      el(
        'div',
        s('EventInfo', null, 'eventTitle.tsx'),
        el(
          'div',
          s('EventIdWrapper', null, 'eventTitle.tsx'),
          el('span', {}, `ID: ${escapeHtml(eventId.slice(0, 8))}`) +
            el(
              'button',
              {
                'aria-label': 'Copy Event ID',
                type: 'button',
                role: 'button',
                ...s('StyledButton', null, 'button.tsx'),
              },
              '⧉',
            ),
        ) +
          el(
            'time',
            {
              'aria-label': 'Event timestamp',
              datetime: String(ev.dateCreated ?? ''),
              ...s('StyledTimeSince', null, 'eventTitle.tsx'),
            },
            escapeHtml(timeSinceLong(ev.dateCreated, now)),
          ) +
          el(
            'a',
            {
              href: `/api/0/projects/${encodeURIComponent(i.org)}/${projectSlug}/events/${encodeURIComponent(eventId)}/json/`,
              ...s('Anchor', null, 'link.tsx'),
            },
            'JSON',
          ),
      ) + jump,
    ),
  );
  return (
    title +
    el(
      'div',
      s('ContentPadding', null, 'eventDetails.tsx'),
      el('div', s('StyledDataSection', 'EventDetailsContent', 'groupEventDetailsContent.tsx')) +
        present.map(([, , html]) => html).join(''),
    )
  );
}

function sidebar(g: any, now: Date): string {
  const seen = (label: string, iso: unknown) =>
    el(
      'div',
      {},
      el('div', s('Title', null, 'firstLastSeenSection.tsx'), label) +
        el(
          'div',
          s('Component', 'SeenInfo', 'container.tsx'),
          el('time', { datetime: String(iso ?? '') }, escapeHtml(timeSinceLong(iso, now))),
        ),
    );
  const side = (key: string, title: string, body: string) =>
    el(
      'section',
      {
        'data-disclosure': true,
        role: 'region',
        id: key,
        'aria-label': key,
        'data-test-id': key,
        ...s('Flex', 'FoldSection', 'disclosure.tsx'),
      },
      el(
        'div',
        s('Component', 'Title', 'container.tsx'),
        el(
          'button',
          {
            'aria-label': 'Collapse Section',
            type: 'button',
            'aria-expanded': 'true',
            role: 'button',
            ...s('StyledButton', null, 'button.tsx'),
          },
          el('h6', s('SidebarSectionTitle', null, 'sidebar.tsx'), escapeHtml(title)),
        ),
      ) + el('div', { role: 'group', 'aria-hidden': 'false', ...s('Component', 'Content', 'container.tsx') }, body),
    );
  const activity = el(
    'form',
    { 'data-test-id': 'note-input-form', ...s('NoteInputForm', 'StreamlinedNoteInput', 'note.tsx') },
    el('textarea', { 'aria-label': 'Add a comment', ...s('MentionsInput', null, 'note.tsx') }),
  );
  const people = g.assignedTo
    ? el(
        'span',
        { 'data-test-id': 'letter_avatar-avatar', title: String(g.assignedTo.name ?? ''), class: 'avatar' },
        escapeHtml(g.assignedTo.name ?? ''),
      )
    : 'No participants';
  return el(
    'aside',
    { 'aria-expanded': 'false', ...s('StyledAside', null, 'sidebar.tsx') },
    seen('Last seen', g.lastSeen) +
      seen('First seen', g.firstSeen) +
      el('hr', {}) +
      side('external-issues', 'Issue Tracking', '') +
      side('activity', 'Activity', activity) +
      side('people', 'People', people),
  );
}
