import type { Locale } from '../../core/locales.ts';
import { organisation } from '../../core/organisation.ts';
import { useTranslations } from '../../core/t.ts';

/**
 * Every mail the portal sends reads as a letter from the organisation, in the reader's language:
 * a greeting, the mail's own text (who writes and why, what happens next), where to get help and
 * a sign-off naming the organisation from `core/organisation.ts`.
 *
 * @param locale the reader's language
 * @param paragraphs the mail's own text, already translated; empty parts are left out
 * @param footer optional text after the sign-off, below a "--" line (e.g. the unsubscribe link)
 * @param greeting optional greeting in place of the general one (e.g. one naming the reader)
 * @returns the plain-text body, ending in a newline
 */
export function letter(
  locale: Locale,
  paragraphs: (string | false | undefined)[],
  footer?: string,
  greeting?: string,
): string {
  const t = useTranslations(locale);
  const email = organisation.contact.email;
  const parts = [
    greeting || t('letter.greeting'),
    ...paragraphs.filter((p): p is string => Boolean(p)),
    email ? t('letter.help', { email }) : t('letter.helpPending'),
    t('letter.signOff', { organisation: organisation.shortName[locale] }),
  ];
  return `${parts.join('\n\n')}\n${footer ? `\n--\n${footer}\n` : ''}`;
}

/** The organisation's name in the reader's language, for mail texts that name who writes. */
export const sender = (locale: Locale) => ({ organisation: organisation.shortName[locale] });
