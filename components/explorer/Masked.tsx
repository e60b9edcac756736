// Text that may hold personal data: found values are masked per the privacy settings; a click reveals one.
import { UnstyledButton } from '@mantine/core';
import { useMemo, useState } from 'react';
import { findPii, splitAtFindings, type PiiRule } from '@/lib/pii';

export type MaskSettings = Record<string, boolean>;

export function Masked({ text, mask }: { text: string; mask: MaskSettings }) {
  const [revealed, setRevealed] = useState<ReadonlySet<number>>(new Set());
  const segments = useMemo(() => {
    const rules = Object.fromEntries(Object.entries(mask).map(([k, on]) => [k, on !== false])) as Partial<Record<PiiRule, boolean>>;
    try {
      return splitAtFindings(text, findPii(text, { rules }));
    } catch {
      return [{ text }];
    }
  }, [text, mask]);
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
            onClick={() => setRevealed(new Set(revealed).add(i))}
            onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && setRevealed(new Set(revealed).add(i))}
            style={{ background: 'var(--mantine-color-gray-3)', borderRadius: 3, padding: '0 3px', fontSize: 'inherit' }}
          >
            [{s.finding.rule}]
          </UnstyledButton>
        ),
      )}
    </>
  );
}
