import type { TFunction } from 'i18next';
import { formatZonedInstant } from '../../core/dates.ts';

/** A jury round as its times are shown: its state and its times (ISO instants). */
export interface RoundTimes {
  state: 'upcoming' | 'open' | 'closed';
  /** When it opens; without it an upcoming round is shown with its close. */
  opensAt?: string;
  closesAt: string;
}

/**
 * A round's state with the one time that matters to it, in Europe/Bratislava wall time with the
 * zone named: "upcoming, opens …", "open, closes …", and for a closed round "closed …" (when it
 * closed), never "closed, closes …" (a tester finding). The one wording for every page that lists rounds.
 */
export function roundTimes(t: TFunction, locale: string, round: RoundTimes): string {
  const state = t(`jury.pages.home.state.${round.state}`);
  if (round.state === 'closed')
    return t('jury.pages.home.closedOn', { date: formatZonedInstant(locale, round.closesAt) });
  return round.state === 'upcoming' && round.opensAt
    ? `${state}, ${t('jury.pages.home.opens', { date: formatZonedInstant(locale, round.opensAt) })}`
    : `${state}, ${t('jury.pages.home.closes', { date: formatZonedInstant(locale, round.closesAt) })}`;
}
