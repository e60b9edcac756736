// The world map of where an issue's users are (issue #18): Natural Earth countries at 1:110m (world-atlas, TopoJSON),
// projected with d3-geo, each country shaded by its share. Loaded only where it is shown (React.lazy from
// WhereSection): neither the content script nor the Explorer's first load carries d3-geo or the atlas.
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { FeatureCollection, Geometry } from 'geojson';
import { useEffect, useRef } from 'react';
import atlas from 'world-atlas/countries-110m.json';
import type { CountryRow } from '@/lib/trends/geo';

const SVG = 'http://www.w3.org/2000/svg';
const topo = atlas as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
let countries: FeatureCollection<Geometry, { name: string }> | null = null;

/** Draws the map into `svg`; each country with data gets its share as opacity and a tooltip. */
export function drawMap(svg: SVGSVGElement, rows: readonly CountryRow[], width: number, height: number): void {
  countries ??= feature(topo, topo.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  const projection = geoNaturalEarth1().fitSize([width, height], countries);
  const path = geoPath(projection);
  const byNumeric = new Map(rows.filter((r) => r.numeric).map((r) => [r.numeric!, r]));
  const top = Math.max(...rows.map((r) => r.userShare ?? r.eventShare), 0.0001);
  const doc = svg.ownerDocument;
  svg.replaceChildren();
  for (const f of countries.features) {
    const d = path(f);
    if (!d) continue;
    const p = doc.createElementNS(SVG, 'path');
    p.setAttribute('d', d);
    const row = byNumeric.get(String(f.id));
    p.setAttribute('fill', row ? '#6c5fc7' : '#d9d4df');
    p.setAttribute('stroke', '#fff');
    p.setAttribute('stroke-width', '0.3');
    if (row) {
      const share = row.userShare ?? row.eventShare;
      p.setAttribute('fill-opacity', String(0.25 + 0.75 * (share / top)));
      p.dataset.code = row.code;
      const t = doc.createElementNS(SVG, 'title');
      t.textContent = `${row.name}: ${row.users === null ? '' : `${row.users.toLocaleString('en-US')} users, `}${row.events.toLocaleString('en-US')} events`;
      p.append(t);
    }
    svg.append(p);
  }
  svg.dataset.drawn = String(byNumeric.size);
  performance.mark('dexter:map-drawn');
}

export default function WorldMap({
  rows,
  width = 320,
  height = 170,
}: {
  rows: readonly CountryRow[];
  width?: number;
  height?: number;
}) {
  const ref = useRef<SVGSVGElement>(null);
  useEffect(() => {
    if (ref.current) drawMap(ref.current, rows, width, height);
  }, [rows, width, height]);
  return (
    <svg
      ref={ref}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label="Map of users by country"
      className="dexter-map"
    />
  );
}
