import { describe, expect, it } from 'vitest';
import { readForm } from './form.ts';

const post = (body: string, type: string) =>
  new Request('https://spotlight.test/', { method: 'POST', headers: { 'content-type': type }, body });

describe('readForm: an empty or broken post is told apart from a form', () => {
  it('reads a form, with line breaks as LF', async () => {
    const form = await readForm(post('step=work&title=A%0D%0AB', 'application/x-www-form-urlencoded'));
    expect([form.readable, form.get('title'), form.get('step')]).toEqual([true, 'A\nB', 'work']);
  });

  it.each([
    ['an empty body', '', 'application/x-www-form-urlencoded'],
    ['multipart without a boundary', 'title=A', 'multipart/form-data'],
    [
      'a truncated multipart body',
      '--X\r\nContent-Disposition: form-data; name="title"\r\n\r\nA',
      'multipart/form-data; boundary=X',
    ],
    ['JSON', '{"title":"A"}', 'application/json'],
  ])('%s is not readable, and reads as empty', async (_name, body, type) => {
    const form = await readForm(post(body, type));
    expect([form.readable, form.values()]).toEqual([false, {}]);
  });
});
