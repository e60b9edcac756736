// The replica's browser app (client-rendered mode), standing in for Sentry's React SPA: it reads the shell's
// config, routes in-app links and back/forward through history, and lets each page controller fetch the API and
// draw #main with the same renderers the server uses. Bundled by tests/world/sentry/client-bundle.ts.
import { parseIssuePath, splitOrgPath, type PageRoute } from '../route';
import { readConfig, STICKY, type AppContext } from './config';
import { keepSticky } from './dom';
import { issueClick, redrawHeader, showIssue } from './issue';
import { listChange, listClick, listSearch, rerenderRows, showList } from './list';

const config = readConfig();
let seq = 0;
let current: PageRoute | null = null;

function routeOf(url: URL): PageRoute | null {
  if (url.origin !== location.origin) return null;
  if (config.urlForm === 'customer') return parseIssuePath(url.pathname);
  const { org, rest } = splitOrgPath(url.pathname);
  return org === config.org ? parseIssuePath(rest) : null;
}

function contextFor(mine: number): AppContext {
  return { config, isCurrent: () => mine === seq, navigate };
}

function show(url: URL): void {
  const route = routeOf(url);
  if (!route) {
    location.assign(url.href);
    return;
  }
  current = route;
  const app = contextFor(++seq);
  const done = route.kind === 'list' ? showList(app, url) : showIssue(app, url, route);
  done.catch((e: unknown) => console.error('[replica] page failed', e));
}

function navigate(url: URL, how: 'push' | 'replace'): void {
  const next = keepSticky(url, STICKY);
  if (how === 'push') history.pushState({ replica: true }, '', next.pathname + next.search + next.hash);
  else history.replaceState({ replica: true }, '', next.pathname + next.search + next.hash);
  show(next);
}

document.addEventListener('click', (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const target = e.target instanceof Element ? e.target : null;
  if (!target) return;
  const app = contextFor(seq);
  if (current?.kind === 'list' && listClick(app, target, e)) return;
  if (current?.kind === 'issue' && issueClick(app, target)) {
    e.preventDefault();
    return;
  }
  const link = target.closest('a[href]');
  if (!link || link.getAttribute('target') === '_blank' || link.hasAttribute('download')) return;
  const url = new URL(link.getAttribute('href') ?? '', location.href);
  if (!routeOf(url)) return;
  e.preventDefault();
  navigate(url, 'push');
});

document.addEventListener('change', (e) => {
  if (current?.kind === 'list') listChange(e.target);
});

document.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter' || !(e.target instanceof HTMLInputElement)) return;
  if (current?.kind === 'list' && listSearch(contextFor(seq), e.target)) e.preventDefault();
});

window.addEventListener('popstate', () => show(new URL(location.href)));

// "Sentry redrawing parts it already showed": rows on the list, the header on an issue page, as new nodes.
let lastRerender: Event | null = null;
function rerender(e: Event): void {
  if (e === lastRerender) return;
  lastRerender = e;
  if (current?.kind === 'list') rerenderRows(contextFor(seq));
  else if (current?.kind === 'issue') redrawHeader(contextFor(seq));
}
document.addEventListener('replica:rerender', rerender);
window.addEventListener('replica:rerender', rerender);

show(new URL(location.href));
