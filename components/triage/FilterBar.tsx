// Status, sort and keyword search for an issue list. The search is debounced so typing sends one request.
import { Group, NativeSelect, SegmentedControl, TextInput } from '@mantine/core';
import { memo, useEffect, useRef, useState, type Ref } from 'react';
import { SORT_LABELS, STATUS_FILTERS, type SortKey, type StatusFilter } from './rows';
import { useTriage, useTriageStore } from './context';

export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

// Memoised: the Explorer re-renders its page as the local filter narrows; this part does not depend on it.
export const FilterBar = memo(function FilterBar({
  searchRef,
  debounceMs = 350,
}: {
  searchRef?: Ref<HTMLInputElement>;
  debounceMs?: number;
}) {
  const status = useTriage((s) => s.status);
  const sort = useTriage((s) => s.sort);
  const setStatus = useTriage((s) => s.setStatus);
  const setSort = useTriage((s) => s.setSort);
  const setKeyword = useTriage((s) => s.setKeyword);
  const store = useTriageStore();
  const [text, setText] = useState(() => store.getState().keyword);
  const debounced = useDebounced(text, debounceMs);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void setKeyword(debounced);
  }, [debounced, setKeyword]);

  return (
    <Group gap="xs" wrap="wrap" align="end">
      <SegmentedControl
        size="xs"
        aria-label="Status"
        value={status}
        onChange={(v) => void setStatus(v as StatusFilter)}
        data={STATUS_FILTERS.map((s) => ({ value: s, label: s[0]!.toUpperCase() + s.slice(1) }))}
      />
      <NativeSelect
        size="xs"
        label="Sort by"
        value={sort}
        onChange={(e) => void setSort(e.currentTarget.value as SortKey)}
        data={Object.entries(SORT_LABELS).map(([value, label]) => ({ value, label }))}
      />
      <TextInput
        size="xs"
        ref={searchRef}
        label="Search"
        placeholder="Keywords or Sentry search (press /)"
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        style={{ flex: 1, minWidth: 140 }}
      />
    </Group>
  );
});
