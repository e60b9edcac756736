// One exception's stack: newest frame first, library runs collapsed, prev/next in-app navigation, context lines.
// Virtualised: a 10,000-frame stack keeps only the rows in view (and the current frame) in the DOM.
import { Badge, Button, Code, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Frame } from '@/lib/sentry/schemas';
import { frameRows, groupFrames, nextInApp, type ExceptionView, type FrameRow } from './event';
import { LongText, clip } from './LongText';
import { Masked, type MaskSettings } from './Masked';
import { useListVirtualizer } from './virtualList';

const LABEL_LIMIT = 300;
const ROW_ESTIMATE = 24;

function frameLabel(f: Frame): string {
  const where = f.filename || f.module || f.absPath || '?';
  return `${clip(f.function || '<anonymous>', LABEL_LIMIT)} — ${clip(where, LABEL_LIMIT)}${f.lineNo ? `:${f.lineNo}` : ''}${f.colNo ? `:${f.colNo}` : ''}`;
}

function ContextLines({ frame }: { frame: Frame }) {
  if (!frame.context?.length)
    return (
      <Text size="xs" c="dimmed">
        No source context was sent for this frame.
      </Text>
    );
  return (
    <Code block aria-label="Source around the error line">
      {frame.context.map(([n, line]) => (
        <div
          key={n}
          data-error-line={n === frame.lineNo || undefined}
          style={n === frame.lineNo ? { background: 'var(--mantine-color-red-light)', fontWeight: 700 } : undefined}
        >
          {String(n).padStart(5, ' ')} <LongText text={line ?? ''} />
        </div>
      ))}
    </Code>
  );
}

function FrameLine({
  row,
  frame,
  current,
  onPick,
  onOpen,
}: {
  row: FrameRow;
  frame: Frame | undefined;
  current: boolean;
  onPick(i: number): void;
  onOpen(start: number): void;
}) {
  if (row.kind === 'library') {
    return (
      <UnstyledButton
        onClick={() => onOpen(row.start)}
        aria-expanded={false}
        style={{ fontSize: 12, color: 'var(--mantine-color-dimmed)' }}
      >
        ▸ {row.count.toLocaleString('en')} library frame{row.count === 1 ? '' : 's'}
      </UnstyledButton>
    );
  }
  return (
    <>
      <UnstyledButton
        onClick={() => onPick(row.index)}
        style={{ fontSize: 12, fontFamily: 'monospace', fontWeight: current ? 700 : 400, wordBreak: 'break-all' }}
      >
        {row.inApp && (
          <Badge size="xs" mr={4}>
            in app
          </Badge>
        )}
        {frame ? frameLabel(frame) : '?'}
      </UnstyledButton>
      {current && frame && <ContextLines frame={frame} />}
    </>
  );
}

export function StackTrace({ exception, mask }: { exception: ExceptionView; mask: MaskSettings }) {
  const frames = exception.frames;
  const [current, setCurrent] = useState<number>(() => nextInApp(frames, -1, 1) ?? 0);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const groups = useMemo(() => groupFrames(frames), [frames]);
  const rows = useMemo(() => frameRows(groups, open, current), [groups, open, current]);
  const currentRow = useMemo(() => rows.findIndex((r) => r.kind === 'frame' && r.index === current), [rows, current]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = useListVirtualizer(rows.length, ROW_ESTIMATE, currentRow >= 0 ? currentRow : null, scrollRef);
  const prev = nextInApp(frames, current, -1);
  const next = nextInApp(frames, current, 1);

  // Brings the current frame into view when it changes (Previous/Next), not on every render.
  const rowRef = useRef(currentRow);
  rowRef.current = currentRow;
  useEffect(() => {
    if (rowRef.current > 0) virtual.scrollToIndex(rowRef.current, { align: 'auto' });
  }, [current, virtual]);

  return (
    <Stack gap={4}>
      <Text fw={600} size="sm" style={{ wordBreak: 'break-all' }}>
        {clip(exception.type, LABEL_LIMIT)}:{' '}
        <Text span fw={400}>
          <Masked text={exception.value} mask={mask} />
        </Text>
      </Text>
      <Group gap="xs">
        <Button
          size="compact-xs"
          variant="default"
          disabled={prev === null}
          onClick={() => prev !== null && setCurrent(prev)}
        >
          Previous in-app frame
        </Button>
        <Button
          size="compact-xs"
          variant="default"
          disabled={next === null}
          onClick={() => next !== null && setCurrent(next)}
        >
          Next in-app frame
        </Button>
        {frames.length > 0 && (
          <Text size="xs" c="dimmed">
            {frames.length.toLocaleString('en')} frame{frames.length === 1 ? '' : 's'}
          </Text>
        )}
      </Group>
      {frames.length > 0 ? (
        <div
          ref={scrollRef}
          role="list"
          aria-label={`Frames of ${clip(exception.type, 80)}, newest first`}
          tabIndex={0}
          style={{ maxHeight: 480, overflowY: 'auto', position: 'relative' }}
        >
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((v) => {
              const row = rows[v.index]!;
              const isCurrent = row.kind === 'frame' && row.index === current;
              return (
                <div
                  key={v.key}
                  data-index={v.index}
                  ref={virtual.measureElement}
                  role="listitem"
                  aria-current={isCurrent ? 'true' : undefined}
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    transform: `translateY(${v.start}px)`,
                    paddingBottom: 2,
                  }}
                >
                  <FrameLine
                    row={row}
                    frame={row.kind === 'frame' ? frames[row.index] : undefined}
                    current={isCurrent}
                    onPick={setCurrent}
                    onOpen={(s) => setOpen(new Set(open).add(s))}
                  />
                </div>
              );
            })}
          </div>
        </div>
      ) : (
        <Text size="xs" c="dimmed">
          No stack trace.
        </Text>
      )}
    </Stack>
  );
}
