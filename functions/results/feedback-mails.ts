import { toLocale } from '../../core/locales.ts';
import { useTranslations } from '../../core/t.ts';
import { localizedPath } from '../../core/urls.ts';
import { letter, sender } from '../mail/letter.ts';
import type { NewMail } from '../mail/outbox.service.ts';
import { winnersPath } from './publication-cache.ts';
import type { Outcome } from './publication-rules.ts';

/** What the feedback mail names: the entry, its outcome, and where to read more. */
export interface FeedbackMailInput {
  /** The entry's language (`entries.locale`): the mail is written in it. */
  locale: string;
  to: string;
  /** The edition's name in that language. */
  edition: string;
  editionId: string;
  entryId: string;
  number: string;
  title: string;
  outcome: Outcome;
  /** The public origin, e.g. https://spotlight.example.org */
  origin: string;
}

/**
 * "The results are out": the entry's outcome, a link to the entrant's page with the jurors'
 * comments (signed in) and to the public winners page. Names no juror.
 */
export function feedbackMail(input: FeedbackMailInput): NewMail {
  const l = toLocale(input.locale);
  const t = useTranslations(l);
  const entryUrl = `${input.origin}${localizedPath(l, `/competition/entries/${encodeURIComponent(input.entryId)}/results/`)}`;
  const winnersUrl = `${input.origin}${winnersPath(l, input.editionId)}`;
  return {
    recipient: input.to,
    subject: t('publication.mail.subject', { edition: input.edition }),
    bodyText: letter(l, [
      t('publication.mail.body', {
        ...sender(l),
        edition: input.edition,
        number: input.number,
        title: input.title,
        outcome: t(`publication.outcome.${input.outcome}`),
      }),
      t('publication.mail.links', { entryUrl, winnersUrl }),
    ]),
    headers: { 'Content-Language': l },
    kind: 'results.feedback',
  };
}
