// The popup's Settings tab: loads once, then every control saves on change with its check shown beside it.
import { Loader, Stack } from '@mantine/core';
import { useEffect } from 'react';
import { ErrorNote } from '../ui/ErrorNote';
import { useSettings, useSettingsStore } from './context';
import { InsightsSection } from './InsightsSection';
import { ListSection } from './ListSection';
import { LlmSection } from './LlmSection';
import { PrivacySection } from './PrivacySection';
import { SentrySection } from './SentrySection';

export function SettingsView({ autoLoad = true }: { autoLoad?: boolean }) {
  const store = useSettingsStore();
  const loaded = useSettings((s) => s.settings !== null);
  const error = useSettings((s) => s.errors.settings);
  useEffect(() => {
    if (autoLoad && !store.getState().settings) void store.getState().init();
  }, [autoLoad, store]);
  return (
    <Stack gap="sm">
      <ErrorNote error={error} title="Settings" />
      {!loaded && !error && <Loader size="sm" aria-label="Loading settings" />}
      {loaded && (
        <>
          <SentrySection />
          <LlmSection />
          <PrivacySection />
          <ListSection />
          <InsightsSection />
        </>
      )}
    </Stack>
  );
}
