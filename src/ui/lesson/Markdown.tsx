/**
 * Lesson Markdown as React elements. markdown-it parses (raw HTML off, so `<b>` in a lesson shows
 * as text; bare URLs become links) and this file turns its tokens into elements itself, so no
 * HTML string ever reaches the page.
 */
import MarkdownIt, { type Token } from 'markdown-it';
import { createElement, useMemo, type ReactNode } from 'react';

const markdown = new MarkdownIt({ html: false, linkify: true });

export function Markdown({ text }: { text: string }) {
  const nodes = useMemo(() => renderTokens(markdown.parse(text, {})), [text]);
  return <div className="markdown">{nodes}</div>;
}

/** Renders a run of tokens: an `_open` token and its matching `_close` become one element. */
function renderTokens(tokens: readonly Token[]): ReactNode[] {
  const nodes: ReactNode[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.nesting !== 1) {
      nodes.push(renderLeaf(token, i));
      continue;
    }
    const close = matchingClose(tokens, i);
    const children = renderTokens(tokens.slice(i + 1, close));
    // markdown-it hides the paragraphs of tight lists: their content stands alone.
    nodes.push(token.hidden ? children : createElement(token.tag, { key: i, ...safeAttrs(token) }, ...children));
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

function renderLeaf(token: Token, key: number): ReactNode {
  switch (token.type) {
    case 'inline':
      return renderTokens(token.children ?? []);
    case 'softbreak':
      return '\n';
    case 'hardbreak':
      return <br key={key} />;
    case 'hr':
      return <hr key={key} />;
    case 'code_inline':
      return <code key={key}>{token.content}</code>;
    case 'fence':
    case 'code_block':
      return (
        <pre key={key}>
          <code>{token.content}</code>
        </pre>
      );
    case 'image':
      return <img key={key} src={token.attrGet('src') ?? ''} alt={token.content} />;
    default:
      // text, and anything else markdown-it emits, as plain text.
      return token.content;
  }
}

/** Only the attributes a lesson needs; links (already vetted by markdown-it) open in a new tab. */
function safeAttrs(token: Token): Record<string, string> {
  if (token.tag === 'a') return { href: token.attrGet('href') ?? '', target: '_blank', rel: 'noopener noreferrer' };
  if (token.tag === 'ol' && token.attrGet('start')) return { start: token.attrGet('start')! };
  return {};
}
