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
}

/** Same path the server serves REPLICA_APP_JS at. */
export const REPLICA_APP_PATH = '/_replica/app.js';

export function renderDocument(i: ShellInput): string {
  const initialData = {
    csrfCookieName: 'sc',
    customerDomain: i.urlForm === 'customer' ? { subdomain: i.org } : null,
    features: ['organizations:issue-stream-table-layout'],
    isAuthenticated: true,
  };
  return `<!DOCTYPE html>
<html lang="en"><head>
<meta http-equiv="content-type" content="text/html; charset=utf-8">
<meta name="robots" content="none, noarchive">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(i.title)}</title>
${themeMeta(i.theme)}
<style data-emotion="app-global">${REPLICA_CSS}</style>
<script>window.__initialData = ${inertJson(initialData)}; window.__initialData.links = {organizationUrl: location.origin, regionUrl: location.origin, sentryUrl: location.origin}; window.csrfCookieName = 'sc';</script>
</head>
<body class="theme-${i.theme}">
<div id="blk_router"><div class="${cls('App')}">
${el('div', { ...sentry('Toasts', 'Indicators', 'indicators.tsx'), class: `indicators-container ${cls('Toasts')}` })}
${el('div', { ...sentry('AppContainer', null, 'organizationLayout/index.tsx') }, nav(i.org, i.urlForm) + el('div', { id: 'main', ...sentry('Component', null, 'container.tsx') }, i.main))}
</div></div>
<script src="${REPLICA_APP_PATH}" defer></script>
</body></html>`;
}

function nav(org: string, form: UrlForm): string {
  const base = orgPrefix(org, form);
  const links: [string, string][] = [
    ['Issues', `${base}/issues/`], ['Explore', `${base}/explore/traces/`],
    ['Dashboards', `${base}/dashboards/`], ['Insights', `${base}/insights/`],
    ['Settings', form === 'customer' ? '/settings/organization/' : `/settings/${encodeURIComponent(org)}/`],
  ];
  const items = links.map(([label, href]) => el('li', { 'aria-expanded': 'false', ...sentry('Flex', 'SidebarLink', 'components.tsx') },
    el('a', {
      'aria-selected': label === 'Issues' ? 'true' : 'false', 'aria-current': label === 'Issues' ? 'page' : null,
      'data-primary-navigation-link': true, ...sentry('Component', 'SidebarNavLink', 'link.tsx'), href,
    }, el('div', { class: cls('SidebarNavLabel') }, escapeHtml(label))))).join('');
  const header = el('header', sentry('SidebarHeader', null, 'sidebar.tsx'),
    el('button', { 'aria-label': 'Toggle organization menu', type: 'button', 'aria-expanded': 'false', role: 'button', ...sentry('StyledButton', null, 'button.tsx') },
      el('span', { 'data-test-id': 'letter_avatar-avatar', title: org, ...sentry('AvatarContainer', 'OrganizationAvatar', 'avatar.tsx'), class: `avatar ${cls('AvatarContainer')}` }, escapeHtml(org.slice(0, 1).toUpperCase()))));
  return el('div', sentry('NavContainer', 'NavContent', 'nav/index.tsx'),
    el('div', { role: 'navigation', 'aria-label': 'Primary Navigation', ...sentry('SidebarWrapper', 'Sidebar', 'sidebar.tsx') },
      header + el('ul', { 'data-primary-list-container': true, ...sentry('SidebarList', 'SidebarBody', 'primary/index.tsx') }, items)));
}
