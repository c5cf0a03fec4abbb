import { formatDay, formatTimeRange } from '../../core/dates.ts';
import { type Locale, locales } from '../../core/locales.ts';
import { localizedPath } from '../../core/urls.ts';
import { useTranslations } from '../../core/t.ts';
import { letter, sender } from '../mail/letter.ts';
import { boundedCache, cached } from '../../core/bounded-cache.ts';

/** What a lunch mail says about the day (never the household's special-category data). */
export interface DayFacts {
  id: string;
  city: string;
  /** The lunch, YYYY-MM-DD. */
  date: string;
  /** When it starts and ends, `HH:MM` in Europe/Bratislava. */
  startTime: string;
  endTime: string;
  format: string;
  /** Where a `venue` lunch happens; empty at the hosts' homes. */
  venue: string;
}

const facts = (locale: Locale, day: DayFacts) => ({
  ...sender(locale),
  city: day.city,
  date: formatDay(locale, day.date),
});

/**
 * The paragraph every lunch mail carries: when (the date and the times, Europe/Bratislava) and where
 * (the shared place, or "at the host family's home" and the town).
 */
export function whenAndWhere(locale: Locale, day: DayFacts): string {
  // The same few days are mailed about all day long, and formatting their dates and times in
  // Europe/Bratislava (Intl) plus the catalogue lookups cost about a twentieth of a sign-up's CPU.
  // The key holds every field the text reads, so an edited day gets new text at once.
  const key = `${locale}\n${day.date}\n${day.startTime}\n${day.endTime}\n${day.venue}\n${day.format}\n${day.city}`;
  return cached(whenAndWhereTexts, key, () => whenAndWhereText(locale, day));
}

// whenAndWhere's texts by their inputs (strings: no personal data, nothing that expires).
const whenAndWhereTexts = boundedCache<string, string>(256);

const whenAndWhereText = (locale: Locale, day: DayFacts): string => {
  const t = useTranslations(locale);
  return t('lunches.mail.when', {
    date: formatDay(locale, day.date),
    time: formatTimeRange(locale, day.startTime, day.endTime),
    place: day.venue ? `${day.venue}, ${day.city}` : `${t(`lunches.format.${day.format}`)}, ${day.city}`,
  });
};

/** The day's calendar file (RFC 5545) in `locale`, as an absolute link: a GET that only reads. */
export const calendarUrl = (origin: string, dayId: string, locale: Locale) =>
  `${origin}/api/lunches/days/${dayId}/calendar.ics?lang=${locale}`;

/** "Hello Olena," when the household gave a contact name, else the letter's general greeting. */
const greeting = (locale: Locale, name: string | undefined) =>
  name ? useTranslations(locale)('lunches.mail.greeting', { name }) : undefined;

/** Double opt-in: the place counts once the household follows `confirmUrl`. */
export function confirmMail(locale: Locale, day: DayFacts, confirmUrl: string, manageUrl: string, name?: string) {
  const t = useTranslations(locale);
  return {
    subject: t('lunches.mail.confirm.subject'),
    bodyText: letter(
      locale,
      [
        t('lunches.mail.confirm.body', { ...facts(locale, day), confirmUrl }),
        whenAndWhere(locale, day),
        t('lunches.mail.manage', { manageUrl }),
      ],
      undefined,
      greeting(locale, name),
    ),
    kind: 'lunch.confirm',
  };
}

/**
 * The answer to a confirmed address or an accepted offer, for both outcomes: the place is held
 * (`confirmed`, with the calendar file's link) or the household waits (`waitlisted`). The database
 * decides which in the statement that places the household, so both texts are made here.
 */
export function placedMails(locale: Locale, day: DayFacts, origin: string, manageUrl: string, name?: string) {
  const t = useTranslations(locale);
  const hello = greeting(locale, name);
  const manage = t('lunches.mail.manage', { manageUrl });
  return {
    confirmed: {
      subject: t('lunches.mail.placed.subject'),
      bodyText: letter(
        locale,
        [
          t('lunches.mail.placed.body', facts(locale, day)),
          whenAndWhere(locale, day),
          t('lunches.mail.calendar', { calendarUrl: calendarUrl(origin, day.id, locale) }),
          manage,
        ],
        undefined,
        hello,
      ),
    },
    waitlisted: {
      subject: t('lunches.mail.waitlisted.subject'),
      bodyText: letter(
        locale,
        [t('lunches.mail.waitlisted.body', facts(locale, day)), whenAndWhere(locale, day), manage],
        undefined,
        hello,
      ),
    },
    kind: 'lunch.placed',
  };
}

/** The household changed its sign-up by its link: what was saved is on its page. */
export function changedMail(locale: Locale, day: DayFacts, manageUrl: string, name?: string) {
  const t = useTranslations(locale);
  return {
    subject: t('lunches.mail.changed.subject'),
    bodyText: letter(
      locale,
      [
        t('lunches.mail.changed.body', facts(locale, day)),
        whenAndWhere(locale, day),
        t('lunches.mail.manage', { manageUrl }),
      ],
      undefined,
      greeting(locale, name),
    ),
    kind: 'lunch.changed',
  };
}

/** The household cancelled (its page, or the reminder's "we can't come"): how to sign up again. */
export function cancelledMail(locale: Locale, day: DayFacts, origin: string, name?: string) {
  const t = useTranslations(locale);
  return {
    subject: t('lunches.mail.cancelled.subject'),
    bodyText: letter(
      locale,
      [
        t('lunches.mail.cancelled.body', {
          ...facts(locale, day),
          listUrl: `${origin}${localizedPath(locale, '/lunches/')}`,
        }),
        whenAndWhere(locale, day),
      ],
      undefined,
      greeting(locale, name),
    ),
    kind: 'lunch.cancelled',
  };
}

/** A second sign-up for a day by an address already signed up (S24): its existing page's link. */
export function alreadySignedUpMail(locale: Locale, day: DayFacts, manageUrl: string) {
  const t = useTranslations(locale);
  return {
    subject: t('lunchAlreadySignedUp.subject'),
    bodyText: letter(locale, [
      t('lunchAlreadySignedUp.body', facts(locale, day)),
      whenAndWhere(locale, day),
      t('lunches.mail.manage', { manageUrl }),
    ]),
    kind: 'lunch.alreadySignedUp',
  };
}

/**
 * A caseworker signed the family up: who did (`caseworker`, their sign-in address), its place
 * (or wait-list) and its own link.
 */
export function onBehalfMail(locale: Locale, day: DayFacts, manageUrl: string, caseworker: string, name?: string) {
  const t = useTranslations(locale);
  return {
    subject: t('lunches.mail.onBehalf.subject'),
    bodyText: letter(
      locale,
      [
        t('lunches.mail.onBehalf.body', { ...facts(locale, day), caseworker }),
        whenAndWhere(locale, day),
        t('lunches.mail.manage', { manageUrl }),
      ],
      undefined,
      greeting(locale, name),
    ),
    kind: 'lunch.onBehalf',
  };
}

/**
 * The wait-list offer, in every locale: the database picks the household and its language in
 * the same statement that makes the offer, so the text is chosen there (with the general greeting).
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
            whenAndWhere(locale, day),
          ]),
        },
      ];
    }),
  ) as Record<Locale, { subject: string; bodyText: string }>;
}

/** Three days before: the day's facts, and the one-click "we can't come" link. */
export function reminderMail(locale: Locale, day: DayFacts, cantComeUrl: string, manageUrl: string, name?: string) {
  const t = useTranslations(locale);
  return {
    subject: t('lunches.mail.reminder.subject', facts(locale, day)),
    bodyText: letter(
      locale,
      [
        t('lunches.mail.reminder.body', { ...facts(locale, day), venue: day.venue || '—', cantComeUrl }),
        whenAndWhere(locale, day),
        t('lunches.mail.manage', { manageUrl }),
      ],
      undefined,
      greeting(locale, name),
    ),
    kind: 'lunch.reminder',
  };
}

/** The approved pair: what the family needs to know about the other, and the link to confirm. */
export function pairMail(locale: Locale, day: DayFacts, partner: string, confirmUrl: string, name?: string) {
  const t = useTranslations(locale);
  return {
    subject: t('lunches.mail.pair.subject'),
    bodyText: letter(
      locale,
      [
        t('lunches.mail.pair.body', {
          ...facts(locale, day),
          place: day.venue || t(`lunches.format.${day.format}`),
          partner,
          confirmUrl,
        }),
        whenAndWhere(locale, day),
      ],
      undefined,
      greeting(locale, name),
    ),
    kind: 'lunch.pair',
  };
}

/** Both families confirmed: the other family's contact person and how to reach them. */
export function contactsMail(
  locale: Locale,
  day: DayFacts,
  partner: { contactName: string; email: string; phone: string; messenger: string },
  name?: string,
) {
  const t = useTranslations(locale);
  const contact = [
    partner.contactName,
    partner.email,
    partner.phone && `${partner.phone}${partner.messenger ? ` (${t(`lunches.messengers.${partner.messenger}`)})` : ''}`,
  ]
    .filter(Boolean)
    .join('\n');
  return {
    subject: t('lunches.mail.contacts.subject'),
    bodyText: letter(
      locale,
      [t('lunches.mail.contacts.body', { ...facts(locale, day), contact }), whenAndWhere(locale, day)],
      undefined,
      greeting(locale, name),
    ),
    kind: 'lunch.contacts',
  };
}

/** The day after the lunch: the anonymous survey's one-use link. */
export function surveyMail(locale: Locale, day: DayFacts, surveyUrl: string, name?: string) {
  const t = useTranslations(locale);
  return {
    subject: t('lunches.mail.survey.subject'),
    bodyText: letter(
      locale,
      [t('lunches.mail.survey.body', { ...facts(locale, day), surveyUrl }), whenAndWhere(locale, day)],
      undefined,
      greeting(locale, name),
    ),
    kind: 'lunch.survey',
  };
}
