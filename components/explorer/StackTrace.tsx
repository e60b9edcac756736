// One exception's stack: newest frame first, library runs collapsed, prev/next in-app navigation, context lines.
import { Badge, Button, Code, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import type { Frame } from '@/lib/sentry/schemas';
import { groupFrames, nextInApp, type ExceptionView } from './event';

function frameLabel(f: Frame): string {
  const where = f.filename || f.module || f.absPath || '?';
  return `${f.function || '<anonymous>'} — ${where}${f.lineNo ? `:${f.lineNo}` : ''}${f.colNo ? `:${f.colNo}` : ''}`;
}

function ContextLines({ frame }: { frame: Frame }) {
  if (!frame.context?.length) return <Text size="xs" c="dimmed">No source context was sent for this frame.</Text>;
  return (
    <Code block aria-label="Source around the error line">
      {frame.context.map(([n, line]) => (
        <div key={n} data-error-line={n === frame.lineNo || undefined} style={n === frame.lineNo ? { background: 'var(--mantine-color-red-light)', fontWeight: 700 } : undefined}>
          {String(n).padStart(5, ' ')}  {line ?? ''}
        </div>
      ))}
    </Code>
  );
}

export function StackTrace({ exception }: { exception: ExceptionView }) {
  const frames = exception.frames;
  const firstInApp = nextInApp(frames, -1, 1);
  const [current, setCurrent] = useState<number>(firstInApp ?? 0);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const prev = nextInApp(frames, current, -1);
  const next = nextInApp(frames, current, 1);

  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">{exception.type}: <Text span fw={400}>{exception.value}</Text></Text>
      <Group gap="xs">
        <Button size="compact-xs" variant="default" disabled={prev === null} onClick={() => prev !== null && setCurrent(prev)}>Previous in-app frame</Button>
        <Button size="compact-xs" variant="default" disabled={next === null} onClick={() => next !== null && setCurrent(next)}>Next in-app frame</Button>
      </Group>
      {groupFrames(frames).map((g) => {
        const collapsed = !g.inApp && !open.has(g.start) && !(current >= g.start && current < g.start + g.frames.length);
        if (collapsed) {
          return (
            <UnstyledButton key={g.start} onClick={() => setOpen(new Set(open).add(g.start))} aria-expanded={false} style={{ fontSize: 12, color: 'var(--mantine-color-dimmed)' }}>
              ▸ {g.frames.length} library frame{g.frames.length === 1 ? '' : 's'}
            </UnstyledButton>
          );
        }
        return g.frames.map((f, j) => {
          const i = g.start + j;
          return (
            <div key={i} aria-current={i === current ? 'true' : undefined}>
              <UnstyledButton onClick={() => setCurrent(i)} style={{ fontSize: 12, fontFamily: 'monospace', fontWeight: i === current ? 700 : 400 }}>
                {g.inApp && <Badge size="xs" mr={4}>in app</Badge>}
                {frameLabel(f)}
              </UnstyledButton>
              {i === current && <ContextLines frame={f} />}
            </div>
          );
        });
      })}
      {!frames.length && <Text size="xs" c="dimmed">No stack trace.</Text>}
    </Stack>
  );
}
