// The streamlined issue page's header (views/issueDetails/streamline/header/header.tsx):
// breadcrumbs, title, "Events (total)" / "Users (90d)" counts without aria-labels (as on
// the real page), the level + message line, and the role="banner" action bar.
import { el, escapeHtml, sentry } from './html';
import { countTitle, formatCount, issueListPath, orgPrefix, type UrlForm } from './format';
import { capitalize, issueTitleParts } from './issueRow';

export interface HeaderContext {
  org: string;
  urlForm: UrlForm;
}

const btn = (label: string, body: string, extra: Record<string, string> = {}) =>
  el(
    'button',
    {
      'aria-label': label,
      'aria-disabled': 'false',
      type: 'button',
      role: 'button',
      ...extra,
      ...sentry('StyledButton', null, 'button.tsx'),
    },
    el('span', sentry('Flex', null, 'button.tsx'), body),
  );

export function issueBase(org: string, form: UrlForm, group: any): string {
  return `${orgPrefix(org, form)}/issues/${encodeURIComponent(String(group.id))}`;
}

export function renderIssueHeader(group: any, c: HeaderContext): string {
  const projectQ =
    group?.project?.id !== undefined
      ? `?project=${encodeURIComponent(String(group.project.id))}&referrer=issue-stream`
      : '?referrer=issue-stream';
  const base = issueBase(c.org, c.urlForm, group);
  const listHref = issueListPath(c.org, c.urlForm, {
    project: group?.project?.id !== undefined ? String(group.project.id) : undefined,
    query: 'is:unresolved',
    referrer: 'issue-stream',
  });
  const platform = String(group.platform ?? group?.project?.platform ?? 'other');
  const crumbs = el(
    'nav',
    { 'data-test-id': 'breadcrumb-list', ...sentry('Flex', 'Breadcrumbs', 'breadcrumbs.tsx') },
    el(
      'a',
      { 'data-test-id': 'breadcrumb-link', ...sentry('Component', 'BreadcrumbLink', 'link.tsx'), href: listHref },
      el('span', sentry('Component', null, 'text.tsx'), 'Issues'),
    ) +
      el(
        'span',
        { 'data-test-id': 'breadcrumb-item', ...sentry('Component', null, 'text.tsx') },
        el(
          'div',
          sentry('Component', 'IssueIdBreadcrumb', 'container.tsx'),
          el(
            'a',
            {
              'aria-label': 'View Project Details',
              'aria-description': String(group?.project?.slug ?? ''),
              ...sentry('Component', null, 'link.tsx'),
              href: `/insights/projects/${encodeURIComponent(String(group?.project?.slug ?? ''))}/`,
            },
            el(
              'div',
              sentry('Wrapper', 'PlatformList', 'platformList.tsx'),
              el('img', { 'data-test-id': `platform-icon-${platform}`, alt: platform }),
            ),
          ) +
            el(
              'div',
              sentry('ShortIdCopyable', null, 'issueIdBreadcrumb.tsx'),
              el(
                'div',
                sentry('StyledShortId', 'ShortId', 'shortId.tsx'),
                el(
                  'div',
                  { ...sentry(null, 'AutoSelectText', 'autoSelectText.tsx'), class: 'auto-select-text' },
                  el('span', {}, escapeHtml(group.shortId ?? '')),
                ),
              ),
            ),
        ),
      ),
  );
  const { title, message } = issueTitleParts(group);
  const level = String(group.level ?? 'error');
  const count = (v: unknown) =>
    el('span', { ...countTitle(v), ...sentry(null, 'Count', 'count.tsx') }, escapeHtml(formatCount(v)));
  const usersLabel =
    Number(group.userCount) > 0
      ? el(
          'a',
          {
            'aria-label': 'View affected users',
            ...sentry('Component', null, 'link.tsx'),
            href: `${base}/distributions/user/${projectQ}`,
          },
          'Users (90d)',
        )
      : 'Users (90d)';
  const grid = el(
    'div',
    sentry('HeaderGrid', null, 'header.tsx'),
    el(
      'div',
      sentry('Title', null, 'header.tsx'),
      el('span', sentry('PrimaryTitle', null, 'header.tsx'), escapeHtml(title)),
    ) +
      el(
        'div',
        sentry('StatTitle', null, 'header.tsx'),
        el(
          'a',
          { 'aria-label': 'View events', ...sentry('Component', null, 'link.tsx'), href: `${base}/events/${projectQ}` },
          'Events (total)',
        ),
      ) +
      el('div', sentry('StatTitle', null, 'header.tsx'), usersLabel) +
      el(
        'div',
        sentry('LevelMessageContainer', 'EventMessage', 'eventMessage.tsx'),
        el(
          'span',
          sentry('ColoredLine', null, 'errorLevel.tsx'),
          el('div', sentry('VisuallyHidden', null, 'errorLevel.tsx'), `Level: ${escapeHtml(capitalize(level))}`),
        ) +
          (message
            ? el('div', sentry('Message', null, 'eventMessage.tsx'), escapeHtml(message))
            : el('div', sentry('NoMessage', null, 'eventMessage.tsx'), '(No error message)')),
      ) +
      count(group.count) +
      count(group.userCount) +
      el(
        'div',
        sentry('Component', null, 'container.tsx'),
        el('span', {}, escapeHtml(capitalize(String(group.substatus ?? group.status ?? '')).replace(/_/g, ' '))) +
          el('div', { 'aria-hidden': 'true', ...sentry('DividerWrapper', 'Divider', 'divider.tsx') }, '|') +
          el('span', {}, escapeHtml(group.culprit ?? '')),
      ),
  );
  const header = el(
    'header',
    sentry('Header', null, 'header.tsx'),
    el('div', sentry('Component', null, 'container.tsx'), crumbs) + grid,
  );
  return header + el('div', { 'aria-expanded': 'false' }, actionBar(group));
}

function actionBar(group: any): string {
  const resolved = group.status === 'resolved';
  const actions = el(
    'div',
    sentry('Component', 'GroupActions', 'container.tsx'),
    el(
      'div',
      sentry('Component', null, 'container.tsx'),
      resolved
        ? btn('Resolved', 'Resolved')
        : btn('Resolve', 'Resolve') + btn('More resolve options', '▾', { 'aria-expanded': 'false' }),
    ) +
      el(
        'div',
        sentry('Component', 'ArchiveActions', 'container.tsx'),
        btn('Archive', 'Archive') + btn('Archive options', '▾', { 'aria-expanded': 'false' }),
      ) +
      el(
        'button',
        {
          'aria-label': 'Subscribe',
          'aria-disabled': 'false',
          type: 'button',
          role: 'button',
          ...sentry('StyledButton', 'SubscribeAction', 'button.tsx'),
        },
        '🔔',
      ) +
      btn('Share', '⇪') +
      btn('More Actions', '…', { 'aria-expanded': 'false' }),
  );
  const assigned = group.assignedTo
    ? el(
        'span',
        {
          'data-test-id': 'letter_avatar-avatar',
          title: String(group.assignedTo.name ?? ''),
          ...sentry('AvatarContainer', 'ActorAvatar', 'avatar.tsx'),
        },
        escapeHtml(String(group.assignedTo.name ?? '')),
      )
    : el('div', {
        'data-test-id': 'unassigned-avatar',
        ...sentry('UnassignedAvatar', null, 'assigneeSelectorDropdown.tsx'),
      }) + 'Unassigned';
  const side = el(
    'div',
    sentry('Workflow', null, 'header.tsx'),
    el(
      'div',
      sentry('Wrapper', null, 'header.tsx'),
      'Priority' +
        btn(
          'Modify issue priority',
          el(
            'div',
            { 'data-test-id': 'tag-background', ...sentry('TagPill', 'Tag', 'tag.tsx') },
            escapeHtml(capitalize(String(group.priority ?? 'medium'))),
          ),
          { 'aria-expanded': 'false' },
        ),
    ) +
      el(
        'div',
        sentry('Wrapper', null, 'header.tsx'),
        'Assignee' +
          el(
            'div',
            sentry('AssigneeWrapper', null, 'assigneeSelectorDropdown.tsx'),
            btn(
              'Modify issue assignee',
              el('div', { 'data-test-id': 'tag-background', ...sentry('TagPill', 'Tag', 'tag.tsx') }, assigned),
              { 'aria-haspopup': 'listbox', 'aria-expanded': 'false' },
            ),
          ),
      ),
  );
  return el('div', { role: 'banner', ...sentry('ActionBar', null, 'header.tsx') }, actions + side);
}
