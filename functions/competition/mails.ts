import { toLocale } from '../../core/locales.ts';
import { useTranslations } from '../../core/t.ts';
import { letter, sender } from '../mail/letter.ts';
import type { NewMail } from '../mail/outbox.service.ts';

/** Stands for the entry number in the confirmation mail until the database fills it in (it is made in the same statement). */
export const NUMBER_PLACEHOLDER = '%ENTRY_NUMBER%';

/** "Your entry MIS-2027-0042 has been received." */
export function submittedMail(locale: string, to: string, title: string, entryUrl: string): NewMail {
  const l = toLocale(locale);
  const t = useTranslations(l);
  return {
    recipient: to,
    subject: t('competition.mail.submitted.subject', { number: NUMBER_PLACEHOLDER }),
    bodyText: letter(l, [
      t('competition.mail.submitted.body', { ...sender(l), number: NUMBER_PLACEHOLDER, title, entryUrl }),
    ]),
    headers: { 'Content-Language': toLocale(locale) },
    kind: 'competition.submitted',
  };
}

/** The screening found the entry ineligible, and why. */
export function ineligibleMail(locale: string, to: string, number: string, title: string, reason: string): NewMail {
  const l = toLocale(locale);
  const t = useTranslations(l);
  return {
    recipient: to,
    subject: t('competition.mail.ineligible.subject', { number }),
    bodyText: letter(l, [t('competition.mail.ineligible.body', { ...sender(l), number, title, reason })]),
    headers: { 'Content-Language': toLocale(locale) },
    kind: 'competition.ineligible',
  };
}

/** A deadline extension: the access code and until when it works. */
export function extensionMail(locale: string, to: string, code: string, until: string, entriesUrl: string): NewMail {
  const l = toLocale(locale);
  const t = useTranslations(l);
  return {
    recipient: to,
    subject: t('competition.mail.extension.subject'),
    bodyText: letter(l, [t('competition.mail.extension.body', { ...sender(l), code, until, entriesUrl })]),
    headers: { 'Content-Language': toLocale(locale) },
    kind: 'competition.extension',
  };
}
