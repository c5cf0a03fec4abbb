import { describe, expect, it } from 'vitest';
import { readForm } from './form.ts';

const post = (body: BodyInit, type?: string) =>
  new Request('http://localhost/', { method: 'POST', body, headers: type ? { 'content-type': type } : {} });

describe('readForm', () => {
  it('normalises CRLF and CR to LF, keeps first values and lists', async () => {
    const form = await readForm(
      post(
        new URLSearchParams([
          ['comment', 'a\r\nb\rc'],
          ['lang', 'en'],
          ['lang', 'uk'],
        ]),
      ),
    );
    expect(form.get('comment')).toBe('a\nb\nc');
    expect(form.get('lang')).toBe('en');
    expect(form.all('lang')).toEqual(['en', 'uk']);
    expect(form.get('missing')).toBe('');
    expect(form.values()).toEqual({ comment: 'a\nb\nc', lang: 'en' });
  });

  it('skips file fields in multipart forms', async () => {
    const data = new FormData();
    data.set('title', 'x');
    data.set('file', new Blob(['%PDF']), 'a.pdf');
    const form = await readForm(post(data));
    expect(form.values()).toEqual({ title: 'x' });
  });

  it('reads an unreadable body as an empty form', async () => {
    const form = await readForm(post('{"not":"a form"}', 'application/json'));
    expect(form.values()).toEqual({});
  });
});
