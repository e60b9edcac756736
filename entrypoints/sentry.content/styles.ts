// CSS for Dexter's per-row Shadow-DOM hosts. Plain CSS (no Mantine) keeps the content script small; colours follow
// Sentry's theme through the host's data-dark attribute (Sentry puts theme-light/theme-dark on <body>).
// The host spans the title cell but takes clicks only on its badges (pointer-events): the rest of the row still
// opens the issue, as in Sentry. Its size never depends on the badges (size containment, a fixed height), so drawing
// them lays out only the host, never Sentry's table, and no row moves. A cell too narrow for one line of badges gets
// data-wrap (rows.ts, from a ResizeObserver): there the host grows with its badges instead of clipping them.
// No paint containment or content-visibility: each would give all 100 hosts their own paint properties, which cost
// more on insertion than they saved.
/** The host's outer height (22 px of badges and 2 px of padding above and below) and its top margin: reserve.ts
 *  keeps exactly this much room in each row before the host comes. */
export const HOST_HEIGHT = 26;
export const HOST_MARGIN = 2;
export const ROW_CSS = `
:host { all: initial; display: block; position: relative; z-index: 3; margin-top: ${HOST_MARGIN}px; padding: 2px; cursor: default;
  pointer-events: none; height: ${HOST_HEIGHT - 4}px; contain: size layout style;
  font: 12px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  --fg: #2b2233; --muted: #71637e; --line: #6c5fc7; --area: rgba(108,95,199,.18); --peak: #f55459;
  --critical: #f55459; --high: #f5841f; --medium: #dcad00; --low: #8fa3b5; --unknown: #b9b3c1; --bg: #f5f3f7; }
:host([data-wrap]) { height: auto; min-height: 22px; contain: inline-size layout style; }
:host([data-dark]) { --fg: #ebe6ef; --muted: #a398ae; --line: #9e91fa; --area: rgba(158,145,250,.22); --bg: #2c2433;
  --low: #6b7d8f; --unknown: #5d536a; }
.bar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; color: var(--fg); }
[data-slot] > * { pointer-events: auto; }
/* While the row's data is on its way: a quiet placeholder where the badges will be, not an empty gap. */
.bar:empty::before { content: ''; width: 240px; height: 14px; margin-top: 4px; border-radius: 7px; background: var(--bg); }
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
`;
