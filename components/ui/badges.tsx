// Small read-outs used in the popup and the Explorer: priority, user impact and level. Every value missing reads
// "—" with why. The explaining tooltip is mounted on first hover or focus: a Mantine Tooltip sets up floating-UI
// hooks per badge, and a sort or a page brings ~20 new rows into view at once.
import { Badge, Tooltip } from '@mantine/core';
import { useState, type ReactElement } from 'react';
import type { PriorityScore } from '@/lib/scoring/priority';
import type { UserImpact } from '@/lib/scoring/impact';
import { MISSING, formatCount, formatPercent } from '@/lib/scoring/format';

const LEVEL_COLOR: Record<string, string> = {
  critical: 'red',
  high: 'orange',
  medium: 'yellow',
  low: 'gray',
  fatal: 'red',
  error: 'red',
  warning: 'yellow',
  info: 'blue',
  debug: 'gray',
};

/** Wraps `children` in a Tooltip once the pointer or focus first reaches it; until then a span costs nothing. */
function LazyTooltip({ label, children }: { label: string; children: ReactElement }) {
  const [wanted, setWanted] = useState(false);
  return (
    <span onPointerEnter={() => setWanted(true)} onFocus={() => setWanted(true)}>
      {wanted ? (
        <Tooltip label={label} multiline w={260} withinPortal defaultOpened>
          {children}
        </Tooltip>
      ) : (
        children
      )}
    </span>
  );
}

export function priorityWhy(priority: PriorityScore): string {
  const why = priority.factors
    .filter((f) => f.known)
    .map((f) => `${f.name} +${f.contribution.toFixed(1)}`)
    .join(', ');
  return `${why}${priority.unknown.length ? ` · unknown: ${priority.unknown.join(', ')}` : ''}`;
}

export function PriorityBadge({ priority }: { priority: PriorityScore }) {
  return (
    <LazyTooltip label={priorityWhy(priority)}>
      <Badge
        color={LEVEL_COLOR[priority.level]}
        variant="light"
        aria-label={`Priority ${priority.score} (${priority.level})`}
      >
        {priority.score}
      </Badge>
    </LazyTooltip>
  );
}

export function ImpactBadge({ impact }: { impact: UserImpact }) {
  const users = formatCount(impact.users);
  if (!impact.level) {
    return (
      <LazyTooltip label={impact.reason ?? 'Unknown'}>
        <Badge color="gray" variant="outline" aria-label={`${users} users, impact unknown`}>
          {users} · {MISSING}
        </Badge>
      </LazyTooltip>
    );
  }
  return (
    <Badge
      color={LEVEL_COLOR[impact.level]}
      variant="light"
      aria-label={`${users} users, ${formatPercent(impact.share)} of users, ${impact.level} impact`}
    >
      {users} · {formatPercent(impact.share)}
    </Badge>
  );
}

export function LevelBadge({ level }: { level: string | null | undefined }) {
  const l = (level ?? '').toLowerCase();
  return (
    <Badge color={LEVEL_COLOR[l] ?? 'gray'} variant="dot" size="sm">
      {l || MISSING}
    </Badge>
  );
}
