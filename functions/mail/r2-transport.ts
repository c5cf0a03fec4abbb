import { toEml } from './eml.ts';
import type { DevMailbox, MailTransport, MailboxEntry } from './transport.ts';

const PREFIX = 'dev-mail/';

/**
 * Local development mail: each message becomes an `.eml` object in the files bucket, which
 * wrangler keeps under `.data/`. Never used in production.
 */
export function r2Mailbox(bucket: R2Bucket): MailTransport & DevMailbox {
  return {
    async send(mail) {
      // Newest first when listed: keys sort by inverted time.
      const order = String(9_999_999_999_999 - mail.date.getTime()).padStart(13, '0');
      await bucket.put(`${PREFIX}${order}-${mail.id}.eml`, toEml(mail), {
        httpMetadata: { contentType: 'message/rfc822' },
        customMetadata: { to: mail.to, subject: mail.subject, date: mail.date.toISOString() },
      });
    },
    async list() {
      const listing = await bucket.list({ prefix: PREFIX, limit: 200, include: ['customMetadata'] });
      return listing.objects.map(
        (o): MailboxEntry => ({
          key: o.key.slice(PREFIX.length),
          to: o.customMetadata?.to ?? '',
          subject: o.customMetadata?.subject ?? '',
          date: o.customMetadata?.date ?? o.uploaded.toISOString(),
        }),
      );
    },
    async read(key) {
      if (!/^[\w.-]+\.eml$/.test(key)) return null;
      const object = await bucket.get(`${PREFIX}${key}`);
      return object ? object.text() : null;
    },
  };
}
