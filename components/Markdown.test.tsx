// @vitest-environment happy-dom
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Markdown, safeHref } from './Markdown';

function renderMd(source: string): HTMLElement {
  return render(<Markdown source={source} />).container;
}

function assertInert(root: HTMLElement): void {
  expect(root.querySelectorAll('script, img, iframe, object, embed, style, svg, form, input').length).toBe(0);
  for (const el of root.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) expect(attr.startsWith('on'), `${el.tagName} has ${attr}`).toBe(false);
  }
  for (const a of root.querySelectorAll('a')) expect(a.getAttribute('href') ?? '').toMatch(/^https?:\/\//);
}

describe('Markdown structure', () => {
  it('renders headings, lists, code, emphasis, quotes, rules and tables as elements', () => {
    const root = renderMd(
      '# Title\n\nSome **bold** and *em* and `code`.\n\n- one\n- two\n\n1. first\n2. second\n\n```sql\nSELECT 1;\n```\n\n> quoted\n\n---\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n',
    );
    expect(root.querySelector('h1')?.textContent).toBe('Title');
    expect(root.querySelector('strong')?.textContent).toBe('bold');
    expect(root.querySelector('em')?.textContent).toBe('em');
    expect(root.querySelector('p code')?.textContent).toBe('code');
    expect([...root.querySelectorAll('ul li')].map((li) => li.textContent)).toEqual(['one', 'two']);
    expect([...root.querySelectorAll('ol li')].map((li) => li.textContent)).toEqual(['first', 'second']);
    expect(root.querySelector('pre code')?.textContent).toBe('SELECT 1;\n');
    expect(root.querySelector('pre')?.getAttribute('data-lang')).toBe('sql');
    expect(root.querySelector('blockquote')?.textContent).toContain('quoted');
    expect(root.querySelector('hr')).not.toBeNull();
    expect([...root.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['1', '2']);
    expect((root.querySelectorAll('td')[1] as HTMLElement).style.textAlign).toBe('right');
  });

  it('makes http(s) links open in a new tab without opener', () => {
    const a = renderMd('[docs](https://www.postgresql.org/docs/current/explicit-locking.html)').querySelector('a');
    expect(a?.getAttribute('href')).toBe('https://www.postgresql.org/docs/current/explicit-locking.html');
    expect(a?.getAttribute('target')).toBe('_blank');
    expect(a?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(a?.textContent).toBe('docs');
  });

  it('keeps an ordered list start number', () => {
    expect(renderMd('3. three\n4. four').querySelector('ol')?.getAttribute('start')).toBe('3');
  });
});

describe('Markdown hostility', () => {
  it('shows <script> as text and runs nothing', () => {
    const root = renderMd('Hello <script>window.pwned = 1</script> world\n\n<script>alert(1)</script>');
    assertInert(root);
    expect(root.textContent).toContain('<script>alert(1)</script>');
    expect((globalThis as any).pwned).toBeUndefined();
  });

  it('shows <img onerror> and raw HTML blocks as text', () => {
    const root = renderMd(
      '<img src=x onerror="alert(1)">\n\n<div onclick="x()"><iframe src="https://evil"></iframe></div>\n\ninline <b onmouseover=alert(1)>b</b>',
    );
    assertInert(root);
    expect(root.textContent).toContain('<img src=x onerror="alert(1)">');
    expect(root.textContent).toContain('<iframe src="https://evil"></iframe>');
    expect(root.querySelector('.dexter-markdown b, .dexter-markdown div')).toBeNull();
  });

  it('renders javascript:, data: and vbscript: links as plain text', () => {
    const root = renderMd(
      '[x](javascript:alert(1)) [y](data:text/html,<script>1</script>) [z](vbscript:msgbox) [w](JaVaScRiPt:alert(1)) <javascript:alert(1)>',
    );
    assertInert(root);
    expect(root.querySelectorAll('a').length).toBe(0);
    expect(root.textContent).toContain('x');
    expect(root.textContent).toContain('y');
  });

  it('never loads images: an http image becomes a text link, other images plain text', () => {
    const root = renderMd('![tracker](https://evil/x.png) ![](javascript:alert(1)) ![local](/etc/passwd)');
    assertInert(root);
    const links = [...root.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://evil/x.png']);
    expect(links[0]?.textContent).toBe('[image: tracker]');
    expect(root.textContent).toContain('[image: local]');
  });

  it('does not turn bare URLs into links (linkify off) and survives reference-style javascript links', () => {
    const root = renderMd('see https://example.com\n\n[ref][1]\n\n[1]: javascript:alert(1)');
    assertInert(root);
    expect(root.querySelectorAll('a').length).toBe(0);
  });
});

describe('safeHref', () => {
  it('accepts only absolute http(s) URLs', () => {
    expect(safeHref('https://a.example/x')).toBe('https://a.example/x');
    expect(safeHref('http://a.example')).toBe('http://a.example/');
    for (const bad of [
      'javascript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,x',
      '/relative',
      '#frag',
      'mailto:a@b.c',
      '',
      null,
      undefined,
      3,
    ]) {
      expect(safeHref(bad as any)).toBeNull();
    }
  });
});
