import type { MailTransport } from './transport.ts';

/**
 * Production mail through an HTTP mail API that takes JSON `{ from, to, subject, text, headers }`
 * with a bearer token (Resend, Postmark's and most providers' shape, or a small relay).
 * A non-2xx answer throws, so the outbox keeps the mail and retries it.
 */
export function httpMailTransport(url: string, token: string): MailTransport {
  return {
    async send(mail) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': mail.id },
        body: JSON.stringify({
          from: mail.from,
          to: [mail.to],
          subject: mail.subject,
          text: mail.text,
          headers: mail.headers,
        }),
      });
      if (!response.ok) throw new Error(`mail API answered ${response.status}`);
    },
  };
}
