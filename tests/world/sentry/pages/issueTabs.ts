// The issue's tab routes (views/issueDetails/types.tsx TabPaths): activity/, events/, distributions/, similar/,
// merged/, replays/, attachments/, feedback/. The replica renders them the way the legacy tab routes do — in place of
// the event overview, which is unmounted — under the streamlined header, which stays. (The streamlined UI opens
// activity/similar/merged/distributions in a drawer over the page instead; the replica does not draw drawers.)
import { el, escapeHtml, sentry } from './html';
import { formatCount, query as queryString, timeSinceLong, type UrlForm } from './format';
import { issueBase } from './issueHeader';

export type IssueTab =
  'activity' | 'events' | 'distributions' | 'similar' | 'merged' | 'replays' | 'attachments' | 'feedback';

export const TAB_LABELS: Record<IssueTab, string> = {
  events: 'All Events',
  activity: 'Activity',
  distributions: 'Tags',
  similar: 'Similar Issues',
  merged: 'Merged Issues',
  replays: 'Replays',
  attachments: 'Attachments',
  feedback: 'User Feedback',
};

export const isIssueTab = (x: string): x is IssueTab => x in TAB_LABELS;

/** What a tab shows beyond the issue itself: the event list (GET …/issues/{id}/events/) and tag summaries. */
export interface TabData {
  events?: any[];
  tags?: any[];
}

export interface TabContext {
  org: string;
  urlForm: UrlForm;
  issue: any;
  data?: TabData;
  now: Date;
  query: Record<string, string>;
}

const s = sentry;

export function renderTabContent(tab: IssueTab, c: TabContext): string {
  const body =
    tab === 'activity'
      ? activity(c)
      : tab === 'events'
        ? events(c)
        : tab === 'distributions'
          ? distributions(c)
          : empty(tab);
  return el(
    'div',
    { 'data-test-id': `issue-tab-${tab}`, ...s('TabContent', null, 'groupDetailsLayout.tsx') },
    el('h3', s('Title', null, 'groupDetailsLayout.tsx'), escapeHtml(TAB_LABELS[tab])) + body,
  );
}

function activity(c: TabContext): string {
  const items = (Array.isArray(c.issue.activity) ? c.issue.activity : [])
    .map((a: any) =>
      el(
        'li',
        { 'data-test-id': 'activity-item', ...s('ActivityItem', 'ActivityItem', 'activityItem.tsx') },
        el('time', { datetime: String(a.dateCreated ?? '') }, escapeHtml(timeSinceLong(a.dateCreated, c.now))) +
          (a.type === 'note'
            ? el(
                'div',
                { 'data-test-id': 'activity-note-body', ...s('NoteBody', null, 'noteBody.tsx') },
                escapeHtml(a.data?.text ?? ''),
              )
            : el('div', {}, escapeHtml(a.type === 'first_seen' ? 'First seen' : String(a.type ?? '')))),
      ),
    )
    .join('');
  const form = el(
    'form',
    { 'data-test-id': 'note-input-form', ...s('NoteInputForm', 'NoteInputWithStorage', 'note.tsx') },
    el('textarea', { 'aria-label': 'Add a comment' }),
  );
  return form + el('ul', s('ActivityList', null, 'groupActivity.tsx'), items);
}

function events(c: TabContext): string {
  const base = issueBase(c.org, c.urlForm, c.issue);
  const list = c.data?.events ?? [];
  if (list.length === 0) return el('p', {}, 'No events found for this issue.');
  const tag = (ev: any, key: string) =>
    (Array.isArray(ev.tags) ? ev.tags.find((t: any) => t.key === key)?.value : undefined) ?? '';
  const rows = list
    .map((ev: any) =>
      el(
        'tr',
        { 'data-test-id': 'event-row' },
        el(
          'td',
          {},
          el(
            'a',
            {
              href: `${base}/events/${encodeURIComponent(String(ev.eventID ?? ev.id))}/${queryString({ ...c.query, referrer: 'issue-events-list' })}`,
            },
            escapeHtml(String(ev.eventID ?? ev.id).slice(0, 8)),
          ),
        ) +
          el(
            'td',
            {},
            el('time', { datetime: String(ev.dateCreated ?? '') }, escapeHtml(timeSinceLong(ev.dateCreated, c.now))),
          ) +
          el('td', {}, escapeHtml(tag(ev, 'environment'))) +
          el('td', {}, escapeHtml(ev.user?.id ?? ev.user?.email ?? '')),
      ),
    )
    .join('');
  return el(
    'table',
    { 'data-test-id': 'events-table', ...s('StyledTable', 'EventsTable', 'eventsTable.tsx') },
    el('thead', {}, el('tr', {}, ['ID', 'Timestamp', 'Environment', 'User'].map((h) => el('th', {}, h)).join(''))) +
      el('tbody', {}, rows),
  );
}

function distributions(c: TabContext): string {
  const tags = c.data?.tags ?? [];
  if (tags.length === 0) return el('p', {}, 'No tags found in the selected environments.');
  return tags
    .map((t: any) =>
      el(
        'div',
        { 'data-test-id': 'tag-distribution', ...s('TagPanel', 'TagDistribution', 'tagDistribution.tsx') },
        el('h4', {}, escapeHtml(t.name ?? t.key)) +
          el(
            'ul',
            {},
            (t.topValues ?? [])
              .map((v: any) =>
                el(
                  'li',
                  { 'data-test-id': 'group-tag-value' },
                  el('span', {}, escapeHtml(v.name ?? v.value)) +
                    el(
                      'span',
                      { title: String(v.count), 'data-sentry-component': 'Count' },
                      escapeHtml(formatCount(v.count)),
                    ),
                ),
              )
              .join(''),
          ),
      ),
    )
    .join('');
}

function empty(tab: IssueTab): string {
  const text: Record<string, string> = {
    similar: 'No similar issues found.',
    merged: "There don't seem to be any merged fingerprints.",
    replays: 'No replays found.',
    attachments: 'No attachments found.',
    feedback: 'No user reports have been submitted for this issue.',
  };
  return el(
    'div',
    { 'data-test-id': 'empty-state', ...s('EmptyStateWarning', null, 'emptyStateWarning.tsx') },
    escapeHtml(text[tab] ?? 'Nothing here.'),
  );
}
