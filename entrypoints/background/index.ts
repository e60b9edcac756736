// The background: every Sentry API call and every LLM call happens here; pages and content scripts only ask.
import { handleMessage } from './router';
import { handlers } from './handlers';
import { sentryService } from './service';
import { onSettingsChanged, watchHostAccess } from './lifecycle';
import { openSelectionPanel, registerContextMenu, registerExplainPort } from './llm';
import { recentTimings } from './timings';
import { forgetClosedTabs } from './page-reports';
import { cancelSummariesOfClosedPorts, cancelSummariesOfClosedTabs } from './summaries';

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((message, sender) => handleMessage(message, sender, handlers));
  registerExplainPort();
  registerContextMenu();
  forgetClosedTabs();
  cancelSummariesOfClosedTabs();
  cancelSummariesOfClosedPorts();
  watchHostAccess();
  // Session rules and run-time content scripts are re-applied at every worker start.
  void sentryService().then((s) => onSettingsChanged(s.settings));
  // The context-menu path, callable from tests where a real right-click cannot be scripted.
  (globalThis as { dexterExplainSelection?: typeof openSelectionPanel }).dexterExplainSelection = openSelectionPanel;
  // Stage timings of recent event answers (numbers only, no data), for bench/detail.ts.
  (globalThis as { dexterTimings?: typeof recentTimings }).dexterTimings = recentTimings;
});
