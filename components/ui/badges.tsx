// Small read-outs used in both lists: priority, user impact and level. Every value missing reads "—" with why.
import { Badge, Tooltip } from '@mantine/core';
import type { PriorityScore } from '@/lib/scoring/priority';
import type { UserImpact } from '@/lib/scoring/impact';
import { MISSING, formatCount, formatPercent } from '@/lib/scoring/format';

const LEVEL_COLOR: Record<string, string> = { critical: 'red', high: 'orange', medium: 'yellow', low: 'gray', fatal: 'red', error: 'red', warning: 'yellow', info: 'blue', debug: 'gray' };

export function PriorityBadge({ priority }: { priority: PriorityScore }) {
  const why = priority.factors.filter((f) => f.known).map((f) => `${f.name} +${f.contribution.toFixed(1)}`).join(', ');
  const unknown = priority.unknown.length ? ` · unknown: ${priority.unknown.join(', ')}` : '';
  return (
    <Tooltip label={`${why}${unknown}`} multiline w={260} withinPortal>
      <Badge color={LEVEL_COLOR[priority.level]} variant="light" aria-label={`Priority ${priority.score} (${priority.level})`}>
        {priority.score}
      </Badge>
    </Tooltip>
  );
}

export function ImpactBadge({ impact }: { impact: UserImpact }) {
  const users = formatCount(impact.users);
  if (!impact.level) {
    return (
      <Tooltip label={impact.reason ?? 'Unknown'} multiline w={260} withinPortal>
        <Badge color="gray" variant="outline" aria-label={`${users} users, impact unknown`}>{users} · {MISSING}</Badge>
      </Tooltip>
    );
  }
  return (
    <Badge color={LEVEL_COLOR[impact.level]} variant="light" aria-label={`${users} users, ${formatPercent(impact.share)} of users, ${impact.level} impact`}>
      {users} · {formatPercent(impact.share)}
    </Badge>
  );
}

export function LevelBadge({ level }: { level: string | null | undefined }) {
  const l = (level ?? '').toLowerCase();
  return <Badge color={LEVEL_COLOR[l] ?? 'gray'} variant="dot" size="sm">{l || MISSING}</Badge>;
}
