// One virtualiser setup for the detail panel's long lists (frames, breadcrumbs): rows of varying height, one
// row that must stay mounted (the current frame), and sane behaviour where nothing is laid out.
import { defaultRangeExtractor, observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import type { RefObject } from 'react';

// Where nothing is laid out (unit tests, a panel still collapsed) the box reports 0 px, which would render no rows.
const NO_LAYOUT = { width: 600, height: 400 };

export function useListVirtualizer(
  count: number,
  estimate: number,
  pinned: number | null,
  scrollRef: RefObject<HTMLDivElement | null>,
) {
  return useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimate,
    overscan: 6,
    initialRect: NO_LAYOUT,
    observeElementRect: (instance, cb) => observeElementRect(instance, (rect) => cb(rect.height ? rect : NO_LAYOUT)),
    measureElement: (el, entry) =>
      (entry?.borderBoxSize?.[0]?.blockSize ?? el.getBoundingClientRect().height) || estimate,
    // The pinned row (the current frame) stays in the DOM wherever the list is scrolled: its context lines and
    // aria-current must not vanish, and Next/Previous scroll to it.
    rangeExtractor: (range) => {
      const rows = defaultRangeExtractor(range);
      return pinned === null || pinned >= count || rows.includes(pinned)
        ? rows
        : [...rows, pinned].sort((a, b) => a - b);
    },
  });
}
