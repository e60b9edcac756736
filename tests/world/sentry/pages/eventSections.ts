// The event's FoldSections on the streamlined issue page (foldSection.tsx): highlights,
// exception with frames (crashContent/exception, frame/deprecatedLine.tsx), breadcrumbs,
// request, tags and contexts — markup copied from the real saved page's structure.
import { el, escapeHtml, sentry } from './html';

const s = sentry;
/** FoldSection: section#key[role=region] with a real <button> header, content expanded. */
export function foldSection(
  key: string,
  ariaLabel: string,
  buttonLabel: string,
  title: string,
  body: string,
  actions = '',
): string {
  const id = `react-aria-section-${key}`;
  return (
    el(
      'section',
      {
        'data-disclosure': true,
        role: 'region',
        id: key,
        'aria-label': ariaLabel,
        'data-test-id': key,
        ...s('Flex', 'FoldSection', 'disclosure.tsx'),
      },
      el(
        'div',
        s('Component', 'Title', 'container.tsx'),
        el(
          'button',
          {
            'aria-label': buttonLabel,
            type: 'button',
            id,
            'aria-expanded': 'true',
            'aria-controls': `${id}c`,
            role: 'button',
            ...s('StyledButton', null, 'button.tsx'),
          },
          el('span', s('Flex', null, 'button.tsx'), el('span', s('Component', null, 'text.tsx'), escapeHtml(title))),
        ) + (actions ? el('div', s('Component', null, 'container.tsx'), actions) : ''),
      ) +
        el(
          'div',
          {
            id: `${id}c`,
            role: 'group',
            'aria-labelledby': id,
            'aria-hidden': 'false',
            ...s('Component', 'Content', 'container.tsx'),
          },
          el('div', s('Text', null, 'disclosure.tsx'), body),
        ),
    ) + el('hr', { 'aria-orientation': 'horizontal', ...s('Separator', 'FoldSection', 'foldSection.tsx') })
  );
}

function segmented(label: string, options: [string, string][]): string {
  return el(
    'div',
    {
      'aria-label': label,
      role: 'radiogroup',
      'aria-orientation': 'horizontal',
      ...s('GroupWrap', 'SegmentedControl', 'segmentedControl.tsx'),
    },
    options
      .map(([testId, text], n) =>
        el(
          'label',
          {
            'data-test-id': testId,
            'aria-checked': n === 0 ? 'true' : 'false',
            ...s('SegmentWrap', null, 'segmentedControl.tsx'),
          },
          el('input', { type: 'radio', ...s('SegmentInput', null, 'segmentedControl.tsx') }) +
            el('span', { role: 'presentation', ...s('LabelWrap', null, 'segmentedControl.tsx') }, escapeHtml(text)),
        ),
      )
      .join(''),
  );
}

export function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function kvRow(key: string, value: unknown, testId?: string): string {
  return el(
    'div',
    { 'data-test-id': testId ?? null, ...s('ContentWrapper', 'Content', 'keyValueData/index.tsx') },
    el('div', { class: 'kv-key' }, escapeHtml(key)) +
      el(
        'div',
        s('ValueSection', null, 'keyValueData/index.tsx'),
        el('div', s('ValueWrapper', null, 'keyValueData/index.tsx'), valueElement(value)),
      ),
  );
}

/** valueElement.tsx: numbers and booleans get their own test ids, strings stay unformatted. */
function valueElement(value: unknown): string {
  if (typeof value === 'number') return el('span', { 'data-test-id': 'value-number' }, escapeHtml(String(value)));
  if (typeof value === 'boolean') return el('span', { 'data-test-id': 'value-boolean' }, value ? 'true' : 'false');
  if (typeof value === 'string' && value.includes('\n'))
    return el('pre', { 'data-test-id': 'value-multiline-string' }, escapeHtml(value));
  return el('span', { 'data-test-id': 'value-unformatted' }, escapeHtml(valueText(value)));
}

function card(title: string, rows: string): string {
  return el(
    'div',
    s('CardPanel', 'Card', 'keyValueData/index.tsx'),
    el('div', { class: 'card-title' }, escapeHtml(title)) + rows,
  );
}

function tagRow(key: string, value: unknown, testId: string): string {
  return el(
    'div',
    { 'data-test-id': testId, ...s('TreeRow', null, 'eventTagsTreeRow.tsx') },
    el(
      'div',
      s('TreeKeyTrunk', null, 'eventTagsTreeRow.tsx'),
      el('span', { 'aria-hidden': 'true', ...s('TreeSearchKey', null, 'eventTagsTreeRow.tsx') }, escapeHtml(key)) +
        el('div', { title: key, ...s('TreeKey', null, 'eventTagsTreeRow.tsx') }, escapeHtml(key)),
    ) +
      el(
        'div',
        s('TreeValueTrunk', null, 'eventTagsTreeRow.tsx'),
        el(
          'div',
          s('TreeValue', null, 'eventTagsTreeRow.tsx'),
          el(
            'span',
            { 'data-test-id': 'loaded-device-name', ...s(null, 'DeviceName', 'deviceName.tsx') },
            escapeHtml(valueText(value)),
          ),
        ) +
          el(
            'div',
            {
              role: 'presentation',
              ...s('DropdownMenuWrap', 'DropdownMenu', 'dropdownMenu/index.tsx'),
              class: 'invisible',
            },
            el('button', {
              'aria-label': 'Tag Actions Menu',
              type: 'button',
              'aria-expanded': 'false',
              role: 'button',
              ...s('StyledButton', null, 'button.tsx'),
              class: 'tag-button',
            }),
          ),
      ),
  );
}

export function entry(event: any, type: string): any {
  return (Array.isArray(event?.entries) ? event.entries : []).find((e: any) => e?.type === type)?.data;
}

function tagValue(event: any, key: string): unknown {
  return (Array.isArray(event?.tags) ? event.tags : []).find((t: any) => t?.key === key)?.value;
}

export function highlightsSection(event: any): string {
  const tags = ['handled', 'level', 'url', 'environment']
    .filter((k) => tagValue(event, k) !== undefined)
    .map((k) => tagRow(k, tagValue(event, k), 'highlight-tag-row'))
    .join('');
  const ctx =
    kvRow('Trace: Trace ID', event?.contexts?.trace?.trace_id ?? '--', 'highlight-context-row') +
    kvRow('User: id', event?.user?.id ?? '--', 'highlight-context-row');
  return foldSection(
    'highlights',
    'Highlights',
    'Collapse Highlights Section',
    'Highlights',
    el(
      'div',
      s('HighlightContainer', 'HighlightsData', 'highlightsDataSection.tsx'),
      el('div', s('HighlightColumn', null, 'highlightsDataSection.tsx'), tags) +
        el('div', s('HighlightColumn', null, 'highlightsDataSection.tsx'), ctx),
    ),
  );
}

export function exceptionSection(event: any): string {
  const values: any[] = entry(event, 'exception')?.values ?? [];
  if (values.length === 0) return '';
  const lang = String(event?.platform ?? 'javascript') === 'python' ? 'python' : 'js';
  const body = values
    .slice()
    .reverse()
    .map((v, n) => {
      const mech = v?.mechanism
        ? el(
            'div',
            s('StyledPills', 'Mechanism', 'mechanism.tsx'),
            Object.entries(v.mechanism)
              .filter(([, val]) => val !== null && typeof val !== 'object')
              .map(([k, val]) =>
                el(
                  'li',
                  s('StyledPill', null, 'pill.tsx'),
                  el('span', s('PillName', null, 'pill.tsx'), escapeHtml(k)) +
                    el('span', s('PillValue', null, 'pill.tsx'), escapeHtml(String(val))),
                ),
              )
              .join(''),
          )
        : '';
      return el(
        'div',
        { class: 'exception', 'data-test-id': 'exception-value' },
        el('h5', { id: `exception-${String(v?.type ?? n)}` }, escapeHtml(v?.type ?? '')) +
          el('pre', s('StyledPre', 'InnerContent', 'content.tsx'), escapeHtml(v?.value ?? '')) +
          mech +
          frames(v?.stacktrace?.frames ?? [], lang),
      );
    })
    .join('');
  return foldSection(
    'exception',
    'Stack Trace',
    'Collapse Stack Trace Section',
    'Stack Trace',
    el('div', s(null, 'Content', 'content.tsx'), body),
    segmented('Filter frames', [
      ['relevant', 'Most Relevant'],
      ['full', 'Full Stack Trace'],
    ]),
  );
}

function frames(list: any[], lang: string): string {
  const newestFirst = list.slice().reverse();
  // Sentry expands the newest in-app frame, or the newest frame when none is in-app.
  const firstInApp = Math.max(
    0,
    newestFirst.findIndex((f) => f?.inApp),
  );
  const items = newestFirst
    .map((f, n) => frame(f, n === firstInApp, lang, !f?.inApp && n > 0 && !!newestFirst[n - 1]?.inApp))
    .join('');
  return el(
    'div',
    s('Wrapper', 'Content', 'content.tsx'),
    el(
      'div',
      {
        'data-test-id': 'stack-trace-content',
        ...s('StackTraceContentPanel', null, 'content.tsx'),
        class: 'traceback in-app-traceback',
      },
      el('ul', { 'data-test-id': 'frames', ...s('StyledList', null, 'content.tsx') }, items),
    ),
  );
}

function frame(f: any, expanded: boolean, lang: string, leadsToApp: boolean): string {
  const classes = [
    'frame',
    'is-expandable',
    expanded ? 'expanded' : 'collapsed',
    f?.inApp ? '' : 'system-frame',
    leadsToApp ? 'leads-to-app' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const line = f?.lineNo !== null && f?.lineNo !== undefined ? `${f.lineNo}${f?.colNo ? `:${f.colNo}` : ''}` : '';
  const title = el(
    'div',
    {},
    (leadsToApp
      ? el('div', { class: 'leads-to-app-hint', ...s(null, 'LeadHint', 'leadHint.tsx') }, 'Called from: ')
      : '') +
      el(
        'code',
        { class: 'filename', 'data-test-id': 'filename' },
        el(
          'span',
          s('Wrapper', 'Truncate', 'truncate.tsx'),
          el('span', {}, escapeHtml(f?.filename ?? f?.module ?? f?.absPath ?? '?')),
        ),
      ) +
      (f?.function
        ? el('span', { class: 'in-at' }, ' in ') +
          el(
            'code',
            { class: 'function', 'data-test-id': 'function', ...s('FunctionName', 'FunctionName', 'functionName.tsx') },
            el('span', s(null, 'AnnotatedText', 'annotatedText/index.tsx'), escapeHtml(f.function)),
          )
        : '') +
      (line
        ? el('span', { class: 'in-at in-at-line' }, ' at line ') + el('code', { class: 'lineno' }, escapeHtml(line))
        : ''),
  );
  const head = el(
    'div',
    { 'data-test-id': 'title', ...s('DefaultLine', null, 'deprecatedLine.tsx') },
    el(
      'div',
      s('DefaultLineTitleWrapper', null, 'deprecatedLine.tsx'),
      el('div', s('LeftLineTitle', null, 'deprecatedLine.tsx'), title),
    ) +
      el(
        'div',
        s('FrameActions', null, 'deprecatedLine.tsx'),
        (f?.inApp ? el('div', { 'data-test-id': 'tag-background', ...s('TagPill', 'Tag', 'tag.tsx') }, 'In App') : '') +
          el(
            'button',
            {
              'aria-label': 'Toggle Context',
              type: 'button',
              'data-test-id': expanded ? 'toggle-button-expanded' : 'toggle-button-collapsed',
              role: 'button',
              ...s('StyledButton', null, 'button.tsx'),
            },
            expanded ? '▴' : '▾',
          ),
      ),
  );
  const ctx =
    expanded && Array.isArray(f?.context) && f.context.length > 0
      ? el(
          'ol',
          { 'data-test-id': 'frame-context', ...s('Wrapper', 'Context', 'context.tsx'), class: 'context expanded' },
          el(
            'div',
            { class: `language-${lang}` },
            el(
              'pre',
              { class: `language-${lang}` },
              el(
                'code',
                { class: `language-${lang}` },
                f.context
                  .map((c: [number, string]) =>
                    el(
                      'div',
                      { 'data-test-id': 'context-line', class: Number(c?.[0]) === Number(f?.lineNo) ? 'active' : null },
                      el(
                        'div',
                        s('Wrapper', 'ContextLineNumber', 'contextLineNumber.tsx'),
                        el('div', { class: 'line-number' }, escapeHtml(c?.[0])),
                      ) + el('div', { class: 'line-code' }, escapeHtml(c?.[1] ?? '')),
                    ),
                  )
                  .join(''),
              ),
            ),
          ),
        )
      : '';
  return el(
    'li',
    { 'data-test-id': 'line', class: classes, ...dropClass(s(null, 'DeprecatedLine', 'deprecatedLine.tsx')) },
    head + ctx,
  );
}

function dropClass(a: Record<string, any>): Record<string, any> {
  const { class: _drop, ...rest } = a;
  return rest;
}

export function breadcrumbsSection(event: any): string {
  const crumbs: any[] = entry(event, 'breadcrumbs')?.values ?? [];
  const exc: any[] = entry(event, 'exception')?.values ?? [];
  const last = exc[exc.length - 1];
  const items: any[] = (
    last
      ? [
          {
            category: 'Exception',
            message: `${last.type ?? ''}: ${last.value ?? ''}`,
            level: 'error',
            timestamp: event?.dateCreated,
            thisEvent: true,
          },
        ]
      : []
  ).concat(crumbs.slice().reverse());
  const rows = items
    .map((b, n) =>
      el(
        'div',
        { 'data-index': String(n), ...s('Row', 'Item', 'timeline/index.tsx') },
        el('div', { class: 'timeline-icon-wrapper' }) +
          el(
            'div',
            s('Component', null, 'container.tsx'),
            el(
              'div',
              s('Title', null, 'timeline/index.tsx'),
              el('span', {}, escapeHtml(b?.category ?? b?.type ?? 'default')) +
                (b.thisEvent ? el('p', {}, '- This event') : '') +
                el('div', s('BreadcrumbLevel', null, 'utils.tsx'), escapeHtml(b?.level ?? 'info')),
            ),
          ) +
          el(
            'div',
            s('Timestamp', null, 'breadcrumbsTimeline.tsx'),
            el(
              'time',
              { ...s(null, 'DateTime', 'dateTime.tsx'), datetime: valueText(b?.timestamp) },
              escapeHtml(valueText(b?.timestamp)),
            ),
          ) +
          el(
            'div',
            s('Content', null, 'timeline/index.tsx'),
            el(
              'div',
              s('ContentWrapper', null, 'breadcrumbsTimeline.tsx'),
              el(
                'div',
                s('BreadcrumbText', crumbComponent(b), 'breadcrumbItemContent.tsx'),
                escapeHtml(b?.message ?? ''),
              ) +
                (b?.data && typeof b.data === 'object'
                  ? el(
                      'div',
                      s('CollapsibleDataContainer', 'CollapsibleValue', 'collapsibleValue.tsx'),
                      Object.entries(b.data)
                        .map(([k, v]) =>
                          el(
                            'div',
                            {},
                            el('span', s('ValueObjectKey', null, 'recursiveStructuredData.tsx'), escapeHtml(k)) +
                              ': ' +
                              el('span', { 'data-test-id': 'value-unformatted' }, escapeHtml(valueText(v))),
                          ),
                        )
                        .join(''),
                    )
                  : ''),
            ),
          ),
      ),
    )
    .join('');
  return foldSection(
    'breadcrumbs',
    'breadcrumbs',
    'Collapse Section',
    'Breadcrumbs',
    el(
      'div',
      s('VirtualOffset', null, 'breadcrumbsTimeline.tsx'),
      el('div', s('Timeline.Container', null, 'breadcrumbsTimeline.tsx'), rows),
    ),
    el(
      'button',
      {
        'aria-label': 'Open Breadcrumb Search',
        type: 'button',
        role: 'button',
        ...s('StyledButton', null, 'button.tsx'),
      },
      '⌕',
    ) +
      el(
        'button',
        {
          'aria-label': 'Change Time Format for Breadcrumbs',
          type: 'button',
          role: 'button',
          ...s('StyledButton', null, 'button.tsx'),
        },
        '◷',
      ),
  );
}

export function requestSection(event: any): string {
  const r = entry(event, 'request');
  if (!r) return '';
  let url: URL | null = null;
  try {
    url = new URL(String(r.url));
  } catch {
    url = null;
  }
  const pairs = (v: any): [string, unknown][] =>
    Array.isArray(v)
      ? v.filter(Array.isArray).map((p: any[]) => [String(p[0]), p[1]])
      : v && typeof v === 'object'
        ? Object.entries(v)
        : [];
  const head = el(
    'div',
    { class: 'request-title' },
    (r.method ? el('span', {}, escapeHtml(r.method) + ' ') : '') +
      el(
        'span',
        s('Wrapper', 'Truncate', 'truncate.tsx'),
        el('span', {}, escapeHtml(url ? url.pathname : valueText(r.url))),
      ) +
      (url ? el('span', {}, ' ' + escapeHtml(url.host)) : ''),
  );
  const q = pairs(r.query);
  const body =
    head +
    (q.length ? card('Query String', q.map(([k, v]) => kvRow(k, v)).join('')) : '') +
    card(
      'Headers',
      pairs(r.headers)
        .map(([k, v]) => kvRow(k, v))
        .join(''),
    );
  return foldSection(
    'request',
    'HTTP Request',
    'Collapse HTTP Request Section',
    'HTTP Request',
    body,
    segmented('View request as', [
      ['formatted', 'Formatted'],
      ['curl', 'cURL'],
    ]),
  );
}

export function tagsSection(event: any): string {
  const tags: any[] = Array.isArray(event?.tags) ? event.tags : [];
  const half = Math.ceil(tags.length / 2);
  const col = (list: any[]) =>
    el(
      'div',
      { 'data-test-id': 'tag-tree-column', ...s('TreeColumn', null, 'eventTagsTree.tsx') },
      list.map((t) => tagRow(String(t?.key ?? ''), t?.value, 'tag-tree-row')).join(''),
    );
  return foldSection(
    'tags',
    'tags',
    'Collapse Section',
    'Tags',
    el(
      'div',
      { 'data-test-id': 'event-tags-tree', ...s('TreeContainer', null, 'eventTagsTree.tsx') },
      col(tags.slice(0, half)) + col(tags.slice(half)),
    ),
    segmented('Filter tags', [
      ['All', 'All'],
      ['Custom', 'Custom'],
      ['Application', 'Application'],
      ['Client', 'Client'],
      ['Other', 'Other'],
    ]),
  );
}

export function contextsSection(event: any): string {
  const cards: string[] = [];
  if (event?.user && typeof event.user === 'object') {
    cards.push(
      card(
        'User',
        Object.entries(event.user)
          .filter(([, v]) => v !== null && typeof v !== 'object')
          .map(([k, v]) => kvRow(k, v))
          .join(''),
      ),
    );
  }
  for (const [name, ctx] of Object.entries(event?.contexts ?? {})) {
    if (!ctx || typeof ctx !== 'object') continue;
    cards.push(
      card(
        name,
        Object.entries(ctx as Record<string, unknown>)
          .filter(([k]) => k !== 'type')
          .map(([k, v]) => kvRow(k, v))
          .join(''),
      ),
    );
  }
  return foldSection(
    'contexts',
    'Contexts',
    'Collapse Contexts Section',
    'Contexts',
    el(
      'div',
      s('CardWrapper', 'Container', 'keyValueData/index.tsx'),
      el('div', s('CardColumn', null, 'keyValueData/index.tsx'), cards.join('')),
    ),
  );
}

function crumbComponent(b: any): string {
  if (b?.thisEvent) return 'ExceptionCrumbContent';
  if (b?.type === 'http') return 'HTTPCrumbContent';
  return 'DefaultCrumbContent';
}

/** "Additional Data" (event.context), "Packages" and "SDK" — collapsed-by-default in Sentry only for packages. */
export function extraSections(event: any): string {
  const extra = event?.context && typeof event.context === 'object' ? Object.entries(event.context) : [];
  const packages = event?.packages && typeof event.packages === 'object' ? Object.entries(event.packages) : [];
  const sdk =
    event?.sdk && typeof event.sdk === 'object'
      ? Object.entries(event.sdk).filter(([, v]) => v !== null && typeof v !== 'object')
      : [];
  return (
    (extra.length
      ? foldSection(
          'extra',
          'Additional Data',
          'Collapse Additional Data Section',
          'Additional Data',
          extra.map(([k, v]) => kvRow(k, v)).join(''),
          segmented('View additional data as', [
            ['formatted', 'Formatted'],
            ['raw', 'Raw'],
          ]),
        )
      : '') +
    (packages.length
      ? foldSection(
          'packages',
          'Packages',
          'Collapse Packages Section',
          'Packages',
          packages.map(([k, v]) => kvRow(k, v)).join(''),
        )
      : '') +
    (sdk.length
      ? foldSection('sdk', 'SDK', 'Collapse SDK Section', 'SDK', sdk.map(([k, v]) => kvRow(k, v)).join(''))
      : '')
  );
}
