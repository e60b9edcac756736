// @vitest-environment happy-dom
// The README's settings table is the screen's: every setting the popup shows has its row, named as on the screen,
// and the table names nothing the screen does not have. A setting added to either alone fails here.
import { readFileSync } from 'node:fs';
import { screen } from '@testing-library/react';
import { computeAccessibleName } from 'dom-accessibility-api';
import { afterEach, expect, it } from 'vitest';
import type { AuthStatus, LlmStatus } from '@/lib/messages';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { fakeBackground, renderPage } from '../triage/testing';
import { SettingsContext } from './context';
import { SettingsView } from './SettingsView';
import { createSettingsStore } from './store';

let restore = () => {};
afterEach(() => restore());

const noToken: AuthStatus = { via: null, sentryUrl: null, valid: false, scopes: [], missingRead: [], missingWrite: [] };
const llm: LlmStatus = {
  provider: 'openai',
  url: 'http://127.0.0.1:8080',
  reachable: true,
  postAllowed: true,
  models: ['llama3.2:3b'],
  model: 'llama3.2:3b',
  modelMissing: false,
  originRuleActive: true,
  apiKey: 'none',
};

/** The first cells of the README's table under "## Settings"; a cell may name several controls, split by " / ". */
function readmeSettings(readme: string): string[] {
  const section = readme.split(/^## Settings$/m)[1]!.split(/^## /m)[0]!;
  const rows = section
    .split('\n')
    .filter((l) => l.startsWith('| ') && !/^\|\s*setting\s*\|/.test(l) && !/^\|[-| ]+\|$/.test(l));
  return rows.flatMap((r) =>
    r
      .split('|')[1]!
      .trim()
      .split(' / ')
      .map((n) => n.trim()),
  );
}

/** A control's name without its description: Mantine puts both inside a switch's label element. */
function labelOf(control: HTMLElement): string {
  const name = computeAccessibleName(control).trim();
  const described =
    control.closest('.mantine-Switch-root')?.querySelector('.mantine-Switch-description')?.textContent ?? '';
  return described && name.endsWith(described) ? name.slice(0, -described.length).trim() : name;
}

/** Each control's name, or the name of the group it belongs to (a switch per feature, the radio buttons of a
 *  segmented control, the checkboxes of a checkbox group). */
function screenSettings(): string[] {
  const names = new Set<string>();
  for (const control of document.querySelectorAll<HTMLElement>('input:not([type="hidden"]), select, textarea')) {
    const group = control.parentElement?.closest<HTMLElement>('[role="group"]:not(fieldset), [role="radiogroup"]');
    names.add(group ? computeAccessibleName(group).trim() : labelOf(control));
  }
  return [...names];
}

it('names every setting on the screen, and only those', async () => {
  const bg = fakeBackground({
    'settings.get': () => ({
      ok: true,
      data: { ...DEFAULT_SETTINGS, llm: { ...DEFAULT_SETTINGS.llm, provider: 'openai' } },
    }),
    'auth.status': () => ({ ok: true, data: noToken }),
    'llm.status': () => ({ ok: true, data: llm }),
    'orgs.list': () => ({ ok: true, data: [] }),
  });
  restore = bg.restore;
  renderPage(
    <SettingsContext.Provider value={createSettingsStore()}>
      <SettingsView />
    </SettingsContext.Provider>,
  );
  await screen.findByText('Summarise the rows in view automatically');
  await screen.findByLabelText('API key'); // the OpenAI-compatible provider shows its key field
  const onScreen = screenSettings().sort();
  const inReadme = readmeSettings(readFileSync('README.md', 'utf8')).sort();
  expect(onScreen.length).toBeGreaterThan(15);
  expect(inReadme).toEqual(onScreen);
});
