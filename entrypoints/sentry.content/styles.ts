// CSS inside Dexter's per-row Shadow-DOM hosts (the host's own box is in page-css.ts). Plain CSS (no Mantine) keeps
// the content script small; colours follow Sentry's theme through the host's data-dark attribute (Sentry puts
// theme-light/theme-dark on <body>).
// No paint containment or content-visibility: each would give all 100 hosts their own paint properties, which cost
// more on insertion than they saved.
export const ROW_CSS = `
:host { all: initial; display: block; cursor: default; font: 12px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  --fg: #2b2233; --muted: #71637e; --line: #6c5fc7; --area: rgba(108,95,199,.18); --peak: #f55459;
  --critical: #f55459; --high: #f5841f; --medium: #dcad00; --low: #8fa3b5; --unknown: #b9b3c1; --bg: #f5f3f7; }
:host([data-dark]) { --fg: #ebe6ef; --muted: #a398ae; --line: #9e91fa; --area: rgba(158,145,250,.22); --bg: #2c2433;
  --low: #6b7d8f; --unknown: #5d536a; }
.bar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; color: var(--fg); }
[data-slot] > * { pointer-events: auto; }
.chip { display: inline-flex; align-items: center; gap: 4px; padding: 1px 6px; border-radius: 10px; background: var(--bg);
  border: 1px solid transparent; white-space: nowrap; }
.chip:focus-visible, svg:focus-visible { outline: 2px solid var(--line); outline-offset: 1px; }
/* A level's dot: drawn by CSS, one element less per badge. */
.lvl::before { content: ''; width: 8px; height: 8px; border-radius: 50%; background: var(--unknown); flex: none; }
.lvl-critical::before { background: var(--critical); } .lvl-high::before { background: var(--high); }
.lvl-medium::before { background: var(--medium); } .lvl-low::before { background: var(--low); }
.lvl-critical { border-color: var(--critical); }
.muted { color: var(--muted); }
.up { color: var(--critical); } .down { color: #2ba185; }
.spark { display: inline-flex; align-items: center; gap: 4px; height: 22px; }
.spark svg { display: block; overflow: visible; }
.spark .area { fill: var(--area); } .spark .line { fill: none; stroke: var(--line); stroke-width: 1.25; }
.spark .peak { fill: var(--peak); } .spark .hit { fill: transparent; } .spark .hit:hover { fill: var(--area); }
.err { color: var(--muted); font-style: italic; }
.escalating { color: var(--critical); border-color: var(--critical); } .deploy { color: #2562d4; }
.spark .tick line { pointer-events: stroke; }
.trend-card { position: fixed; inset: auto; margin: 0; width: 304px; padding: 6px; border: 1px solid var(--line); border-radius: 8px;
  background: Canvas; color: var(--fg); font: 11px/1.35 system-ui, sans-serif; box-shadow: 0 4px 16px rgba(0,0,0,.18); z-index: 10; }
:host([data-dark]) .trend-card { background: #1f1a24; }
.trend-card p { margin: 3px 0 0; white-space: normal; }
.trend-card svg { display: block; overflow: visible; }
`;
