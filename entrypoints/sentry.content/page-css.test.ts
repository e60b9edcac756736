// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { HOST_HEIGHT, HOST_MARGIN, RESERVE_ATTR, installPageCss, pageCss, setReserve } from './page-css';
import { SELECTORS } from '@/lib/sentry/selectors';

describe('page-css', () => {
  afterEach(() => {
    document.getElementById('dexter-page-css')?.remove();
    document.documentElement.removeAttribute(RESERVE_ATTR);
  });

  it("keeps exactly the host's room under each row's header, and only while <html> says so", () => {
    const css = pageCss();
    expect(css).toContain(
      `html[${RESERVE_ATTR}] ${SELECTORS.issueList.row} ${SELECTORS.issueList.header} { padding-bottom: ${HOST_HEIGHT + HOST_MARGIN}px; }`,
    );
    expect(css).toContain(`${SELECTORS.issueList.header} + dexter-row { margin-top: -${HOST_HEIGHT}px; }`);
    // The host really is that tall: its content box and 2 px of padding above and below, HOST_MARGIN from the header.
    expect(css).toMatch(
      new RegExp(
        `dexter-row \\{[^}]*box-sizing: content-box; margin: ${HOST_MARGIN}px 0 0; padding: 2px; border: 0;\\s*height: ${HOST_HEIGHT - 4}px;`,
      ),
    );
  });

  it('installs its stylesheet once and switches the room with the attribute', () => {
    installPageCss(document);
    installPageCss(document);
    expect(document.querySelectorAll('#dexter-page-css')).toHaveLength(1);
    expect(document.getElementById('dexter-page-css')!.textContent).toBe(pageCss());
    setReserve(document, true);
    expect(document.documentElement.hasAttribute(RESERVE_ATTR)).toBe(true);
    setReserve(document, false);
    expect(document.documentElement.hasAttribute(RESERVE_ATTR)).toBe(false);
  });
});
