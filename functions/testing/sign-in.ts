import { linkIn, postJson, TEST_ORIGIN, type createTestApp, pressButton } from './app.ts';
import { CookieJar } from './factories.ts';

/** Signs `email` in through the real magic-link flow and returns that browser's cookies. */
export async function signedIn(t: Awaited<ReturnType<typeof createTestApp>>, email: string): Promise<CookieJar> {
  const jar = new CookieJar();
  jar.store(await t.request('/api/auth/login', postJson({ email, lang: 'en' })));
  const mails = await t.mailbox.list();
  const mail = mails.find((m) => m.to === email && m.subject === 'Your sign-in link for the IOM Slovakia portal');
  if (!mail) throw new Error(`no sign-in mail to ${email}`);
  const link = linkIn((await t.mailbox.read(mail.key))!, `${TEST_ORIGIN}/api/auth/callback?token=`);
  jar.store(await t.request(link.slice(TEST_ORIGIN.length), pressButton(jar.header())));
  return jar;
}
