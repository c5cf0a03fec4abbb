import { toLocale } from '../../core/locales.ts';
import { useTranslations } from '../../core/t.ts';
import type { NewMail } from '../mail/outbox.service.ts';

/** The jury invitation: a link to a page with one button (opening it changes nothing). */
export function invitationMail(locale: string, to: string, edition: string, url: string): NewMail {
  const t = useTranslations(toLocale(locale));
  return {
    recipient: to,
    subject: t('jury.mail.invitation.subject', { edition }),
    bodyText: `${t('jury.mail.invitation.body', { edition, url })}\n`,
    headers: { 'Content-Language': toLocale(locale) },
    kind: 'jury.invitation',
  };
}

/** A reminder of unfinished reviews before a round closes (`closes` already formatted in the juror's language). */
export function reminderMail(
  locale: string,
  to: string,
  round: string,
  closes: string,
  count: number,
  url: string,
): NewMail {
  const t = useTranslations(toLocale(locale));
  return {
    recipient: to,
    subject: t('jury.mail.reminder.subject', { count, closes }),
    bodyText: `${t('jury.mail.reminder.body', { round, closes, count, url })}\n`,
    headers: { 'Content-Language': toLocale(locale) },
    kind: 'jury.reminder',
  };
}
