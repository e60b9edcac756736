// Text that may hold personal data: found values are masked per the privacy settings; a click reveals one.
// Long text shows its first TEXT_LIMIT characters with a notice of how much was cut and a toggle to show all.
import { UnstyledButton } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { PiiRule } from '@/lib/pii';
import { shownSegments } from './cut';
import { CutNotice, TEXT_LIMIT, useExpanded } from './LongText';

export type MaskSettings = Record<string, boolean>;

export function Masked({ text, mask, limit = TEXT_LIMIT }: { text: string; mask: MaskSettings; limit?: number }) {
  const [revealed, setRevealed] = useState<ReadonlySet<number>>(new Set());
  const [expanded, toggle] = useExpanded();
  const rules = useMemo(
    () =>
      Object.fromEntries(Object.entries(mask).map(([k, on]) => [k, on !== false])) as Partial<Record<PiiRule, boolean>>,
    [mask],
  );
  const { segments, shown, total } = useMemo(
    () => shownSegments(text, rules, expanded ? null : limit),
    [text, rules, expanded, limit],
  );
  const reveal = (i: number) => setRevealed(new Set(revealed).add(i));
  return (
    <>
      {segments.map((s, i) =>
        !s.finding || revealed.has(i) ? (
          <span key={i}>{s.text}</span>
        ) : (
          <UnstyledButton
            key={i}
            component="span"
            role="button"
            tabIndex={0}
            aria-label={`Reveal hidden ${s.finding.rule}`}
            title="Hidden by Dexter’s privacy settings — click to reveal"
            onClick={() => reveal(i)}
            onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && reveal(i)}
            style={{
              background: 'var(--mantine-color-gray-3)',
              borderRadius: 3,
              padding: '0 3px',
              fontSize: 'inherit',
            }}
          >
            [{s.finding.rule}]
          </UnstyledButton>
        ),
      )}
      {(expanded || shown < total) && (
        <CutNotice total={total} shown={expanded ? limit : shown} expanded={expanded} onToggle={toggle} />
      )}
    </>
  );
}
