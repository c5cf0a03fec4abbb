import { and, type SQL, sql } from 'drizzle-orm';
import { defaultLocale, isLocale, type Locale } from '../../core/locales.ts';
import type { Db } from '../db/client.ts';
import { lunchHouseholds } from '../db/schema/index.ts';
import { enqueueMailIf, type MailField } from '../mail/outbox.service.ts';

/** The language of mails to a household: the one it chose, or the default locale for a stored value we no longer publish in. */
export const localeOf = (locale: string): Locale => (isLocale(locale) ? locale : defaultLocale);

/** A lunch mail whose subject and text may be SQL over the household row (e.g. chosen by its locale). */
export interface HouseholdMail {
  subject: MailField;
  bodyText: MailField;
  /** `lunch.*`, so erasure and the retention purge find the household's mails. */
  kind: string;
}

/**
 * A mail to the household that `where` finds, queued only if it finds one with an address: the
 * conditional half of a batch (the mail goes out only if the change before it took effect).
 */
export function mailIf(db: Db, mail: HouseholdMail, where: SQL, now: Date) {
  return enqueueMailIf(
    db,
    { recipient: lunchHouseholds.email, ...mail },
    lunchHouseholds,
    and(sql`${lunchHouseholds.email} <> ''`, where)!,
    now,
  );
}
