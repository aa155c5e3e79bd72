/**
 * Lesson prose as a plain tree of elements and text. markdown-it reads the Markdown (raw HTML off,
 * so `<b>` in a lesson stays text; bare URLs become links) when the page is built; the page turns
 * the tree into elements itself, so it needs no Markdown parser and no HTML string ever reaches it.
 */
import MarkdownIt, { type Token } from 'markdown-it';

export type MarkdownNode = string | MarkdownElement;

export interface MarkdownElement {
  readonly tag: string;
  readonly attrs?: Readonly<Record<string, string>>;
  readonly children?: readonly MarkdownNode[];
}

const markdown = new MarkdownIt({ html: false, linkify: true });

export function markdownTree(text: string): MarkdownNode[] {
  return treeOf(markdown.parse(text, {}));
}

/** A run of tokens: an `_open` token and its matching `_close` become one element. */
function treeOf(tokens: readonly Token[]): MarkdownNode[] {
  const nodes: MarkdownNode[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.nesting !== 1) {
      nodes.push(...leaf(token));
      continue;
    }
    const close = matchingClose(tokens, i);
    const children = treeOf(tokens.slice(i + 1, close));
    // markdown-it hides the paragraphs of tight lists: their content stands alone.
    if (token.hidden) nodes.push(...children);
    else nodes.push(element(token.tag, children, safeAttrs(token)));
    i = close;
  }
  return nodes;
}

function matchingClose(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    depth += tokens[i]!.nesting;
    if (depth === 0) return i;
  }
  return tokens.length;
}

function leaf(token: Token): MarkdownNode[] {
  switch (token.type) {
    case 'inline':
      return treeOf(token.children ?? []);
    case 'softbreak':
      return ['\n'];
    case 'hardbreak':
      return [element('br')];
    case 'hr':
      return [element('hr')];
    case 'code_inline':
      return [element('code', [token.content])];
    case 'fence':
    case 'code_block':
      return [element('pre', [element('code', [token.content])])];
    case 'image':
      return [element('img', undefined, { src: token.attrGet('src') ?? '', alt: token.content })];
    default:
      // text, and anything else markdown-it emits, as plain text.
      return token.content === '' ? [] : [token.content];
  }
}

function element(tag: string, children?: MarkdownNode[], attrs?: Record<string, string>): MarkdownElement {
  return { tag, ...(attrs && Object.keys(attrs).length > 0 && { attrs }), ...(children && children.length > 0 && { children }) };
}

/** Only the attributes a lesson needs; links (already vetted by markdown-it) open in a new tab. */
function safeAttrs(token: Token): Record<string, string> {
  if (token.tag === 'a') return { href: token.attrGet('href') ?? '', target: '_blank', rel: 'noopener noreferrer' };
  if (token.tag === 'ol' && token.attrGet('start')) return { start: token.attrGet('start')! };
  return {};
}
