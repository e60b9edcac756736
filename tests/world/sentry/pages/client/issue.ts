// The issue page the way Sentry's groupDetails.tsx loads it: the group and event requests go out together; a
// LoadingIndicator until the group arrives; then header, sidebar and the content section, with placeholders where
// the event goes until it arrives. Navigating between events (or tabs) of the same issue redraws only the content
// section — the header and sidebar stay, and the event navigation keeps the previous event while the next loads.
// Resolve / Resolved PUT the status and the header is drawn again (new nodes), as is `replica:rerender`.
import { renderIssueHeader } from '../issueHeader';
import { issuePageTitle, renderIssueBody, renderIssueContent, type IssuePageInput } from '../issuePage';
import type { TabData } from '../issueTabs';
import { loadingIndicator } from '../loading';
import type { PageRoute } from '../route';
import { api, type Answer } from './api';
import type { AppContext } from './config';
import { loadingError, localizeCounts, main, parse, setMain } from './dom';

type IssueRoute = Extract<PageRoute, { kind: 'issue' }>;

const SECTION = 'section[data-sentry-element="GroupContent"][data-sentry-source-file="groupDetailsLayout.tsx"]';
/** useGroupEvent: a concrete event id is never stale; latest/oldest/recommended for 30 s. */
const RESERVED_STALE_MS = 30_000;

interface IssueState {
  id: string | null;
  group: any;
  shown: any;
  events: Map<string, { at: number; answer: Answer }>;
  input: IssuePageInput | null;
}
const state: IssueState = { id: null, group: null, shown: null, events: new Map(), input: null };

/** The cached answer for an event, if still fresh (then the page draws it at once, with no placeholders). */
function cachedEvent(id: string, key: string, environment: string[]): Answer | null {
  const cached = state.events.get(`${id}:${key}:${environment.join(',')}`);
  const fresh =
    cached && (!['latest', 'oldest', 'recommended'].includes(key) || Date.now() - cached.at < RESERVED_STALE_MS);
  return cached && fresh ? cached.answer : null;
}

function eventRequest(app: AppContext, id: string, key: string, environment: string[]): Promise<Answer> {
  return api(
    'GET',
    `/organizations/${app.config.org}/issues/${id}/events/${key}/`,
    { collapse: ['fullRelease'], environment },
    app.config.latency.event,
  ).then((answer) => {
    if (answer.status === 200) state.events.set(`${id}:${key}:${environment.join(',')}`, { at: Date.now(), answer });
    return answer;
  });
}

function tabRequest(app: AppContext, route: IssueRoute): Promise<TabData | undefined> {
  const base = `/organizations/${app.config.org}/issues/${route.id}`;
  if (route.tab === 'events')
    return api('GET', `${base}/events/`, {}, app.config.latency.api).then((a) => ({
      events: a.status === 200 ? a.body : [],
    }));
  if (route.tab === 'distributions')
    return api('GET', `${base}/tags/`, {}, app.config.latency.api).then((a) => ({
      tags: a.status === 200 ? a.body : [],
    }));
  return Promise.resolve(undefined);
}

function inputFor(app: AppContext, url: URL, route: IssueRoute): IssuePageInput {
  return {
    org: app.config.org,
    urlForm: app.config.urlForm,
    theme: app.config.theme,
    issue: state.group,
    event: state.shown,
    eventKey: route.eventKey ?? undefined,
    tab: route.tab,
    query: Object.fromEntries(url.searchParams),
  };
}

function section(): Element | null {
  return main().querySelector(SECTION);
}

function fillSection(html: string): void {
  const s = section();
  if (!s) return;
  s.replaceChildren(...parse(html));
}

export async function showIssue(app: AppContext, url: URL, route: IssueRoute): Promise<void> {
  const environment = url.searchParams.getAll('environment');
  const same = state.id === route.id && state.group !== null && section() !== null;
  let groupRequest: Promise<Answer> | null = null;
  if (!same) {
    Object.assign(state, { id: route.id, group: null, shown: null, input: null });
    setMain(loadingIndicator());
    groupRequest = api(
      'GET',
      `/organizations/${app.config.org}/issues/${route.id}/`,
      { environment, expand: ['inbox', 'owners'], collapse: ['release', 'tags', 'stats'] },
      app.config.latency.api,
    );
  }
  // Fired together with the group request, not after it (two react-query hooks in one render).
  const key = route.eventKey ?? 'recommended';
  const cached = route.tab ? null : cachedEvent(route.id, key, environment);
  const box: { done: Content | null } = { done: cached ? { event: cached } : null };
  const content: Promise<Content> = box.done
    ? Promise.resolve(box.done)
    : route.tab
      ? tabRequest(app, route).then((tab) => ({ tab }))
      : eventRequest(app, route.id, key, environment).then((event) => ({ event }));
  void content.then((c) => {
    box.done = c;
  });

  if (groupRequest) {
    const group = await groupRequest;
    if (!app.isCurrent()) return;
    if (group.status !== 200) {
      setMain(
        group.status === 404
          ? '<div data-test-id="group-not-found" role="alert"><h3>The issue you were looking for was not found.</h3></div>'
          : loadingError(),
      );
      return;
    }
    state.group = group.body;
    const input = { ...inputFor(app, url, route), eventLoading: !box.done && !route.tab };
    setMain(renderIssueHeader(state.group, input) + renderIssueBody(box.done ? withContent(input, box.done) : input));
    if (route.tab && !box.done) fillSection(loadingIndicator());
    document.title = issuePageTitle(input);
    addProject(url);
    if (box.done) return;
  } else if (!box.done) {
    // Same issue: only the content section redraws; the navigation keeps showing the previous event.
    const input = inputFor(app, url, route);
    fillSection(route.tab ? loadingIndicator() : renderIssueContent({ ...input, eventLoading: true }));
  }
  const c = await content;
  if (!app.isCurrent()) return;
  fillSection(renderIssueContent(withContent(inputFor(app, url, route), c)));
  localizeCounts(main());
}

type Content = { event?: Answer; tab?: TabData };

function withContent(input: IssuePageInput, c: Content): IssuePageInput {
  if (input.tab) return { ...input, tabData: c.tab, eventLoading: false };
  if (c.event?.status !== 200) return { ...input, event: null, eventLoading: false };
  state.shown = c.event.body;
  return { ...input, event: c.event.body, eventLoading: false };
}

/** useFetchGroupDetails: history.replace adds ?project=<id> unless the URL has it or _allp. */
function addProject(url: URL): void {
  if (url.searchParams.has('project') || url.searchParams.has('_allp') || !state.group?.project?.id) return;
  const next = new URL(location.href);
  next.searchParams.set('project', String(state.group.project.id));
  history.replaceState(history.state, '', next.pathname + next.search + next.hash);
}

/** The header and the action bar below it, drawn again as new nodes. */
export function redrawHeader(app: AppContext): void {
  const header = main().querySelector('header[data-sentry-element="Header"]');
  if (!header || !state.group) return;
  const bar = header.nextElementSibling;
  const fresh = parse(renderIssueHeader(state.group, { org: app.config.org, urlForm: app.config.urlForm }));
  header.replaceWith(...fresh);
  if (bar?.querySelector('[role="banner"]')) bar.remove();
  fresh.forEach(localizeCounts);
}

/** Resolve / Resolved in the action bar: PUT the status as GroupActions does (bulk update of this one id). */
export function issueClick(app: AppContext, target: Element): boolean {
  const menu = target.closest('button[aria-label="Select issue content"]');
  if (menu) {
    const list = menu.parentElement?.querySelector<HTMLElement>('[role="menu"]');
    if (list) {
      list.hidden = !list.hidden;
      menu.setAttribute('aria-expanded', String(!list.hidden));
    }
    return true;
  }
  const button = target.closest(
    '[role="banner"] button[aria-label="Resolve"], [role="banner"] button[aria-label="Resolved"]',
  );
  if (!button || !state.group) return false;
  const resolve = button.getAttribute('aria-label') === 'Resolve';
  const data = resolve
    ? { status: 'resolved', statusDetails: {}, substatus: null }
    : { status: 'unresolved', statusDetails: {}, substatus: 'ongoing' };
  const id = String(state.group.id);
  void api(
    'PUT',
    `/organizations/${app.config.org}/issues/`,
    { id, project: state.group.project?.id },
    app.config.latency.api,
    data,
  ).then((answer) => {
    if (answer.status !== 200 || state.group === null || String(state.group.id) !== id) return;
    state.group = { ...state.group, ...answer.body };
    redrawHeader(app);
  });
  return true;
}
