// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import eventFixture from '@/tests/fixtures/sentry/openapi-examples/issue-event-javascript.json';
import issueFixture from '@/tests/fixtures/sentry/openapi-examples/issue-detail.json';
import { event as eventSchema, issueDetail as issueDetailSchema, type Frame } from '@/lib/sentry/schemas';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { fakeBackground, renderPage } from '../triage/testing';
import { DetailPanel, releaseInfo } from './DetailPanel';
import { exceptions, groupFrames, nextInApp } from './event';

let restore = () => {};
afterEach(() => restore());
const target = { apiBase: 'https://sentry.io/api/0', org: 'hellboy-meowmeow' };
const mask = DEFAULT_SETTINGS.privacy.maskInUi;

const appFrame = (fn: string, line: number): Frame => ({
  function: fn,
  filename: `app/${fn}.ts`,
  lineNo: line,
  inApp: true,
  context: [
    [line - 1, 'before()'],
    [line, `boom_${fn}()`],
    [line + 1, 'after()'],
  ],
});
const libFrame = (fn: string): Frame => ({
  function: fn,
  filename: `node_modules/lib/${fn}.js`,
  lineNo: 1,
  inApp: false,
});

/** The real event, with an in-app frame on top and PII in the request, as a hostile/real app would send. */
function eventWithApp() {
  const ev = structuredClone(eventFixture) as any;
  const exc = ev.entries.find((e: any) => e.type === 'exception');
  exc.data.values[0].stacktrace.frames.push(appFrame('loadUsers', 40), libFrame('dispatch'), appFrame('onClick', 12));
  ev.entries
    .find((e: any) => e.type === 'request')
    .data.headers.push(['X-Contact', 'reach me at jane.doe@example.com <img src=x onerror=alert(1)>']);
  return ev;
}

function setup(ev: unknown) {
  const bg = fakeBackground({
    'issue.get': () => ({ ok: true, data: issueDetailSchema.parse(issueFixture) }),
    'issue.event': () => ({ ok: true, data: eventSchema.parse(ev) }),
    'release.get': (req) => ({
      ok: true,
      data: {
        release: { version: req.version, dateReleased: '2020-06-17T19:21:02Z' },
        deploys: [{ id: '1', environment: 'prod', dateFinished: '2020-06-17T19:20:55Z' }],
      },
    }),
  });
  restore = bg.restore;
  const onStatus = vi.fn();
  renderPage(<DetailPanel target={target} issueId="1" mask={mask} onStatus={onStatus} />);
  return { bg, onStatus };
}

describe('event readers', () => {
  it('puts the newest frame first and navigates between in-app frames only', () => {
    const frames = exceptions(eventSchema.parse(eventWithApp()))[0]!.frames;
    expect(frames.map((f) => f.function)).toEqual(['onClick', 'dispatch', 'loadUsers', 'apply', 'ignoreOnError']);
    expect(nextInApp(frames, -1, 1)).toBe(0);
    expect(nextInApp(frames, 0, 1)).toBe(2);
    expect(nextInApp(frames, 2, 1)).toBeNull();
    expect(nextInApp(frames, 2, -1)).toBe(0);
    expect(groupFrames(frames).map((g) => [g.inApp, g.frames.length])).toEqual([
      [true, 1],
      [false, 1],
      [true, 1],
      [false, 2],
    ]);
  });
  it('reads a release with deploys, or its lastDeploy', () => {
    expect(releaseInfo({ release: eventFixture.release, deploys: [] })).toMatchObject({
      version: 'b65bc521378269d3eaefdc964f8ef56621414943',
      deploys: [{ environment: 'prod' }],
    });
    expect(
      releaseInfo({
        release: { ...eventFixture.release, lastDeploy: null },
        deploys: [{ id: '1', environment: 'staging', dateFinished: null }],
      }).deploys,
    ).toEqual([{ environment: 'staging', dateFinished: null }]);
  });
});

describe('Explorer detail panel', () => {
  it('shows the real event: title, level, release with deploy, collapsed library frames, breadcrumbs, tags', async () => {
    const { bg } = setup(eventFixture);
    await screen.findByRole('heading', { name: issueFixture.title });
    expect(bg.of('release.get')[0]!.version).toBe('b65bc521378269d3eaefdc964f8ef56621414943');
    expect(screen.getByText(/deployed to prod 2020-06-17T19:20:55Z/)).toBeInTheDocument();
    expect(screen.getByText('ForbiddenError:')).toBeInTheDocument();
    // No in-app frame: the crash frame is shown with its source, not hidden in a collapsed run.
    expect(screen.getByText(/ignoreOnError — \/usr\/src/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Breadcrumbs' }));
    expect(await screen.findByText('[Tracing] pushActivity: idleTransactionStarted#1')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Tags' }));
    expect(await screen.findByText('Chrome 83.0.4103')).toBeInTheDocument();
  });

  it('opens on the top in-app frame with its error line highlighted, and steps to the next in-app frame', async () => {
    setup(eventWithApp());
    const line = await screen.findByText(/boom_onClick\(\)/);
    expect(line).toHaveAttribute('data-error-line', 'true');
    expect(screen.getByText('▸ 1 library frame')).toBeInTheDocument();
    expect(screen.getByText('▸ 2 library frames')).toBeInTheDocument();
    expect(screen.queryByText(/ignoreOnError/)).toBeNull();
    fireEvent.click(screen.getByText('▸ 2 library frames'));
    expect(screen.getByText(/ignoreOnError — \/usr\/src/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Next in-app frame' }));
    expect(screen.getByText(/boom_loadUsers\(\)/)).toHaveAttribute('data-error-line', 'true');
    expect(screen.queryByText(/boom_onClick\(\)/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Next in-app frame' })).toBeDisabled();
  });

  it('masks personal data in the request until clicked, and renders hostile text as text', async () => {
    setup(eventWithApp());
    await screen.findByRole('heading', { name: issueFixture.title });
    fireEvent.click(screen.getByRole('button', { name: 'HTTP request' }));
    const table = await screen.findByRole('table', { name: 'HTTP request' });
    expect(table).not.toHaveTextContent('jane.doe@example.com');
    expect(document.querySelector('img')).toBeNull();
    fireEvent.click(within(table).getByRole('button', { name: 'Reveal hidden email' }));
    expect(table).toHaveTextContent('reach me at jane.doe@example.com <img src=x onerror=alert(1)>');
    expect(document.querySelector('img')).toBeNull();
  });

  it('shows a failed event load as an error and still shows the issue', async () => {
    const bg = fakeBackground({
      'issue.get': () => ({ ok: true, data: issueDetailSchema.parse(issueFixture) }),
      'issue.event': () => ({
        ok: false,
        error: { kind: 'not-found', message: 'The event was deleted.', nextStep: 'Try the latest event.' },
      }),
    });
    restore = bg.restore;
    renderPage(<DetailPanel target={target} issueId="1" mask={mask} onStatus={() => {}} />);
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent('The event was deleted.Try the latest event.'),
    );
    expect(screen.getByRole('heading', { name: issueFixture.title })).toBeInTheDocument();
  });
});
