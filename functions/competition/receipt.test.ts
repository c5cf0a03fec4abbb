import { describe, expect, it } from 'vitest';
import { organisation } from '../../core/organisation.ts';
import { createTestApp, postJson, TEST_ORIGIN } from '../testing/app.ts';
import { completeEntrySteps, createUploadRow, createUser } from '../testing/factories.ts';
import { signedIn } from '../testing/sign-in.ts';
import { insertDemoEditions } from './demo-edition.ts';

/** The space this runtime's ICU puts before "PM" (a narrow no-break space in newer CLDR). */
const beforePm = new Intl.DateTimeFormat('en', { timeStyle: 'short', timeZone: 'UTC' }).format(0).at(-3);

/** The organiser's lines as the organisation config has them today (filled in by the organisation). */
function organiserLines(locale: 'en' | 'sk') {
  const contacts = [organisation.contact.email, organisation.contact.phone].filter(Boolean).join(', ');
  const name = organisation.shortName[locale];
  const email = organisation.contact.email;
  if (locale === 'en')
    return [
      contacts
        ? `The competition is organised by ${name}. Contact: ${contacts}`
        : `The competition is organised by ${name}.`,
      email
        ? `If you have a question or need help, write to us at ${email}.`
        : 'To be completed by the organisation: the address where you can ask for help.',
      `Kind regards,\nthe ${name} team`,
    ];
  return [
    contacts ? `Súťaž organizuje ${name}. Kontakt: ${contacts}` : `Súťaž organizuje ${name}.`,
    email
      ? `Ak máte otázku alebo potrebujete pomoc, napíšte nám na ${email}.`
      : 'Doplní organizácia: adresu, na ktorej môžete požiadať o pomoc.',
    `S pozdravom\ntím ${name}`,
  ];
}

/** A submitted entry in the demo's "written and online" category with two files, in `lang`. */
async function submitted(lang: 'en' | 'sk') {
  const t = await createTestApp();
  await insertDemoEditions(t.db, t.deps.clock());
  const jana = await createUser(t.db, { email: 'jana@example.org' });
  const jar = await signedIn(t, 'jana@example.org');
  const post = (path: string, body: unknown = {}) =>
    t.request(path, postJson({ ...(body as object), lang }, jar.header()));
  const { id } = (await (await post('/api/competition/editions/2027/entries')).json()) as { id: string };
  const steps = completeEntrySteps(t.deps.clock(), 'Čakanie na cudzineckej polícii');
  steps.authors.authors.push({ name: 'Peter Malý', role: '' });
  for (const [step, body] of Object.entries(steps))
    expect((await post(`/api/competition/entries/${id}/steps/${step}`, body)).status).toBe(200);
  for (const size of [1_234, 6_300_000]) {
    const upload = await createUploadRow(t.db, {
      ownerId: jana,
      purpose: `entry:${id}`,
      state: 'complete',
      declaredSize: size,
      now: t.deps.clock(),
    });
    expect((await post(`/api/competition/entries/${id}/files`, { uploadId: upload })).status).toBe(200);
    t.advance(1000);
  }
  expect((await post(`/api/competition/entries/${id}/submit`)).status).toBe(200);
  const rows = await t.client.execute({
    sql: "SELECT recipient, subject, body_text, headers FROM outbox WHERE kind = 'competition.submitted'",
    args: [],
  });
  return { id, rows: rows.rows.map((r) => ({ ...r })) };
}

describe('the receipt mailed on submission (node, libSQL)', () => {
  it('lists category, authors, files with formats and sizes, the close in Bratislava time, the link and the organiser (en)', async () => {
    const { id, rows } = await submitted('en');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.recipient).toBe('jana@example.org');
    expect(rows[0]!.subject).toBe('Your entry MIS-2027-0001 has been received');
    expect(JSON.parse(String(rows[0]!.headers))).toEqual({ 'Content-Language': 'en' });
    expect(rows[0]!.body_text).toBe(
      `${[
        'Hello,',
        'We are writing from IOM Slovakia about the media competition Migrants in the Spotlight. Thank you: your entry "Čakanie na cudzineckej polícii" has been received with the number MIS-2027-0001.',
        [
          'What you sent:',
          'Title: Čakanie na cudzineckej polícii',
          'Category: Written and online journalism',
          'Authors: Jana Nováková (reporter) and Peter Malý',
          'Files:',
          '- Reportáž.pdf (PDF, 1.2 kB)',
          '- Reportáž.pdf (PDF, 6.3 MB)',
        ].join('\n'),
        `Until submissions close on March 23, 2027 at 11:59${beforePm}PM (Bratislava time) you can change or withdraw the entry on its page. Opening the page changes nothing; the buttons on it do:\n${TEST_ORIGIN}/en/competition/entries/${id}/review/`,
        'After the close, we check that each entry meets the rules before it goes to the jury.',
        ...organiserLines('en'),
      ].join('\n\n')}\n`,
    );
  });

  it('is written in the entrant’s language, with the close in that language’s format (sk)', async () => {
    const { id, rows } = await submitted('sk');
    expect(rows[0]!.subject).toBe('Vašu prihlášku MIS-2027-0001 sme prijali');
    expect(rows[0]!.body_text).toBe(
      `${[
        'Dobrý deň,',
        'Píšeme vám z IOM Slovensko v súvislosti s mediálnou súťažou Migranti v centre pozornosti. Ďakujeme: vašu prihlášku „Čakanie na cudzineckej polícii“ sme prijali pod číslom MIS-2027-0001.',
        [
          'Čo ste poslali:',
          'Názov: Čakanie na cudzineckej polícii',
          'Kategória: Písaná a online žurnalistika',
          'Autori: Jana Nováková (reporter) a\u00a0Peter Malý',
          'Súbory:',
          '- Reportáž.pdf (PDF, 1,2 kB)',
          '- Reportáž.pdf (PDF, 6,3 MB)',
        ].join('\n'),
        `Do uzávierky 23. marca 2027 o 23:59 (bratislavský čas) môžete prihlášku meniť alebo vziať späť na jej stránke. Otvorenie stránky nič nezmení, zmenia to až tlačidlá na nej:\n${TEST_ORIGIN}/sk/competition/entries/${id}/review/`,
        'Po uzávierke skontrolujeme, či každá prihláška spĺňa pravidlá, a potom ju postúpime porote.',
        ...organiserLines('sk'),
      ].join('\n\n')}\n`,
    );
  });
});
