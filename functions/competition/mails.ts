import { formatInstant } from '../../core/dates.ts';
import { formatName } from '../../core/file-format.ts';
import { formatFileSize } from '../../core/file-size.ts';
import { toLocale } from '../../core/locales.ts';
import { organisation } from '../../core/organisation.ts';
import { useTranslations } from '../../core/t.ts';
import { letter, sender } from '../mail/letter.ts';
import type { NewMail } from '../mail/outbox.service.ts';

/** Stands for the entry number in the confirmation mail until the database fills it in (it is made in the same statement). */
export const NUMBER_PLACEHOLDER = '%ENTRY_NUMBER%';

/** What the receipt lists of a submitted entry. */
export interface Receipt {
  title: string;
  /** The category's name in the entrant's language. */
  category: string;
  /** Authors as the entry names them; empty rows are left out. */
  authors: readonly { name: string; role: string }[];
  /** The attached files: cleaned name, media type, bytes. */
  files: readonly { name: string; type: string; size: number }[];
  /** Until when the entrant may change or withdraw it: the close, or their extension's end if later. */
  changeUntil: Date;
  /** The entry's check-and-submit page; opening it changes nothing (its buttons post). */
  entryUrl: string;
}

/**
 * The receipt for a submitted entry, "Your entry MIS-2027-0042 has been received", in the entrant's
 * language: title, category, authors, files with their formats and sizes (decimal units), until when
 * (Europe/Bratislava wall-clock time in the reader's format) and where it can be changed or withdrawn,
 * and the organiser with its contacts from `core/organisation.ts`. The number is
 * {@link NUMBER_PLACEHOLDER}, filled in by the statement that submits.
 */
export function submittedMail(locale: string, to: string, receipt: Receipt): NewMail {
  const l = toLocale(locale);
  const t = useTranslations(l);
  const list = new Intl.ListFormat(l, { type: 'conjunction' });
  const authors = receipt.authors
    .filter((a) => a.name.trim() !== '')
    .map((a) => (a.role.trim() ? `${a.name} (${a.role})` : a.name));
  const files =
    receipt.files.length > 0
      ? [
          t('entrant.receipt.files'),
          ...receipt.files.map((f) =>
            t('entrant.receipt.file', { name: f.name, format: formatName(l, f.type), size: formatFileSize(f.size, l) }),
          ),
        ].join('\n')
      : t('entrant.receipt.noFiles');
  const { contact } = organisation;
  const contacts = [contact.email, contact.phone].filter(Boolean).join(', ');
  return {
    recipient: to,
    subject: t('competition.mail.submitted.subject', { number: NUMBER_PLACEHOLDER }),
    bodyText: letter(l, [
      t('entrant.receipt.intro', { ...sender(l), number: NUMBER_PLACEHOLDER, title: receipt.title }),
      [
        t('entrant.receipt.sent'),
        t('entrant.receipt.title', { title: receipt.title }),
        t('entrant.receipt.category', { category: receipt.category }),
        t('entrant.receipt.authors', { authors: list.format(authors) }),
        files,
      ].join('\n'),
      t('entrant.receipt.change', { close: formatInstant(l, receipt.changeUntil), entryUrl: receipt.entryUrl }),
      t('entrant.receipt.after'),
      contacts
        ? t('entrant.receipt.organiser', { ...sender(l), contacts })
        : t('entrant.receipt.organiserOnly', sender(l)),
    ]),
    headers: { 'Content-Language': l },
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
