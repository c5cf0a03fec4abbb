import type { Locale } from '../../core/locales.ts';
import { useTranslations } from '../../core/t.ts';
import { letter, sender } from '../mail/letter.ts';
import type { NewMail } from '../mail/outbox.service.ts';

/** The outbox kind of vote-link mails; sent ones are purged (functions/votes/votes.service.ts). */
export const VOTE_MAIL_KIND = 'votes.link';

/**
 * The vote link: names the edition, category and entry chosen, and says that opening the link only
 * shows a page whose button casts the vote.
 */
export function voteLinkMail(
  locale: Locale,
  to: string,
  v: { url: string; competition: string; category: string; entry: string; expires: string },
): NewMail {
  const t = useTranslations(locale);
  return {
    recipient: to,
    subject: t('votes.mail.subject', { competition: v.competition }),
    bodyText: letter(locale, [t('votes.mail.body', { ...sender(locale), ...v }), t('votes.mail.ignore')]),
    headers: { 'Content-Language': locale },
    kind: VOTE_MAIL_KIND,
  };
}
