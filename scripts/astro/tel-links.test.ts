import { markdownToHtml } from 'satteri';
import { describe, expect, it } from 'vitest';
import { helplineNumbers, telLinksPlugin } from './tel-links.mjs';

describe('tel: links in the pages’ text (Sätteri hast plugin)', () => {
  it('knows every helpline number in content/helplines.yml, 112 among them', () => {
    expect(helplineNumbers()).toEqual(expect.arrayContaining(['0800 800 818', '+421 800 800 818', '112']));
  });

  it('links numbers in running text, the longer form first, and leaves links, code and headings', async () => {
    const markdown = [
      '## What the 0800 800 818 line is',
      '',
      'Call **0800 800 818**; from abroad +421 800 800 818. In danger: 112.',
      '',
      '- a list item: 112',
      '',
      '[0800 800 818](/x/) and `112` and a size of 1120 bytes.',
    ].join('\n');
    const { html } = markdownToHtml(markdown, {
      hastPlugins: [telLinksPlugin({ numbers: ['0800 800 818', '+421 800 800 818', '112'] })],
    });
    expect(html.trim().split('\n')).toEqual([
      '<h2>What the 0800 800 818 line is</h2>',
      '<p>Call <strong><a href="tel:+421800800818">0800 800 818</a></strong>; from abroad <a href="tel:+421800800818">+421 800 800 818</a>. In danger: <a href="tel:112">112</a>.</p>',
      '<ul>',
      '<li>a list item: <a href="tel:112">112</a></li>',
      '</ul>',
      '<p><a href="/x/">0800 800 818</a> and <code>112</code> and a size of 1120 bytes.</p>',
    ]);
  });
});
