// Dexter's context-menu items and how they are put in place. Chrome keeps menu items across browser restarts and
// service-worker restarts, so creating them only in runtime.onInstalled works there; Firefox does not keep them for
// a background that starts again (a browser restart, an MV3 event page waking up). So the items are made again at
// every background start, one way for every browser: remove Dexter's items, create them anew. Pure: the browser's
// menus API is passed in (tests give a fake that behaves like each browser).

export interface MenuItem {
  id: string;
  title: string;
  contexts: ['selection'];
}

export const EXPLAIN_SELECTION: MenuItem = {
  id: 'dexter-explain',
  title: 'Explain with Dexter',
  contexts: ['selection'],
};
export const MENU_ITEMS: readonly MenuItem[] = [EXPLAIN_SELECTION];

export interface MenusApi {
  removeAll(): Promise<void>;
  /** Chrome and Firefox both report a failed create (a duplicate id, say) through runtime.lastError, not a throw. */
  create(item: MenuItem, done: () => void): void;
  lastError(): { message?: string } | undefined | null;
}

/** Puts Dexter's items in place, whatever the browser kept from an earlier run. Resolves with the errors, if any. */
export async function ensureMenus(api: MenusApi, items: readonly MenuItem[] = MENU_ITEMS): Promise<string[]> {
  await api.removeAll();
  const errors: string[] = [];
  for (const item of items) {
    await new Promise<void>((resolve) => {
      api.create(item, () => {
        const e = api.lastError();
        if (e) errors.push(`${item.id}: ${e.message ?? 'could not be created'}`);
        resolve();
      });
    });
  }
  return errors;
}
