import type { Locale } from '../../core/locales.ts';
import { useTranslations } from '../../core/t.ts';
import { letter, sender } from '../mail/letter.ts';
import type { NewMail } from '../mail/outbox.service.ts';

/**
 * The double opt-in mail. It carries a one-click unsubscribe link in the body and the
 * RFC 8058 List-Unsubscribe headers, like every mail the portal sends to subscribers.
 */
export function confirmationMail(locale: Locale, to: string, confirmUrl: string, unsubscribeUrl: string): NewMail {
  const t = useTranslations(locale);
  return {
    recipient: to,
    subject: t('mail.confirm.subject', sender(locale)),
    bodyText: letter(
      locale,
      [t('mail.confirm.body', { ...sender(locale), confirmUrl })],
      t('mail.unsubscribe', { unsubscribeUrl }),
    ),
    headers: {
      'Content-Language': locale,
      'List-Unsubscribe': `<${unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    kind: 'newsletter.confirm',
  };
}
