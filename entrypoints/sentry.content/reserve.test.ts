// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { RESERVE_ATTR, installReserve, reserveCss, setReserve } from './reserve';
import { HOST_HEIGHT, HOST_MARGIN, ROW_CSS } from './styles';
import { SELECTORS } from '@/lib/sentry/selectors';

describe('reserve', () => {
  afterEach(() => {
    document.getElementById('dexter-reserve')?.remove();
    document.documentElement.removeAttribute(RESERVE_ATTR);
  });

  it("keeps exactly the host's room under each row's header, and only while <html> says so", () => {
    const css = reserveCss();
    expect(css).toContain(`html[${RESERVE_ATTR}] ${SELECTORS.issueList.row} ${SELECTORS.issueList.header} { padding-bottom: ${HOST_HEIGHT + HOST_MARGIN}px; }`);
    expect(css).toContain(`${SELECTORS.issueList.header} + dexter-row { margin-top: -${HOST_HEIGHT}px; }`);
    // The host really is that tall: 22 px of badges and 2 px of padding above and below, 2 px apart from the header.
    expect(ROW_CSS).toMatch(new RegExp(`margin-top: ${HOST_MARGIN}px; padding: 2px;.*height: ${HOST_HEIGHT - 4}px`, 's'));
  });

  it('installs its rule once and switches with the attribute', () => {
    installReserve(document);
    installReserve(document);
    expect(document.querySelectorAll('#dexter-reserve')).toHaveLength(1);
    expect(document.getElementById('dexter-reserve')!.textContent).toBe(reserveCss());
    setReserve(document, true);
    expect(document.documentElement.hasAttribute(RESERVE_ATTR)).toBe(true);
    setReserve(document, false);
    expect(document.documentElement.hasAttribute(RESERVE_ATTR)).toBe(false);
  });
});
