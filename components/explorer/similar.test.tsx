// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBackground, renderPage } from '../triage/testing';
import { SimilarSection } from './SimilarSection';

let restore = () => {};
afterEach(() => restore());
const target = { apiBase: 'https://sentry.io/api/0', org: 'acme' };

function setup() {
  const bg = fakeBackground({
    'similar.issue': () => ({
      ok: true,
      data: {
        method: 'hashed-v1',
        signature: 'KeyError: <str>\nat shop.cart.load',
        matches: [
          {
            id: '2',
            shortId: 'WEB-2',
            title: '<img src=x onerror=alert(1)> KeyError',
            projectId: '1',
            score: 0.93,
            reason: '1 shared frame (shop.cart.load)',
            sameProject: true,
          },
          {
            id: '3',
            shortId: 'API-9',
            title: 'KeyError in the API',
            projectId: '7',
            score: 0.71,
            reason: 'the same exception type',
            sameProject: false,
          },
        ],
      },
    }),
    'issues.merge': () => ({ ok: true, data: { parent: '1', children: ['2'] } }),
  });
  restore = bg.restore;
  renderPage(<SimilarSection target={target} issueId="1" projectId="1" />);
  return bg;
}

describe('SimilarSection', () => {
  it('lists similar issues with score and why; titles stay text', async () => {
    setup();
    expect(await screen.findByText('93%')).toBeTruthy();
    expect(screen.getByText('1 shared frame (shop.cart.load)')).toBeTruthy();
    expect(screen.getByText('another project')).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
  });

  it('merges only same-project issues, and only after a confirmation that says Dexter cannot undo it', async () => {
    const bg = setup();
    await screen.findByText('93%');
    expect(screen.getAllByRole('button', { name: 'Merge…' })).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Merge…' }));
    expect(screen.getByRole('alertdialog').textContent).toMatch(/merging cannot be undone by Dexter/);
    expect(bg.of('issues.merge')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Merge in Sentry' }));
    await waitFor(() =>
      expect(bg.of('issues.merge')).toEqual([{ type: 'issues.merge', target, projectId: '1', ids: ['1', '2'] }]),
    );
    expect(await screen.findByText(/Sentry merged WEB-2/)).toBeTruthy();
  });
});
