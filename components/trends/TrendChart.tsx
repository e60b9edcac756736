// The trend chart (components/trend-view.ts, plain DOM) in React: drawn into a ref whenever its data changes.
import { useEffect, useRef } from 'react';
import { renderTrendView, type TrendViewData } from '../trend-view';

export function TrendChart({
  data,
  width = 300,
  height = 90,
}: {
  data: TrendViewData;
  width?: number;
  height?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.replaceChildren(renderTrendView(ref.current.ownerDocument, data, width, height));
  }, [data, width, height]);
  return <div ref={ref} className="dexter-trend" style={{ fontSize: 'var(--mantine-font-size-xs)' }} />;
}
