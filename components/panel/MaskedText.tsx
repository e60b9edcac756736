// Text with its personal data masked per the privacy settings; clicking a masked span reveals it.
import { useMemo, useState } from 'react';
import { findPii, splitAtFindings, type PiiRule } from '@/lib/pii';
import type { Settings } from '@/lib/settings';

/** Which PII rules to mask in Dexter's own views: every rule whose category the user left on. */
export function maskRules(privacy: Settings['privacy']): Partial<Record<PiiRule, boolean>> {
  return privacy.maskInUi as Partial<Record<PiiRule, boolean>>;
}

export function MaskedText({ text, rules }: { text: string; rules: Partial<Record<PiiRule, boolean>> }) {
  const segments = useMemo(() => splitAtFindings(text, findPii(text, { rules })), [text, rules]);
  const [revealed, setRevealed] = useState<ReadonlySet<number>>(new Set());
  return (
    <>
      {segments.map((s, i) => {
        if (!s.finding) return <span key={i}>{s.text}</span>;
        if (revealed.has(i))
          return (
            <span key={i} data-revealed={s.finding.rule}>
              {s.text}
            </span>
          );
        return (
          <button
            key={i}
            type="button"
            data-masked={s.finding.rule}
            title={`Hidden ${s.finding.rule} — click to show`}
            onClick={() => setRevealed(new Set(revealed).add(i))}
            style={{
              font: 'inherit',
              border: 0,
              padding: '0 2px',
              borderRadius: 3,
              cursor: 'pointer',
              background: 'var(--mantine-color-gray-3, #dee2e6)',
              color: 'inherit',
            }}
          >
            {`[${s.finding.rule}]`}
          </button>
        );
      })}
    </>
  );
}
