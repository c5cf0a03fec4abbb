import { locales, type Locale } from '../../core/locales.ts';
import { formatDay } from '../../core/dates.ts';
import { useTranslations } from '../../core/t.ts';
import { letter, sender } from '../mail/letter.ts';

/** What a lunch mail says about the day (never the household's special-category data). */
export interface DayFacts {
  city: string;
  date: string;
}

const facts = (locale: Locale, day: DayFacts) => ({
  ...sender(locale),
  city: day.city,
  date: formatDay(locale, day.date),
});

/** Double opt-in: the place counts once the household follows `confirmUrl`. */
export function confirmMail(locale: Locale, day: DayFacts, confirmUrl: string, manageUrl: string) {
  const t = useTranslations(locale);
  return {
    subject: t('lunches.mail.confirm.subject'),
    bodyText: letter(locale, [
      t('lunches.mail.confirm.body', { ...facts(locale, day), confirmUrl }),
      t('lunches.mail.manage', { manageUrl }),
    ]),
    kind: 'lunch.confirm',
  };
}

/** A second sign-up for a day by an address already signed up (S24): its existing page's link. */
export function alreadySignedUpMail(locale: Locale, day: DayFacts, manageUrl: string) {
  const t = useTranslations(locale);
  return {
    subject: t('lunchAlreadySignedUp.subject'),
    bodyText: letter(locale, [
      t('lunchAlreadySignedUp.body', facts(locale, day)),
      t('lunches.mail.manage', { manageUrl }),
    ]),
    kind: 'lunch.alreadySignedUp',
  };
}

/**
 * A caseworker signed the family up: who did (`caseworker`, their sign-in address), its place
 * (or wait-list) and its own link.
 */
export function onBehalfMail(locale: Locale, day: DayFacts, manageUrl: string, caseworker: string) {
  const t = useTranslations(locale);
  return {
    subject: t('lunches.mail.onBehalf.subject'),
    bodyText: letter(locale, [
      t('lunches.mail.onBehalf.body', { ...facts(locale, day), caseworker }),
      t('lunches.mail.manage', { manageUrl }),
    ]),
    kind: 'lunch.onBehalf',
  };
}

/**
 * The wait-list offer, in every locale: the database picks the household and its language in
 * the same statement that makes the offer, so the text is chosen there.
 */
export function offerMails(
  day: DayFacts,
  /** The accept link in a locale (its page and answers in that language). */
  acceptUrl: (locale: Locale) => string,
  hours: number,
): Record<Locale, { subject: string; bodyText: string }> {
  return Object.fromEntries(
    locales.map((locale) => {
      const t = useTranslations(locale);
      return [
        locale,
        {
          subject: t('lunches.mail.offer.subject'),
          bodyText: letter(locale, [
            t('lunches.mail.offer.body', { ...facts(locale, day), acceptUrl: acceptUrl(locale), count: hours }),
          ]),
        },
      ];
    }),
  ) as Record<Locale, { subject: string; bodyText: string }>;
}

/** Three days before: the day's facts, and the one-click "we can't come" link. */
export function reminderMail(
  locale: Locale,
  day: DayFacts & { venue: string },
  cantComeUrl: string,
  manageUrl: string,
) {
  const t = useTranslations(locale);
  return {
    subject: t('lunches.mail.reminder.subject', facts(locale, day)),
    bodyText: letter(locale, [
      t('lunches.mail.reminder.body', { ...facts(locale, day), venue: day.venue || '—', cantComeUrl }),
      t('lunches.mail.manage', { manageUrl }),
    ]),
    kind: 'lunch.reminder',
  };
}

/** The approved pair: what the family needs to know about the other, and the link to confirm. */
export function pairMail(
  locale: Locale,
  day: DayFacts & { format: string; venue: string },
  partner: string,
  confirmUrl: string,
) {
  const t = useTranslations(locale);
  return {
    subject: t('lunches.mail.pair.subject'),
    bodyText: letter(locale, [
      t('lunches.mail.pair.body', {
        ...facts(locale, day),
        place: day.venue || t(`lunches.format.${day.format}`),
        partner,
        confirmUrl,
      }),
    ]),
    kind: 'lunch.pair',
  };
}

/** Both families confirmed: the other family's contact. */
export function contactsMail(
  locale: Locale,
  day: DayFacts,
  partner: { email: string; phone: string; messenger: string },
) {
  const t = useTranslations(locale);
  const contact = [
    partner.email,
    partner.phone && `${partner.phone}${partner.messenger ? ` (${t(`lunches.messengers.${partner.messenger}`)})` : ''}`,
  ]
    .filter(Boolean)
    .join('\n');
  return {
    subject: t('lunches.mail.contacts.subject'),
    bodyText: letter(locale, [t('lunches.mail.contacts.body', { ...facts(locale, day), contact })]),
    kind: 'lunch.contacts',
  };
}

/** The day after the lunch: the anonymous survey's one-use link. */
export function surveyMail(locale: Locale, day: DayFacts, surveyUrl: string) {
  const t = useTranslations(locale);
  return {
    subject: t('lunches.mail.survey.subject'),
    bodyText: letter(locale, [t('lunches.mail.survey.body', { ...facts(locale, day), surveyUrl })]),
    kind: 'lunch.survey',
  };
}
