import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings } from './settings';

describe('settings', () => {
  it('fills defaults', () => {
    expect(DEFAULT_SETTINGS.llm.tokenBudget).toBe(4000);
    expect(DEFAULT_SETTINGS.privacy.scrubBeforeLlm).toBe(true);
    expect(DEFAULT_SETTINGS.features).toEqual({}); // every feature has its declared default
  });
  it('keeps valid values and repairs broken ones field by field', () => {
    const s = parseSettings({ llm: { model: 'llama3.2', tokenBudget: 'lots' }, features: { 'list-sparkline': false, 'privacy-mode': 3 } });
    expect(s.llm.model).toBe('llama3.2');
    expect(s.llm.tokenBudget).toBe(4000);
    expect(s.features['list-sparkline']).toBe(false);
    expect(s.features['privacy-mode']).toBeUndefined(); // not a boolean: dropped, so the feature's default holds
    expect(parseSettings({ features: 'all' }).features).toEqual({});
  });
  it('survives garbage', () => {
    expect(parseSettings('nope')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
  });
});
