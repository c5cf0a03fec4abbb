import { toLocale } from '../../core/locales.ts';
import { useTranslations } from '../../core/t.ts';
import type { NewMail } from '../mail/outbox.service.ts';

/** Stands for the entry number in the confirmation mail until the database fills it in (it is made in the same statement). */
export const NUMBER_PLACEHOLDER = '%ENTRY_NUMBER%';

/** "Your entry MIS-2027-0042 has been received." */
export function submittedMail(locale: string, to: string, title: string, entryUrl: string): NewMail {
  const t = useTranslations(toLocale(locale));
  return {
    recipient: to,
    subject: t('competition.mail.submitted.subject', { number: NUMBER_PLACEHOLDER }),
    bodyText: `${t('competition.mail.submitted.body', { number: NUMBER_PLACEHOLDER, title, entryUrl })}\n`,
    headers: { 'Content-Language': toLocale(locale) },
    kind: 'competition.submitted',
  };
}

/** The screening found the entry ineligible, and why. */
export function ineligibleMail(locale: string, to: string, number: string, title: string, reason: string): NewMail {
  const t = useTranslations(toLocale(locale));
  return {
    recipient: to,
    subject: t('competition.mail.ineligible.subject', { number }),
    bodyText: `${t('competition.mail.ineligible.body', { number, title, reason })}\n`,
    headers: { 'Content-Language': toLocale(locale) },
    kind: 'competition.ineligible',
  };
}

/** A deadline extension: the access code and until when it works. */
export function extensionMail(locale: string, to: string, code: string, until: string, entriesUrl: string): NewMail {
  const t = useTranslations(toLocale(locale));
  return {
    recipient: to,
    subject: t('competition.mail.extension.subject'),
    bodyText: `${t('competition.mail.extension.body', { code, until, entriesUrl })}\n`,
    headers: { 'Content-Language': toLocale(locale) },
    kind: 'competition.extension',
  };
}
