// What Dexter hides: scrubbing before the model, masking per category in its own views, and privacy mode.
import { Checkbox, Fieldset, SimpleGrid, Stack, Switch } from '@mantine/core';
import { PII_CATEGORIES } from '@/lib/settings';
import { useSettings, useSettingsStore } from './context';

const LABELS: Record<string, string> = {
  email: 'Emails',
  ip: 'IP addresses',
  creditcard: 'Card numbers',
  iban: 'IBANs',
  mac: 'MAC addresses',
  uuid: 'UUIDs',
  imei: 'IMEIs',
  pemkey: 'Private keys',
  urlauth: 'Passwords in URLs',
  usssn: 'US SSNs',
  userpath: 'User home paths',
  bearer: 'Bearer tokens',
  password: 'Passwords',
};

export function PrivacySection() {
  const store = useSettingsStore();
  const privacy = useSettings((s) => s.settings?.privacy);
  if (!privacy) return null;
  const patch = (values: Record<string, unknown>) => void store.getState().patch('privacy', values);
  return (
    <Fieldset legend="Privacy">
      <Stack gap="xs">
        <Switch
          label="Scrub personal data before sending to the AI model"
          checked={privacy.scrubBeforeLlm}
          onChange={(e) => patch({ scrubBeforeLlm: e.currentTarget.checked })}
        />
        <Switch
          label="Privacy mode on Sentry’s pages (blur personal data)"
          checked={privacy.privacyMode}
          onChange={(e) => patch({ privacyMode: e.currentTarget.checked })}
        />
        <Checkbox.Group
          label="Mask in Dexter’s views until clicked"
          value={PII_CATEGORIES.filter((c) => privacy.maskInUi[c] !== false)}
          onChange={(on) => patch({ maskInUi: Object.fromEntries(PII_CATEGORIES.map((c) => [c, on.includes(c)])) })}
        >
          <SimpleGrid cols={2} spacing={4} mt={4}>
            {PII_CATEGORIES.map((c) => (
              <Checkbox key={c} value={c} label={LABELS[c] ?? c} size="xs" />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
      </Stack>
    </Fieldset>
  );
}
