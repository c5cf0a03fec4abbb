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

/**
 * A reminder before a round closes: of unfinished reviews, or (`left: 'ballots'`, a ranked round)
 * of ballots not yet submitted, one per category; `closes` is already formatted in the juror's language.
 */
export function reminderMail(
  locale: string,
  to: string,
  round: string,
  closes: string,
  count: number,
  url: string,
  left: 'reviews' | 'ballots' = 'reviews',
): NewMail {
  const t = useTranslations(toLocale(locale));
  const key = left === 'ballots' ? 'jury.mail.ballotReminder' : 'jury.mail.reminder';
  return {
    recipient: to,
    subject: t(`${key}.subject`, { count, closes }),
    bodyText: `${t(`${key}.body`, { round, closes, count, url })}\n`,
    headers: { 'Content-Language': toLocale(locale) },
    kind: 'jury.reminder',
  };
}
