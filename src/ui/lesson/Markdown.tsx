/**
 * Lesson prose on the page: the element tree made when the page was built (lessons/markdown-tree.ts)
 * turned into React elements — text stays text, no HTML string is ever parsed here.
 */
import { createElement, type ReactNode } from 'react';
import type { MarkdownNode } from '../../lessons/markdown-tree';

export function Markdown({ tree }: { tree: readonly MarkdownNode[] | undefined }) {
  return <div className="markdown">{tree?.map(toElement)}</div>;
}

function toElement(node: MarkdownNode, key: number): ReactNode {
  if (typeof node === 'string') return node;
  return createElement(node.tag, { key, ...node.attrs }, ...(node.children ?? []).map(toElement));
}
