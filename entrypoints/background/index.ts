import { handleMessage } from './router';
import { handlers } from './handlers';

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((message, sender) => handleMessage(message, sender, handlers));
});
