// Breadcrumbs as a timeline coloured by level; each crumb's data expands on click. Text may hold PII: masked.
// Virtualised: 10,000 crumbs keep only the rows in view in the DOM, and a crumb's data is serialised only when opened.
import { Code, Text, UnstyledButton } from '@mantine/core';
import { useMemo, useRef, useState } from 'react';
import type { BreadcrumbView } from './event';
import { clip } from './LongText';
import { Masked, type MaskSettings } from './Masked';
import { useListVirtualizer } from './virtualList';

const COLOR: Record<string, string> = { fatal: 'red', error: 'red', warning: 'yellow', info: 'blue', debug: 'gray' };
const ROW_ESTIMATE = 58;

function CrumbData({ data, mask }: { data: Record<string, unknown>; mask: MaskSettings }) {
  const json = useMemo(() => {
    try {
      return JSON.stringify(data, null, 2);
    } catch (error) {
      return `(this data could not be shown: ${String(error)})`;
    }
  }, [data]);
  return (
    <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
      <Masked text={json} mask={mask} />
    </Code>
  );
}

function Crumb({
  b,
  mask,
  open,
  onToggle,
}: {
  b: BreadcrumbView;
  mask: MaskSettings;
  open: boolean;
  onToggle(): void;
}) {
  const color = COLOR[b.level] ?? 'gray';
  return (
    <div
      style={{
        position: 'relative',
        paddingLeft: 18,
        paddingBottom: 8,
        borderLeft: '2px solid var(--mantine-color-default-border)',
        marginLeft: 5,
        wordBreak: 'break-all',
      }}
    >
      <span
        aria-hidden="true"
        style={{
          position: 'absolute',
          left: -7,
          top: 2,
          width: 12,
          height: 12,
          borderRadius: 6,
          background: `var(--mantine-color-${color}-filled)`,
        }}
      />
      <Text size="xs" fw={600}>
        {clip(b.category, 200)} · {clip(b.level, 40)}
      </Text>
      <Text size="xs">
        <Masked text={b.message || '(no message)'} mask={mask} />
      </Text>
      <Text size="xs" c="dimmed">
        {clip(b.timestamp, 60)}
      </Text>
      {b.data && (
        <>
          <UnstyledButton onClick={onToggle} aria-expanded={open} style={{ fontSize: 11 }}>
            {open ? '▾ hide data' : '▸ data'}
          </UnstyledButton>
          {open && <CrumbData data={b.data} mask={mask} />}
        </>
      )}
    </div>
  );
}

export function Breadcrumbs({ items, mask }: { items: readonly BreadcrumbView[]; mask: MaskSettings }) {
  // Open crumbs are kept here, not in the rows: a row scrolled out of view and back keeps its state.
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = useListVirtualizer(items.length, ROW_ESTIMATE, null, scrollRef);
  if (!items.length)
    return (
      <Text size="xs" c="dimmed">
        No breadcrumbs.
      </Text>
    );
  const toggle = (i: number) => {
    const next = new Set(open);
    if (!next.delete(i)) next.add(i);
    setOpen(next);
  };
  return (
    <>
      <Text size="xs" c="dimmed">
        {items.length.toLocaleString('en')} breadcrumb{items.length === 1 ? '' : 's'}, oldest first
      </Text>
      <div
        ref={scrollRef}
        role="list"
        aria-label="Breadcrumbs, oldest first"
        tabIndex={0}
        style={{ maxHeight: 480, overflowY: 'auto', position: 'relative' }}
      >
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((v) => (
            <div
              key={v.key}
              data-index={v.index}
              ref={virtual.measureElement}
              role="listitem"
              aria-posinset={v.index + 1}
              aria-setsize={items.length}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${v.start}px)` }}
            >
              <Crumb b={items[v.index]!} mask={mask} open={open.has(v.index)} onToggle={() => toggle(v.index)} />
            </div>
          ))}
        </div>
      </div>
    </>
  );
}
