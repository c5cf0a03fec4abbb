import { describe, expect, it } from 'vitest';
import { letter } from './letter.ts';

describe('letter', () => {
  it('wraps a mail in a greeting, where to get help and a sign-off naming the organisation', () => {
    expect(
      letter('en', ['We are writing because…', false, 'What happens next.'], 'Unsubscribe: https://x.test/u'),
    ).toBe(
      'Hello,\n\nWe are writing because…\n\nWhat happens next.\n\n' +
        'To be completed by the organisation: the address where you can ask for help.\n\n' +
        'Kind regards,\nthe IOM Slovakia team\n\n--\nUnsubscribe: https://x.test/u\n',
    );
  });

  it('speaks the reader’s language', () => {
    expect(letter('uk', ['Текст.'])).toBe(
      'Добрий день!\n\nТекст.\n\nЗаповнить організація: адресу, за якою можна звернутися по допомогу.\n\nЗ повагою\nкоманда МОМ Словаччина\n',
    );
  });
});
