// Finding Sentry's issue rows: each row element and the issue id it shows (from its checkbox, else its title link).
import { SELECTORS, issueIdFromHref } from '@/lib/sentry/selectors';

export interface Row {
  el: HTMLElement;
  id: string;
}

export function findRows(root: ParentNode = document): Row[] {
  const rows: Row[] = [];
  for (const el of root.querySelectorAll<HTMLElement>(SELECTORS.issueList.row)) {
    const box = el.querySelector<HTMLInputElement>(SELECTORS.issueList.rowCheckbox);
    const id = box?.id && /^\d+$/.test(box.id) ? box.id : issueIdFromHref(titleLink(el)?.getAttribute('href'));
    if (id) rows.push({ el, id });
  }
  return rows;
}

export function titleLink(row: Element): HTMLAnchorElement | null {
  return (
    row.querySelector<HTMLAnchorElement>(SELECTORS.issueList.titleLink) ??
    row.querySelector<HTMLAnchorElement>(SELECTORS.issueList.titleLinkFallback)
  );
}
