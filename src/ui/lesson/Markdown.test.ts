import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { markdownTree } from '../../lessons/markdown-tree';
import { Markdown } from './Markdown';

const html = (text: string): string => renderToStaticMarkup(createElement(Markdown, { tree: markdownTree(text) }));

describe('Markdown', () => {
  it.each([
    ['emphasis and inline code', 'A **Pod** runs `nginx`.', '<p>A <strong>Pod</strong> runs <code>nginx</code>.</p>'],
    ['raw HTML stays text', 'Hi <img src=x onerror=alert(1)>', '<p>Hi &lt;img src=x onerror=alert(1)&gt;</p>'],
    ['an HTML block stays text', '<script>alert(1)</script>', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'],
    ['bare URLs become links', 'See https://kubernetes.io/docs', '<p>See <a href="https://kubernetes.io/docs" target="_blank" rel="noopener noreferrer">https://kubernetes.io/docs</a></p>'],
    ['javascript: links are not links', '[x](javascript:alert(1))', '<p>[x](javascript:alert(1))</p>'],
    ['fenced output keeps its text', '```\n<h1>Welcome</h1>\n```', '<pre><code>&lt;h1&gt;Welcome&lt;/h1&gt;\n</code></pre>'],
    ['tight lists without paragraphs', '- one\n- two', '<ul><li>one</li><li>two</li></ul>'],
    ['headings and line breaks', '### Why\nfirst\nsecond', '<h3>Why</h3><p>first\nsecond</p>'],
  ])('%s', (_, text, expected) => {
    expect(html(text)).toBe(`<div class="markdown">${expected}</div>`);
  });
});
