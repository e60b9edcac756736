import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings } from './settings';

describe('settings', () => {
  it('fills defaults', () => {
    expect(DEFAULT_SETTINGS.llm.promptBudget).toBe('auto');
    expect(DEFAULT_SETTINGS.privacy.scrubBeforeLlm).toBe(true);
    expect(DEFAULT_SETTINGS.features).toEqual({}); // every feature has its declared default
  });
  it('keeps valid values and repairs broken ones field by field', () => {
    const s = parseSettings({
      llm: { model: 'llama3.2', promptBudget: 'lots' },
      features: { 'list-sparkline': false, 'privacy-mode': 3 },
    });
    expect(s.llm.model).toBe('llama3.2');
    expect(s.llm.promptBudget).toBe('auto');
    expect(s.features['list-sparkline']).toBe(false);
    expect(s.features['privacy-mode']).toBeUndefined(); // not a boolean: dropped, so the feature's default holds
    expect(parseSettings({ features: 'all' }).features).toEqual({});
  });
  it('turns the old token budget into the new prompt budget: the old default follows the model, a changed one stays', () => {
    expect(parseSettings({ llm: { model: 'm', tokenBudget: 4000 } }).llm).toEqual({
      ...DEFAULT_SETTINGS.llm,
      model: 'm',
      promptBudget: 'auto',
    });
    expect(parseSettings({ llm: { tokenBudget: 12_000 } }).llm.promptBudget).toBe(12_000);
    expect(parseSettings({ llm: { tokenBudget: 12_000, promptBudget: 'auto' } }).llm.promptBudget).toBe('auto');
    expect('tokenBudget' in parseSettings({ llm: { tokenBudget: 12_000 } }).llm).toBe(false);
    expect(parseSettings({ llm: { promptBudget: 100 } }).llm.promptBudget).toBe('auto'); // below 500: not a budget
  });
  it('survives garbage', () => {
    expect(parseSettings('nope')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
  });
});
