import { describe, expect, it } from 'vitest';
import { useTranslations } from '../../core/t.ts';
import { oneOf, readForm, unknownChoice } from './form.ts';

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

describe('oneOf: a field from a closed set (button values, intents)', () => {
  const form = (body: string) => readForm(post(body, 'application/x-www-form-urlencoded'));

  it('gives the value when the form offers it, null for anything else — never a default', async () => {
    const actions = ['draft', 'submit', 'next'] as const;
    expect(oneOf(await form('action=next'), 'action', actions)).toBe('next');
    // The tester finding: `action=foo` was taken for "submit".
    expect(oneOf(await form('action=foo'), 'action', actions)).toBeNull();
    expect(oneOf(await form('title=A'), 'action', actions)).toBeNull();
    expect(oneOf(await form('intent='), 'intent', ['', 'role'])).toBe('');
  });

  it('unknownChoice: the page answers 400 with the translated message, linking to the form', () => {
    const page: { status?: number } = { status: 200 };
    expect(unknownChoice(page, useTranslations('sk'), '#review-actions')).toEqual([
      { href: '#review-actions', message: useTranslations('sk')('errors.form.unknownChoice') },
    ]);
    expect(page.status).toBe(400);
    expect(useTranslations('uk')('errors.form.unknownChoice')).toMatch(/^Форму надіслано/);
  });
});
