// Issue #18's two sections together, as the Explorer's detail panel and the issue page's panel show them.
import { Stack, Title } from '@mantine/core';
import type { Target } from '@/lib/messages';
import { TrendSection } from './TrendSection';
import { WhereSection } from './WhereSection';

export function IssueTrends({ target, issueId }: { target: Target; issueId: string }) {
  return (
    <Stack gap="xs">
      <Title order={4} size="h6">
        Trend
      </Title>
      <TrendSection target={target} issueId={issueId} />
      <Title order={4} size="h6">
        Where users are hit
      </Title>
      <WhereSection target={target} issueId={issueId} />
    </Stack>
  );
}
