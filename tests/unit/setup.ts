// Browser-ish polyfills Mantine needs under happy-dom; harmless in node-environment tests.
import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';

const g = globalThis as any;
if (typeof g.window !== 'undefined') {
  const { cleanup } = await import('@testing-library/react');
  afterEach(() => cleanup());
  g.window.matchMedia ??= (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener() {},
    removeListener() {},
    addEventListener() {},
    removeEventListener() {},
    dispatchEvent: () => false,
  });
  g.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
  g.window.HTMLElement.prototype.scrollIntoView ??= function () {};
}
