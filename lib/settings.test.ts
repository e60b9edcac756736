import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, FEATURE_IDS, parseSettings } from './settings';

describe('settings', () => {
  it('fills defaults', () => {
    expect(DEFAULT_SETTINGS.llm.tokenBudget).toBe(4000);
    expect(DEFAULT_SETTINGS.privacy.scrubBeforeLlm).toBe(true);
    for (const id of FEATURE_IDS) expect(DEFAULT_SETTINGS.features[id]).toBe(true);
  });
  it('keeps valid values and repairs broken ones field by field', () => {
    const s = parseSettings({ llm: { model: 'llama3.2', tokenBudget: 'lots' }, features: { 'list-sparkline': false, 'privacy-mode': 3 } });
    expect(s.llm.model).toBe('llama3.2');
    expect(s.llm.tokenBudget).toBe(4000);
    expect(s.features['list-sparkline']).toBe(false);
    expect(s.features['privacy-mode']).toBe(true);
  });
  it('survives garbage', () => {
    expect(parseSettings('nope')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
  });
});
