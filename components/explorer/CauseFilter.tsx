// Filters the loaded issues by the suspected cause of their one-line summary, or to those not summarised yet.
import { NativeSelect } from '@mantine/core';
import { memo } from 'react';
import { CAUSES, CAUSE_LABELS } from '@/lib/summary/causes';

const OPTIONS = [
  { value: '', label: 'Any' },
  ...CAUSES.map((c) => ({ value: c, label: CAUSE_LABELS[c] })),
  { value: 'none', label: 'Not summarised' },
];

export const CauseFilter = memo(function CauseFilter({
  value,
  onChange,
}: {
  value: string;
  onChange(cause: string): void;
}) {
  return (
    <NativeSelect
      size="xs"
      label="Suspected cause"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      data={OPTIONS}
    />
  );
});
