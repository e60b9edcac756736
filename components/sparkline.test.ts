// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { addTicks, renderSparkline, sparkPaths } from './sparkline';

const numbers = (d: string) => (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);

describe('sparkPaths', () => {
  it('spreads the points over the width and scales the highest count to the top', () => {
    const { xy, line, area } = sparkPaths([0, 5, 10], 96, 22);
    expect(xy).toEqual([
      [1, 21],
      [48, 11.5],
      [95, 2],
    ]);
    expect(numbers(line)).toEqual([1, 21, 48, 11.5, 95, 2]);
    // The area is the line closed along the baseline.
    expect(area.startsWith(line)).toBe(true);
    expect(numbers(area.slice(line.length))).toEqual([95, 21, 1, 21]);
    expect(area.endsWith('Z')).toBe(true);
  });

  it('keeps an all-zero series on the baseline and a single point inside the box', () => {
    expect(sparkPaths([0, 0, 0], 96, 22).xy.every(([, y]) => y === 21)).toBe(true);
    expect(sparkPaths([7], 96, 22).xy).toEqual([[1, 2]]);
    expect(sparkPaths([], 96, 22)).toEqual({ xy: [], line: '', area: '' });
  });

  it('never draws a malformed negative count below the baseline', () => {
    expect(sparkPaths([-50, 10], 96, 22).xy[0]![1]).toBe(21);
  });
});

describe('renderSparkline', () => {
  const points = [0, 3, 1, 12].map((count, i) => ({ t: 1_700_000_000 + i * 3600, count }));

  it('labels the chart with text, never markup', () => {
    const label = '<img src=x onerror=alert(1)> events';
    const svg = renderSparkline(document, points, { bucketSeconds: 3600, label });
    expect(svg.getAttribute('aria-label')).toBe(label);
    expect(svg.querySelector('title')!.textContent).toBe(label);
    expect(svg.querySelector('img')).toBeNull();
  });

  it('marks the peaks where the line has them', () => {
    const svg = renderSparkline(document, points, { bucketSeconds: 3600, label: 'x', peaks: [3, 99] });
    const circles = svg.querySelectorAll('circle.peak');
    expect(circles).toHaveLength(1); // index 99 does not exist: skipped
    expect([circles[0]!.getAttribute('cx'), circles[0]!.getAttribute('cy')]).toEqual(['95', '2']);
  });

  it('builds the exact-count tooltips on first hover, once', () => {
    const svg = renderSparkline(document, points, { bucketSeconds: 3600, label: 'x', formatTime: (t) => `t${t}` });
    expect(svg.querySelectorAll('rect.hit')).toHaveLength(0);
    svg.dispatchEvent(new Event('pointerenter'));
    svg.dispatchEvent(new Event('pointerenter'));
    const hits = svg.querySelectorAll('rect.hit');
    expect(hits).toHaveLength(4);
    expect(hits[3]!.querySelector('title')!.textContent).toBe(
      `12 events · t${1_700_000_000 + 3 * 3600} – t${1_700_000_000 + 4 * 3600}`,
    );
  });

  it('builds them up front when asked (the Explorer)', () => {
    const svg = renderSparkline(document, points, { bucketSeconds: 3600, label: 'x', eagerTooltips: true });
    expect(svg.querySelectorAll('rect.hit')).toHaveLength(4);
  });

  it('writes a tick’s tooltip given as a function on the first pointer or focus, once, as text', () => {
    const svg = renderSparkline(document, points, { bucketSeconds: 3600, label: 'x' });
    let made = 0;
    addTicks(svg, [
      { x: 10, kind: 'deploy', title: () => (made++, '<b>2.15.1</b> deployed') },
      { x: 40, kind: 'release', title: 'release 2.15.0' },
    ]);
    const titles = () => [...svg.querySelectorAll('.tick title')].map((t) => t.textContent);
    expect(titles()).toEqual(['', 'release 2.15.0']);
    expect(made).toBe(0); // no date is formatted until someone points at the sparkline
    svg.dispatchEvent(new Event('focus'));
    svg.dispatchEvent(new Event('pointerenter'));
    expect(made).toBe(1);
    expect(titles()).toEqual(['<b>2.15.1</b> deployed', 'release 2.15.0']);
    expect(svg.querySelector('b')).toBeNull();
  });
});
