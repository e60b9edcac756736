// Which rows of a scrolling list the user can see: their boxes against the list's box. Where nothing is laid out
// (a zero-height box: a test page, a list not shown yet) every row counts as in view, so nothing is left unasked.
export function rowsInView(
  container: Element,
  rows: readonly { id: string; el: Element | null }[],
): { view: string[]; near: string[] } {
  const box = container.getBoundingClientRect();
  if (!box.height) return { view: rows.map((r) => r.id), near: [] };
  const view: string[] = [];
  const near: string[] = [];
  for (const r of rows) {
    const b = r.el?.getBoundingClientRect();
    (b && b.bottom > box.top && b.top < box.bottom ? view : near).push(r.id);
  }
  return { view, near };
}
