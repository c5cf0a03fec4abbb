import { describe, expect, it } from 'vitest';
import { helplineNumbers, rehypeTelLinks } from './tel-links.mjs';

const text = (value: string) => ({ type: 'text', value });
const el = (tagName: string, children: unknown[], properties = {}) => ({
  type: 'element',
  tagName,
  properties,
  children,
});

describe('rehypeTelLinks', () => {
  it('knows every helpline number in content/helplines.yml, 112 among them', () => {
    expect(helplineNumbers()).toEqual(expect.arrayContaining(['0800 800 818', '+421 800 800 818', '112']));
  });

  it('links numbers in running text, the longer form first, and leaves links, code and headings', () => {
    const tree = {
      type: 'root',
      children: [
        el('p', [text('Call 0800 800 818; from abroad +421 800 800 818. In danger: 112.')]),
        el('p', [el('strong', [text('112')])]),
        el('h2', [text('What the 0800 800 818 line is')]),
        el('p', [el('a', [text('0800 800 818')], { href: '/x/' })]),
        el('p', [text('Size 1120 bytes.')]),
      ],
    };
    rehypeTelLinks({ numbers: ['0800 800 818', '+421 800 800 818', '112'] })(tree as never);
    const link = (n: string, href: string) => el('a', [text(n)], { href });
    expect(tree.children).toEqual([
      el('p', [
        text('Call '),
        link('0800 800 818', 'tel:+421800800818'),
        text('; from abroad '),
        link('+421 800 800 818', 'tel:+421800800818'),
        text('. In danger: '),
        link('112', 'tel:112'),
        text('.'),
      ]),
      el('p', [el('strong', [link('112', 'tel:112')])]),
      el('h2', [text('What the 0800 800 818 line is')]),
      el('p', [el('a', [text('0800 800 818')], { href: '/x/' })]),
      el('p', [text('Size 1120 bytes.')]),
    ]);
  });
});
