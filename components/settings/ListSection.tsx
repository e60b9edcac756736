// The overlay's features (from their own declarations), the triage window and rank limit, impact thresholds and the
// user-base override.
import { Fieldset, NumberInput, SegmentedControl, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { FEATURE_CATALOG } from '@/entrypoints/sentry.content/features/catalog';
import { featureOn } from '@/entrypoints/sentry.content/registry';
import { RANK_LIMIT, TRIAGE_PERIODS } from '@/lib/triage/period';
import { useSettings, useSettingsStore } from './context';

/** "2.5" (percent) → 0.025; null when not a number in 0..100. */
export function percentToShare(text: string): number | null {
  const n = Number(text.replace('%', '').trim());
  return text.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= 100 ? n / 100 : null;
}

export function ListSection() {
  const store = useSettingsStore();
  const settings = useSettings((s) => s.settings);
  if (!settings) return null;
  const { list } = settings;
  const setThreshold = (key: 'critical' | 'high' | 'medium', text: string) => {
    const share = percentToShare(text);
    if (share !== null && share !== list.impactThresholds[key])
      void store.getState().patch('list', { impactThresholds: { ...list.impactThresholds, [key]: share } });
  };
  return (
    <Fieldset legend="On Sentry’s pages">
      <Stack gap="xs">
        <Stack gap="xs" role="group" aria-label="Features on Sentry’s pages">
          {FEATURE_CATALOG.map((f) => (
            <Switch
              key={f.id}
              label={f.label}
              description={f.description}
              checked={featureOn(settings, f)}
              onChange={(e) => void store.getState().patch('features', { [f.id]: e.currentTarget.checked })}
            />
          ))}
        </Stack>
        <div>
          <Text size="sm" id="sparkline-label">
            Sparkline period on the issue list
          </Text>
          <SegmentedControl
            aria-labelledby="sparkline-label"
            size="xs"
            value={list.sparkline}
            onChange={(v) => void store.getState().patch('list', { sparkline: v })}
            data={[
              { value: 'page', label: 'As Sentry’s graph' },
              { value: '24h', label: '24 hours' },
              { value: '14d', label: '14 days' },
            ]}
          />
        </div>
        <div>
          <Text size="sm" id="period-label">
            Triage window (popup, Explorer)
          </Text>
          <SegmentedControl
            aria-labelledby="period-label"
            size="xs"
            value={list.statsPeriod}
            onChange={(v) => void store.getState().patch('list', { statsPeriod: v })}
            data={[...TRIAGE_PERIODS]}
          />
        </div>
        <NumberInput
          label="Rank up to this many issues by priority (popup)"
          size="xs"
          min={RANK_LIMIT.min}
          max={RANK_LIMIT.max}
          step={100}
          allowDecimal={false}
          defaultValue={list.rankLimit}
          onBlur={(e) => {
            const n = Number(e.currentTarget.value.replace(/[^\d]/g, ''));
            if (Number.isInteger(n) && n >= RANK_LIMIT.min && n <= RANK_LIMIT.max && n !== list.rankLimit)
              void store.getState().patch('list', { rankLimit: n });
          }}
        />
        <Text size="sm">Impact thresholds: share of the project’s users at or above which an issue is…</Text>
        <SimpleGrid cols={3} spacing="xs" role="group" aria-label="Impact thresholds">
          {(['critical', 'high', 'medium'] as const).map((k) => (
            <NumberInput
              key={k}
              label={`${k[0]!.toUpperCase()}${k.slice(1)} (%)`}
              size="xs"
              min={0}
              max={100}
              decimalScale={3}
              defaultValue={list.impactThresholds[k] * 100}
              onBlur={(e) => setThreshold(k, e.currentTarget.value)}
            />
          ))}
        </SimpleGrid>
        <NumberInput
          label="Project users (when Sentry cannot tell; 0 = ask Sentry)"
          size="xs"
          min={0}
          allowDecimal={false}
          defaultValue={list.userBaseOverride}
          onBlur={(e) => {
            const n = Number(e.currentTarget.value.replace(/[^\d]/g, '') || '0');
            if (Number.isInteger(n) && n !== list.userBaseOverride)
              void store.getState().patch('list', { userBaseOverride: n });
          }}
        />
      </Stack>
    </Fieldset>
  );
}
