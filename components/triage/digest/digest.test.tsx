// @vitest-environment happy-dom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDigest, type DigestInput } from '@/lib/digest/build';
import { checkCitations } from '@/lib/digest/narrative';
import { digestMarkdown, digestSlack } from '@/lib/digest/format';
import type { DigestAnswer, MessageInputOf, ReplyOf } from '@/lib/messages';
import { fakeBackground, renderPage } from '../testing';
import type { Place } from '../target';
import { DigestView } from './DigestView';

const target = { apiBase: 'https://acme.sentry.io/api/0', org: 'acme' };
const link: Place['link'] = { webBase: 'https://acme.sentry.io', org: 'acme', hosting: 'saas' };
const now = Date.now();
const ago = (h: number) => new Date(now - h * 3_600_000).toISOString();
const HOSTILE = '<img src=x onerror=alert(1)> *pwned* <!channel>';
const input = (id: string, over: Partial<DigestInput> = {}): DigestInput => ({
  id,
  shortId: `WEB-${id}`,
  title: `Error ${id}`,
  count: '10',
  userCount: 2,
  firstSeen: ago(100),
  lastSeen: ago(0.5),
  level: 'error',
  substatus: 'ongoing',
  project: { slug: 'web' },
  ...over,
});
const issues = [
  input('1', { firstSeen: ago(2), substatus: 'new', count: '500', userCount: 40, title: HOSTILE }),
  input('2', { substatus: 'escalating', count: '90' }),
  input('3', { substatus: 'regressed', project: { slug: 'api' }, release: 'api@2.0', lastSeen: ago(5) }),
];
const digest = buildDigest(issues, 24, now);
const narrative = checkCitations(
  {
    statements: [
      { text: 'WEB-1 broke checkout for 40 users.', cites: ['WEB-1'] },
      { text: 'A made-up issue broke everything.', cites: ['NOPE-404'] },
      { text: 'An uncited claim.', cites: [] },
    ],
  },
  digest,
);

let restore = () => {};
afterEach(() => restore());

function setup(
  answer: (req: MessageInputOf<'digest.build'>) => ReplyOf<'digest.build'> | Promise<ReplyOf<'digest.build'>>,
) {
  const bg = fakeBackground({ 'digest.build': answer });
  restore = bg.restore;
  renderPage(<DigestView target={target} link={link} />);
  return bg;
}
const plain = (req: MessageInputOf<'digest.build'>): ReplyOf<'digest.build'> => ({
  ok: true,
  data: req.narrative
    ? { digest, narrative, model: 'llama3.2:latest' }
    : { digest: buildDigest(issues, req.hours, now), narrative: null },
});

describe('the digest view', () => {
  it('builds the last 24 hours at once, without the model, and lists what the on-call engineer needs', async () => {
    const bg = setup(plain);
    await screen.findByText(/^3 issues seen, 600 events, 44 users \(summed per issue\)/);
    expect(bg.of('digest.build')).toEqual([{ type: 'digest.build', target, hours: 24, narrative: false }]);
    const section = (name: string) => screen.getByRole('region', { name });
    expect(within(section('Top by Dexter’s priority')).getAllByRole('listitem')).toHaveLength(3);
    expect(within(section('New')).getByRole('link', { name: 'WEB-1' })).toHaveAttribute(
      'href',
      'https://acme.sentry.io/issues/1/',
    );
    expect(within(section('Escalating')).getByText('Error 2')).toBeInTheDocument();
    expect(within(section('Regressed')).getByText('WEB-3')).toBeInTheDocument();
    // Event text is text: the hostile title shows as written and makes no element.
    expect(within(section('New')).getByText(HOSTILE)).toBeInTheDocument();
    expect(document.querySelector('img')).toBeNull();
    const table = within(section('By project and release')).getByRole('table');
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent)),
    ).toEqual([
      ['web', '—', '2', '590', '42'],
      ['api', 'api@2.0', '1', '10', '2'],
    ]);
  });

  it('asks again for the period picked, from 1 hour to 7 days', async () => {
    const bg = setup(plain);
    await screen.findByText(/^3 issues seen/);
    const period = screen.getByLabelText('Period');
    expect([...period.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      'Last hour',
      'Last 3 hours',
      'Last 6 hours',
      'Last 12 hours',
      'Last 24 hours',
      'Last 2 days',
      'Last 3 days',
      'Last 7 days',
    ]);
    fireEvent.change(period, { target: { value: '168' } });
    await waitFor(() => expect(bg.of('digest.build').at(-1)).toMatchObject({ hours: 168, narrative: false }));
    fireEvent.change(period, { target: { value: '1' } });
    await waitFor(() => expect(bg.of('digest.build').at(-1)).toMatchObject({ hours: 1 }));
    // Only the issues seen in the last hour: WEB-3 was last seen 5 hours ago.
    await screen.findByText(/^2 issues seen, 590 events/);
  });

  it('writes the narrative on request: statements with their cited issues, the dropped ones said and why', async () => {
    const bg = setup(plain);
    await screen.findByText(/^3 issues seen/);
    fireEvent.click(screen.getByRole('button', { name: 'Write the narrative' }));
    const region = await screen.findByRole('region', { name: 'Narrative' });
    expect(bg.of('digest.build').at(-1)).toMatchObject({ hours: 24, narrative: true });
    expect(region).toHaveTextContent('WEB-1 broke checkout for 40 users. (WEB-1)');
    expect(within(region).getByRole('link', { name: 'WEB-1' })).toHaveAttribute(
      'href',
      'https://acme.sentry.io/issues/1/',
    );
    expect(region).toHaveTextContent('by llama3.2:latest');
    expect(region).toHaveTextContent('1 of 2 citations name issues of this digest. Dropped 2 statements:');
    const dropped = within(region).getByRole('list', { name: 'Dropped statements' });
    expect(
      within(dropped)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      '“A made-up issue broke everything.” — dropped: it cites NOPE-404, which is not in the digest.',
      '“An uncited claim.” — dropped: it cites no issue.',
    ]);
  });

  it('shows the data with the reason when the model wrote no narrative', async () => {
    setup((req) => ({
      ok: true,
      data: {
        digest,
        narrative: null,
        ...(req.narrative
          ? {
              narrativeError: {
                kind: 'llm',
                message: 'No model is chosen, so the digest has no narrative.',
                nextStep: 'Pick a model in Dexter’s settings.',
              },
            }
          : {}),
      } as DigestAnswer,
    }));
    await screen.findByText(/^3 issues seen/);
    fireEvent.click(screen.getByRole('button', { name: 'Write the narrative' }));
    expect(await screen.findByText('No model is chosen, so the digest has no narrative.')).toBeInTheDocument();
    expect(screen.getByText(/^3 issues seen/)).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Narrative' })).toBeNull();
  });

  it('copies the digest as Markdown and as Slack text, the narrative included', async () => {
    const writes: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (t: string) => void writes.push(t) },
    });
    setup(plain);
    await screen.findByText(/^3 issues seen/);
    fireEvent.click(screen.getByRole('button', { name: 'Write the narrative' }));
    await screen.findByRole('region', { name: 'Narrative' });
    fireEvent.click(screen.getByRole('button', { name: 'Copy as Markdown' }));
    await waitFor(() => expect(writes).toHaveLength(1));
    expect(writes[0]).toBe(digestMarkdown(digest, narrative));
    expect(writes[0]).toContain('- WEB-1 broke checkout for 40 users. (WEB-1)');
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Copy as Slack text' }));
    await waitFor(() => expect(writes).toHaveLength(2));
    expect(writes[1]).toBe(digestSlack(digest, narrative));
    expect(writes[1]).not.toContain('<!channel>');
  });

  it('says what went wrong when Sentry could not be read, and drops a late answer for an earlier period', async () => {
    const gates: (() => void)[] = [];
    const bg = setup((req) =>
      req.hours === 24
        ? new Promise((resolve) => gates.push(() => resolve(plain(req))))
        : {
            ok: false,
            error: {
              kind: 'rate-limited',
              message: 'Sentry is rate-limiting Dexter.',
              nextStep: 'Dexter retries automatically.',
            },
          },
    );
    await waitFor(() => expect(gates).toHaveLength(1));
    fireEvent.change(screen.getByLabelText('Period'), { target: { value: '72' } });
    expect(await screen.findByRole('alert')).toHaveTextContent('Sentry is rate-limiting Dexter.');
    await act(async () => gates[0]!());
    expect(screen.queryByText(/issues seen/)).toBeNull();
    expect(bg.of('digest.build').map((m) => m.hours)).toEqual([24, 72]);
  });
});
