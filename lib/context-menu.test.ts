import { describe, expect, it } from 'vitest';
import { ensureMenus, MENU_ITEMS, type MenusApi } from './context-menu';

/** A menus API that keeps items across "restarts" (Chrome) or forgets them (Firefox), and refuses duplicate ids. */
function fakeMenus(keepsItems: boolean) {
  const items = new Map<string, string>();
  let error: { message: string } | null = null;
  const api: MenusApi = {
    async removeAll() {
      items.clear();
    },
    create(item, done) {
      error = items.has(item.id) ? { message: `Cannot create item with duplicate id ${item.id}` } : null;
      if (!error) items.set(item.id, item.title);
      done();
    },
    lastError: () => error,
  };
  const restart = () => {
    if (!keepsItems) items.clear();
  };
  return { api, items, restart };
}

describe('ensureMenus', () => {
  it.each([
    ['a browser that keeps menu items (Chrome)', true],
    ['a browser that forgets them on restart (Firefox)', false],
  ])('has "Explain with Dexter" after every background start in %s', async (_, keeps) => {
    const m = fakeMenus(keeps);
    expect(await ensureMenus(m.api)).toEqual([]);
    for (let start = 0; start < 3; start++) {
      m.restart();
      expect(await ensureMenus(m.api)).toEqual([]); // no duplicate-id error where the item was kept
      expect([...m.items]).toEqual([['dexter-explain', 'Explain with Dexter']]);
    }
  });
  it('reports what could not be created', async () => {
    const m = fakeMenus(true);
    const twice = [...MENU_ITEMS, ...MENU_ITEMS];
    expect(await ensureMenus(m.api, twice)).toEqual([
      'dexter-explain: Cannot create item with duplicate id dexter-explain',
    ]);
  });
});
