// Sentry's loading states: Placeholder (components/placeholder.tsx, test id "loading-placeholder", a sized grey
// block), LoadingIndicator (components/loadingIndicator.tsx, test id "loading-indicator") and the issue page's
// GroupEventDetailsLoading, a stack of placeholders where the event will be (groupEventDetailsLoading.tsx).
import { el, escapeHtml, sentry } from './html';

export function placeholder(height: string, width?: string): string {
  return el('div', {
    'data-test-id': 'loading-placeholder',
    ...sentry(null, 'Placeholder', 'placeholder.tsx'),
    style: `height:${height};width:${width ?? '100%'}`,
  });
}

export function loadingIndicator(message = 'Loading…'): string {
  return el(
    'div',
    {
      class: 'loading',
      'data-test-id': 'loading-indicator',
      'data-sentry-component': 'LoadingIndicator',
      'data-sentry-source-file': 'loadingIndicator.tsx',
    },
    el('div', { class: 'loading-mask' }) +
      el('div', { class: 'loading-indicator' }) +
      el('div', { class: 'loading-message' }, escapeHtml(message)),
  );
}

/** The event body while an event loads (streamlined UI): the header and sidebar stay, these take the event's place. */
export function eventDetailsLoading(): string {
  return el(
    'div',
    sentry('Stack', 'GroupEventDetailsLoading', 'groupEventDetailsLoading.tsx'),
    placeholder('40px') + placeholder('180px') + placeholder('240px') + placeholder('120px'),
  );
}
