// Stands in for `whatwg-fetch`, which ollama's browser build imports to polyfill fetch in old browsers: every place
// Dexter runs (a service worker, Firefox's background page, extension pages) has fetch, and the polyfill would add
// 10 KB to the background worker that every start loads. wxt.config.ts points the import here.
export {};
