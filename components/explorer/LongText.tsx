// Event text can be megabytes (an attacker or a runaway log line): each field shows its first TEXT_LIMIT characters
// and says how many were cut, with a toggle to show all. Always rendered as text, never as HTML.
import { UnstyledButton } from '@mantine/core';
import { useState } from 'react';

export const TEXT_LIMIT = 2000;

const fmt = new Intl.NumberFormat('en');

/** "… 98,000 more characters" style notice for a plain one-line label (frame names, file paths). */
export function clip(text: string, limit: number): string {
  return text.length <= limit
    ? text
    : `${text.slice(0, limit)}… [${fmt.format(text.length - limit)} more characters cut]`;
}

/** Shown state of one long field: collapsed fields show `limit` characters. */
export function useExpanded(): [boolean, () => void] {
  const [expanded, setExpanded] = useState(false);
  return [expanded, () => setExpanded((e) => !e)];
}

export function CutNotice({
  total,
  shown,
  expanded,
  onToggle,
}: {
  total: number;
  shown: number;
  expanded: boolean;
  onToggle(): void;
}) {
  return (
    <UnstyledButton
      component="span"
      role="button"
      tabIndex={0}
      aria-expanded={expanded}
      onClick={onToggle}
      onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onToggle())}
      style={{ fontSize: 11, color: 'var(--mantine-color-anchor)', marginLeft: 4, whiteSpace: 'nowrap' }}
    >
      {expanded
        ? `show only the first ${fmt.format(shown)} characters`
        : `… ${fmt.format(total - shown)} more characters cut — show all ${fmt.format(total)}`}
    </UnstyledButton>
  );
}

/** Plain (unmasked) long text, e.g. a source line. */
export function LongText({ text, limit = TEXT_LIMIT }: { text: string; limit?: number }) {
  const [expanded, toggle] = useExpanded();
  if (text.length <= limit) return <>{text}</>;
  return (
    <>
      {expanded ? text : text.slice(0, limit)}
      <CutNotice total={text.length} shown={limit} expanded={expanded} onToggle={toggle} />
    </>
  );
}
