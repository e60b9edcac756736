// SLOT for the integrator: "Explain with AI" and the deadlock view live in components/panel (not the Explorer's).
// This opens the panel page for the issue; the integrator may swap the new tab for an embedded iframe.
import { Button } from '@mantine/core';
import type { Target } from '@/lib/messages';
import { openTab } from '../ui/open';

export function panelUrl(target: Target, issueId: string, view = 'explain'): string {
  // Cast: panel.html is another helper's entrypoint, not yet in WXT's generated path list.
  return (
    (browser.runtime.getURL as (path: string) => string)('/panel.html') +
    '#' +
    new URLSearchParams({ view, apiBase: target.apiBase, org: target.org, issueId }).toString()
  );
}

export function DetailExtras({ target, issueId }: { target: Target; issueId: string }) {
  return (
    <Button size="compact-sm" variant="light" onClick={() => void openTab(panelUrl(target, issueId))}>
      Explain with AI
    </Button>
  );
}
