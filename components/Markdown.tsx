// LLM answers as Markdown, safely: markdown-it parses (HTML off) and we walk its TOKENS into React elements, so
// no HTML string is ever built or injected. Links work only for http(s); images become text links, never loaded.
import MarkdownIt, { type Token } from 'markdown-it';
import { createElement, Fragment, memo, type ReactNode } from 'react';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** A token tree: markdown-it emits open/close pairs (nesting 1 / -1) in a flat list; this nests them. */
interface Node {
  token: Token;
  children: Node[];
}

function nest(tokens: readonly Token[]): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  for (const token of tokens) {
    const siblings = stack[stack.length - 1] ?? root;
    if (token.nesting === 1) {
      const node: Node = { token, children: [] };
      siblings.push(node);
      stack.push(node.children);
    } else if (token.nesting === -1) {
      if (stack.length > 1) stack.pop();
    } else {
      siblings.push({ token, children: token.type === 'inline' ? nest(token.children ?? []) : [] });
    }
  }
  return root;
}

/** Only absolute http(s) URLs become links; anything else (javascript:, data:, relative) stays text. */
export function safeHref(raw: string | number | null | undefined): string | null {
  if (typeof raw !== 'string' || raw === '') return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

const BLOCK_TAGS: Record<string, string> = {
  paragraph_open: 'p',
  blockquote_open: 'blockquote',
  bullet_list_open: 'ul',
  ordered_list_open: 'ol',
  list_item_open: 'li',
  table_open: 'table',
  thead_open: 'thead',
  tbody_open: 'tbody',
  tr_open: 'tr',
  th_open: 'th',
  td_open: 'td',
  strong_open: 'strong',
  em_open: 'em',
  s_open: 's',
};
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

function textOf(nodes: readonly Node[]): string {
  return nodes
    .map((n) => (n.token.type === 'text' || n.token.type === 'code_inline' ? n.token.content : textOf(n.children)))
    .join('');
}

function renderNodes(nodes: readonly Node[], tight: boolean): ReactNode[] {
  return nodes.map((node, i) => renderNode(node, i, tight));
}

function renderNode(node: Node, key: number, tight: boolean): ReactNode {
  const { token } = node;
  switch (token.type) {
    case 'inline':
      return createElement(Fragment, { key }, ...renderNodes(node.children, tight));
    case 'text':
      return token.content;
    case 'softbreak':
      return '\n';
    case 'hardbreak':
      return createElement('br', { key });
    case 'code_inline':
      return createElement('code', { key }, token.content);
    case 'code_block':
    case 'fence': {
      const lang = token.info.trim().split(/\s+/)[0] ?? '';
      return createElement('pre', { key, 'data-lang': lang || undefined }, createElement('code', null, token.content));
    }
    // html: false makes markdown-it emit raw HTML as text, but render any html token as text all the same.
    case 'html_block':
    case 'html_inline':
      return token.content;
    case 'hr':
      return createElement('hr', { key });
    case 'image': {
      const href = safeHref(token.attrGet('src'));
      const label = `[image: ${textOf(node.children) || token.content || 'untitled'}]`;
      return href ? createElement('a', { key, href, target: '_blank', rel: 'noopener noreferrer' }, label) : label;
    }
    case 'link_open': {
      const href = safeHref(token.attrGet('href'));
      const children = renderNodes(node.children, tight);
      if (!href) return createElement(Fragment, { key }, ...children);
      return createElement('a', { key, href, target: '_blank', rel: 'noopener noreferrer' }, ...children);
    }
    case 'heading_open': {
      const tag = HEADINGS.has(token.tag) ? token.tag : 'h4';
      return createElement(tag, { key }, ...renderNodes(node.children, tight));
    }
    case 'bullet_list_open':
    case 'ordered_list_open': {
      const start = Number(token.attrGet('start'));
      const props = token.type === 'ordered_list_open' && start > 1 ? { key, start } : { key };
      // markdown-it hides the paragraphs of tight lists; keep them inline so items don't get big gaps.
      const isTight = node.children.some((li) => li.children.some((c) => c.token.hidden));
      return createElement(BLOCK_TAGS[token.type] ?? 'ul', props, ...renderNodes(node.children, isTight));
    }
    case 'paragraph_open':
      if (token.hidden || tight) return createElement(Fragment, { key }, ...renderNodes(node.children, tight));
      return createElement('p', { key }, ...renderNodes(node.children, tight));
    case 'th_open':
    case 'td_open': {
      const align = /text-align:(left|right|center)/.exec(String(token.attrGet('style') ?? ''))?.[1] as
        'left' | 'right' | 'center' | undefined;
      return createElement(
        token.tag,
        { key, style: align ? { textAlign: align } : undefined },
        ...renderNodes(node.children, tight),
      );
    }
    default: {
      const tag = BLOCK_TAGS[token.type];
      if (tag) return createElement(tag, { key }, ...renderNodes(node.children, tight));
      // Unknown tokens: keep their text, never their markup.
      return node.children.length > 0
        ? createElement(Fragment, { key }, ...renderNodes(node.children, tight))
        : token.content || null;
    }
  }
}

/** Parses Markdown into React nodes (exported for tests and for callers that wrap the output themselves). */
export function markdownToReact(source: string): ReactNode[] {
  return renderNodes(nest(md.parse(source, {})), false);
}

export const Markdown = memo(function Markdown({ source, className }: { source: string; className?: string }) {
  return <div className={className ?? 'dexter-markdown'}>{markdownToReact(source)}</div>;
});
