// The issue page as Sentry draws it — after its own API calls, in parts, with in-app navigation — on pages the server
// sends finished and on pages drawn in the browser: the Explain button and the deadlock panel come when Sentry's
// header and event come, once each, for the event the URL names; event navigation, a tab, back/forward and Sentry
// redrawing its header keep exactly one of each; leaving the issue leaves nothing behind.
import { apiGet } from '../world/world';
import { check, checkEqual, setToken, type Driver, type DriverPage, type Scenario } from './driver';

interface Shown {
  explain: number;
  deadlock: number;
  header: boolean;
  deadlockEvent: string | null;
  path: string;
}

function shown(): Shown {
  const panel = document
    .querySelector<HTMLIFrameElement>('dexter-panel[data-id="deadlock"]')
    ?.shadowRoot?.querySelector('iframe');
  return {
    explain: [...document.querySelectorAll('dexter-panel[data-id="explain"]')].filter(
      (h) => h.shadowRoot?.querySelector('button')?.textContent === 'Explain with AI',
    ).length,
    deadlock: document.querySelectorAll('dexter-panel[data-id="deadlock"]').length,
    header: !!document.querySelector('header[data-sentry-element="Header"]'),
    deadlockEvent: panel
      ? new URLSearchParams((panel.getAttribute('src') ?? '').split('#')[1] ?? '').get('eventId')
      : null,
    path: location.pathname,
  };
}

/** Waits until the page shows one Explain button and one deadlock panel, and returns what it shows. */
async function settled(page: DriverPage, what: string): Promise<Shown> {
  return page
    .waitFor(
      () => {
        const explain = [...document.querySelectorAll('dexter-panel[data-id="explain"]')].filter((h) =>
          h.shadowRoot?.querySelector('button'),
        ).length;
        const deadlock = document.querySelectorAll('dexter-panel[data-id="deadlock"]').length;
        return explain >= 1 && deadlock >= 1 && !document.querySelector('[data-test-id="loading-indicator"]')
          ? true
          : null;
      },
      null,
      { what: `${what}: the Explain button and the deadlock panel`, timeoutMs: 20_000 },
    )
    .then(() => page.evaluate(shown, null));
}

async function deadlockIssue(d: Driver): Promise<{ id: string; events: string[] }> {
  const token = d.world.sentry.tokens.readWrite;
  const issues = await apiGet<{ id: string }[]>(
    d.world,
    '/api/0/organizations/acme/issues/?query=deadlock&statsPeriod=90d&limit=50',
    token,
  );
  for (const i of issues) {
    const events = await apiGet<{ eventID: string }[]>(
      d.world,
      `/api/0/organizations/acme/issues/${i.id}/events/`,
      token,
    );
    if (events.length >= 2) return { id: i.id, events: events.map((e) => e.eventID) };
  }
  throw new Error('the world has no deadlock issue with two events');
}

export const scenarios: Scenario[] = (['server', 'client'] as const).map((render): Scenario => ({
  name: `issue page (${render}-rendered): Explain and the deadlock panel come with Sentry's page and stay one each through event navigation, a tab, back and a redraw`,
  async run(d) {
    await setToken(d, d.world.sentry.tokens.readWrite);
    const issue = await deadlockIssue(d);
    // From the list, as a user goes: the issue opens by Sentry's in-app navigation.
    const page = await d.page(
      `https://acme.sentry.io/issues/?render=${render}&latency=${render === 'client' ? 700 : 0}&query=deadlock&statsPeriod=90d`,
    );
    await page.click(`a[data-issue-title-link][href*="/issues/${issue.id}/"]`);
    let s = await settled(page, 'the issue opened from the list');
    checkEqual([s.explain, s.deadlock], [1, 1], 'Explain buttons and deadlock panels');
    check(s.header, 'Sentry’s header');
    checkEqual(s.deadlockEvent, '', 'the event the deadlock panel reads (none named: Sentry’s default)');

    // The next event: only Sentry's event part redraws; the panel now reads the event the URL names.
    // A click that lands while the page is still settling can be lost (as a user's can): then the user clicks again.
    for (let attempt = 1; ; attempt++) {
      await page.click(
        'a[aria-label="Next Event"][aria-disabled="false"], a[aria-label="Previous Event"][aria-disabled="false"]',
      );
      const moved = await page
        .waitFor(() => /\/events\/[0-9a-f]{32}\//.test(location.pathname) || null, null, {
          what: 'the event URL',
          timeoutMs: 5000,
        })
        .catch(() => null);
      if (moved) break;
      check(attempt < 3, 'the event navigation never happened after three clicks');
    }
    s = await page
      .waitFor(
        (prev) => {
          const panel = document.querySelector('dexter-panel[data-id="deadlock"]')?.shadowRoot?.querySelector('iframe');
          const id = new URLSearchParams((panel?.getAttribute('src') ?? '').split('#')[1] ?? '').get('eventId');
          return id && id !== prev && location.pathname.includes(id) ? true : null;
        },
        s.deadlockEvent,
        { what: 'the deadlock panel following the event' },
      )
      .then(() => page.evaluate(shown, null));
    checkEqual([s.explain, s.deadlock], [1, 1], 'after event navigation: Explain buttons and deadlock panels');
    check(
      issue.events.includes(s.deadlockEvent ?? ''),
      `the panel reads event ${s.deadlockEvent}, not one of the issue's`,
    );

    // A tab in place of the event overview (the issue's events), then back — once Sentry has drawn the event (its
    // navigation is drawn again with it).
    await page.waitFor(
      () =>
        (document.querySelector('[data-test-id="exception-value"]') &&
          !document.querySelector('[data-test-id="group-event-details"] [data-test-id="loading-placeholder"]')) ||
        null,
      null,
      { what: 'the event drawn' },
    );
    await page.click('a[aria-label="View More Events"]');
    await page.waitFor(() => /\/events\/$/.test(location.pathname) || null, null, { what: 'the Events tab' });
    checkEqual((await page.evaluate(shown, null)).explain <= 1, true, 'at most one Explain button on the Events tab');
    await page.evaluate(() => history.back(), null);
    await page.waitFor(() => /\/events\/[0-9a-f]{32}\/$/.test(location.pathname) || null, null, {
      what: 'back to the event',
    });
    s = await settled(page, 'back to the event');
    checkEqual([s.explain, s.deadlock], [1, 1], 'after back: Explain buttons and deadlock panels');

    // Sentry redraws its header (a status change, a refresh): still one of each, where they belong.
    await page.evaluate(() => void window.dispatchEvent(new Event('replica:rerender')), null);
    await new Promise((r) => setTimeout(r, 300));
    s = await settled(page, 'after Sentry redrew its header');
    checkEqual([s.explain, s.deadlock], [1, 1], 'after a redraw: Explain buttons and deadlock panels');

    // Back to the list by Sentry's breadcrumb: nothing of the issue page stays.
    await page.click('a[data-test-id="breadcrumb-link"]');
    await page.waitFor(() => location.pathname === '/issues/' || null, null, { what: 'the list again' });
    await page.waitFor(() => document.querySelectorAll('dexter-panel').length === 0 || null, null, {
      what: 'no panel left on the list',
    });
  },
}));
