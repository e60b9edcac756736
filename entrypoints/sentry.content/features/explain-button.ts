// "Explain with AI" on Sentry's issue page: a button above the event; the answer streams in Dexter's panel. The
// button comes when Sentry draws the issue page (attach.ts) and explains the event the URL names.
import type { FeatureContext, FeatureMeta } from '../registry';
import { createPanelHost } from '../panel-host';
import { attachToIssuePage } from '../attach';

export const meta = {
  id: 'explain-button',
  label: '“Explain with AI” on issue pages',
  description: 'Streams an explanation of the event from your own LLM server; personal data is scrubbed first.',
  pages: ['issue'],
  order: 10,
} satisfies FeatureMeta;

export function init(ctx: FeatureContext) {
  void attachToIssuePage(ctx, (at, signal) => {
    const panel = createPanelHost('explain', ctx.page, at, signal);
    const row = document.createElement('div');
    row.className = 'row';
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Explain with AI';
    button.title = 'Explain this event with your local LLM (Ollama). Personal data is scrubbed first.';
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'secondary';
    close.textContent = 'Hide';
    close.hidden = true;
    row.append(button, close);
    panel.root.append(row);
    button.addEventListener(
      'click',
      () => {
        panel.open('explain', { autostart: '1' });
        close.hidden = false;
      },
      { signal },
    );
    close.addEventListener(
      'click',
      () => {
        panel.close();
        close.hidden = true;
      },
      { signal },
    );
    return panel.host;
  });
}
