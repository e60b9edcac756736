// The document around Sentry's app: theme on <body>, the router root, the primary
// navigation and `#main`, whose children are what an in-app navigation replaces.
import { cls, el, escapeHtml, inertJson, sentry } from './html';
import { orgPrefix, type UrlForm } from './format';
import { REPLICA_CSS, themeMeta, type Theme } from './theme';

export interface ShellInput {
  org: string;
  urlForm: UrlForm;
  theme: Theme;
  title: string;
  main: string;
  /** Client-rendered mode: the page's settings for the replica's browser app, which then draws #main itself. */
  client?: unknown;
}

/** Same path the server serves REPLICA_APP_JS at. */
export const REPLICA_APP_PATH = '/_replica/app.js';
/** Where the client-rendered mode's app (the bundled page renderers, pages/client/) is served. */
export const REPLICA_CLIENT_PATH = '/_replica/client.js';

/** The Sentry build the replica claims to be: the saved sentry.io page's (pages/issue-page-real-2026-02.html). */
export const SENTRY_VERSION = '26.2.0.dev0';
export const BACKEND_SHA = '57be8a1376db8bf9c6cda18dfee4aeed9dd308d0';

/** The SDK's tracing metas, as on the saved page: baggage carries the backend release (`backend%40<sha>`). */
function traceMetas(org: string, urlForm: UrlForm): string {
  const traceId = hex(`${org}:${urlForm}:${Date.now()}`, 32);
  const baggage = `sentry-trace_id=${traceId},sentry-sample_rand=0.901134,sentry-environment=prod,sentry-release=backend%40${BACKEND_SHA},sentry-public_key=16427b2f210046b585ee51fd8a1ac54f,sentry-transaction=/issues/,sentry-sample_rate=1.0,sentry-sampled=true`;
  return `<meta name="baggage" content="${escapeHtml(baggage)}">\n<meta name="sentry-trace" content="${traceId}-${hex(traceId, 16)}-1">`;
}

function hex(seed: string, length: number): string {
  let h = 2166136261;
  let out = '';
  while (out.length < length) {
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

export function renderDocument(i: ShellInput): string {
  const initialData = {
    csrfCookieName: 'sc',
    customerDomain: i.urlForm === 'customer' ? { subdomain: i.org } : null,
    features: ['organizations:issue-stream-table-layout'],
    isAuthenticated: true,
    // client_config.py _get_version_info(); sentryConfig.release is the frontend's.
    version: { current: SENTRY_VERSION, latest: SENTRY_VERSION, build: SENTRY_VERSION, upgradeAvailable: false },
    sentryConfig: { release: `frontend@${BACKEND_SHA}` },
  };
  return `<!DOCTYPE html>
<html lang="en"><head>
<meta http-equiv="content-type" content="text/html; charset=utf-8">
<meta name="robots" content="none, noarchive">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(i.title)}</title>
${traceMetas(i.org, i.urlForm)}
${themeMeta(i.theme)}
<style data-emotion="app-global">${REPLICA_CSS}</style>
<script>window.__initialData = ${inertJson(initialData)}; window.__initialData.links = {organizationUrl: location.origin, regionUrl: location.origin, sentryUrl: location.origin}; window.csrfCookieName = 'sc';</script>
</head>
<body class="theme-${i.theme}">
<div id="blk_router"><div class="${cls('App')}">
${el('div', { ...sentry('Toasts', 'Indicators', 'indicators.tsx'), class: `indicators-container ${cls('Toasts')}` })}
${el('div', { ...sentry('AppContainer', null, 'organizationLayout/index.tsx') }, nav(i.org, i.urlForm) + el('div', { id: 'main', ...sentry('Component', null, 'container.tsx') }, i.main))}
</div></div>
${i.client === undefined ? '' : `<script type="application/json" id="replica-config">${inertJson(i.client)}</script>\n`}<script src="${i.client === undefined ? REPLICA_APP_PATH : REPLICA_CLIENT_PATH}" defer></script>
</body></html>`;
}

function nav(org: string, form: UrlForm): string {
  const base = orgPrefix(org, form);
  const links: [string, string][] = [
    ['Issues', `${base}/issues/`],
    ['Explore', `${base}/explore/traces/`],
    ['Dashboards', `${base}/dashboards/`],
    ['Insights', `${base}/insights/`],
    ['Settings', form === 'customer' ? '/settings/organization/' : `/settings/${encodeURIComponent(org)}/`],
  ];
  const items = links
    .map(([label, href]) =>
      el(
        'li',
        { 'aria-expanded': 'false', ...sentry('Flex', 'SidebarLink', 'components.tsx') },
        el(
          'a',
          {
            'aria-selected': label === 'Issues' ? 'true' : 'false',
            'aria-current': label === 'Issues' ? 'page' : null,
            'data-primary-navigation-link': true,
            ...sentry('Component', 'SidebarNavLink', 'link.tsx'),
            href,
          },
          el('div', { class: cls('SidebarNavLabel') }, escapeHtml(label)),
        ),
      ),
    )
    .join('');
  const header = el(
    'header',
    sentry('SidebarHeader', null, 'sidebar.tsx'),
    el(
      'button',
      {
        'aria-label': 'Toggle organization menu',
        type: 'button',
        'aria-expanded': 'false',
        role: 'button',
        ...sentry('StyledButton', null, 'button.tsx'),
      },
      el(
        'span',
        {
          'data-test-id': 'letter_avatar-avatar',
          title: org,
          ...sentry('AvatarContainer', 'OrganizationAvatar', 'avatar.tsx'),
          class: `avatar ${cls('AvatarContainer')}`,
        },
        escapeHtml(org.slice(0, 1).toUpperCase()),
      ),
    ),
  );
  return el(
    'div',
    sentry('NavContainer', 'NavContent', 'nav/index.tsx'),
    el(
      'div',
      { role: 'navigation', 'aria-label': 'Primary Navigation', ...sentry('SidebarWrapper', 'Sidebar', 'sidebar.tsx') },
      header +
        el(
          'ul',
          { 'data-primary-list-container': true, ...sentry('SidebarList', 'SidebarBody', 'primary/index.tsx') },
          items,
        ),
    ),
  );
}
