import { Hono } from 'hono';
import { html } from 'hono/html';
import type { DevMailbox } from './transport.ts';

/**
 * `/dev/mail`: the local mailbox, so confirmation links can be followed without a mail server.
 * Mounted only when mails are kept locally (MAIL_TRANSPORT=local); a developer tool, in English.
 */
export const devMailRoutes = (mailbox: DevMailbox) =>
  new Hono()
    .get('/', async (c) => {
      const mails = await mailbox.list();
      c.header('Cache-Control', 'no-store');
      return c.html(html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>Local mailbox – Spotlight</title>
    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
  </head>
  <body>
    <main>
      <h1>Local mailbox</h1>
      <p>Mails the portal sent while running locally, newest first. ${mails.length} in all.</p>
      ${
        mails.length === 0
          ? html`<p>No mail yet.</p>`
          : html`<table>
            <thead><tr><th scope="col">Date</th><th scope="col">To</th><th scope="col">Subject</th></tr></thead>
            <tbody>
              ${mails.map(
                (m) =>
                  html`<tr><td>${m.date}</td><td>${m.to}</td><td><a href="/dev/mail/${m.key}">${m.subject}</a></td></tr>`,
              )}
            </tbody>
          </table>`
      }
    </main>
  </body>
</html>`);
    })
    .get('/:key', async (c) => {
      const eml = await mailbox.read(c.req.param('key'));
      if (eml === null) return c.notFound();
      return c.body(eml, 200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    });
