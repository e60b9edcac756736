// "Trend and where users are hit" on Sentry's issue page (issue #18): a button that opens Dexter's panel with the
// issue's chips (first seen in, regressed in, started after a deploy), Sentry's escalation rule with the week by the
// hour, and the world map of its users. The panel is an extension page in an iframe (panel-host.ts): the map's
// d3-geo and atlas load there, never in this content script, and only when asked.
import type { FeatureContext, FeatureMeta } from '../registry';
import { createPanelHost } from '../panel-host';
import { attachToIssuePage } from '../attach';

export const meta = {
  id: 'issue-trends',
  label: 'Trend and where users are hit on issue pages',
  description: 'Releases, deploys and escalation for the issue, and a map of its users by country.',
  pages: ['issue'],
  order: 13,
} satisfies FeatureMeta;

export function init(ctx: FeatureContext) {
  void attachToIssuePage(ctx, (at, signal) => {
    const panel = createPanelHost('trends', ctx.page, at, signal);
    const row = document.createElement('div');
    row.className = 'row';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary';
    button.textContent = 'Trend and where users are hit';
    button.title =
      'Releases and deploys around this issue, whether it is escalating by Sentry’s rule, and its users by country.';
    row.append(button);
    panel.root.append(row);
    let open = false;
    button.addEventListener(
      'click',
      () => {
        open = !open;
        if (open) panel.open('trends');
        else panel.close();
        button.setAttribute('aria-expanded', String(open));
      },
      { signal },
    );
    return panel.host;
  });
}
