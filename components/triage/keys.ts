// Keyboard triage, shared by the popup list and the Explorer table. Returns true when the key was handled.
import type { IssueRow } from './rows';
import type { TriageState } from './store';

export interface KeyActions {
  open(row: IssueRow): void;
  focusSearch(): void;
}

export function handleTriageKey(key: string, s: TriageState, rows: readonly IssueRow[], a: KeyActions): boolean {
  const row = rows[s.focus];
  switch (key) {
    case 'j':
    case 'ArrowDown':
      s.setFocus(Math.min(rows.length - 1, s.focus + 1));
      return true;
    case 'k':
    case 'ArrowUp':
      s.setFocus(Math.max(0, s.focus - 1));
      return true;
    case 'x':
    case ' ':
      if (row) s.toggle(row.id);
      return true;
    case 'Enter':
      if (row) a.open(row);
      return true;
    case 'r':
    case 'i': {
      // Acts on the selection, or on the focused row when nothing is selected.
      const ids = s.selected.size ? undefined : row ? [row.id] : [];
      void s.bulk(key === 'r' ? 'resolved' : 'ignored', ids);
      return true;
    }
    case '/':
      a.focusSearch();
      return true;
    default:
      return false;
  }
}

/** Keys belong to the grid only when the grid itself has focus: a focused button, checkbox or field keeps its own. */
export function isGridKey(target: EventTarget | null, grid: Element | null, key: string): boolean {
  if (target === grid) return true;
  const el = target as HTMLElement | null;
  const editable = !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON'].includes(el.tagName));
  return key === '/' && !editable;
}
