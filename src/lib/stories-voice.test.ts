// Issue 16.9: the demo stories speak with one voice. A story's consent record (in the Slovak
// original) says what it is; its texts in every language say the same and nothing else: an
// illustrative composite says so and never claims a changed name (there is no one person whose
// name could be changed); a person's own account never calls itself illustrative.
import { readdirSync, readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { locales } from '../../core/locales.ts';

const illustrative = {
  sk: 'Toto je ilustračný príbeh zložený zo skúseností viacerých ľudí.',
  en: "This is an illustrative story made up of several people's experiences.",
  uk: 'Це ілюстративна історія, складена з досвіду кількох людей.',
};
const changedName =
  /name (has been|was|is) changed|changed (her|his|their) name|not (her|his|their) real name|pseudonym|men[oá] (sme )?(\p{L}+ )?zmen|zmenen\p{L}* men|ім[’']я змінено|змінили ім|псевдонім/iu;

const slugs = readdirSync('content/stories/sk').map((f) => f.replace(/\.mdx$/, ''));
const read = (locale: string, slug: string) => {
  const [, front = '', body = ''] =
    /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(readFileSync(`content/stories/${locale}/${slug}.mdx`, 'utf8')) ?? [];
  return { data: load(front) as { consent?: { kind: string; pseudonym: boolean } }, body };
};

describe('the stories keep one voice with their consent records', () => {
  it('every demo story is an illustrative composite: no pseudonym, marked as such in every language, no changed name', () => {
    expect(slugs).toEqual(['amina-bratislava', 'maria-withdrawn', 'nguyen-family', 'oleksandr-kosice']);
    const found = slugs.flatMap((slug) => {
      const { consent } = read('sk', slug).data;
      return locales.map((locale) => {
        const { body } = read(locale, slug);
        return `${locale}/${slug}: ${consent?.kind} pseudonym=${consent?.pseudonym} marked=${body.includes(illustrative[locale])} changedName=${changedName.test(body)}`;
      });
    });
    expect(found).toEqual(
      slugs.flatMap((slug) =>
        locales.map((l) => `${l}/${slug}: composite pseudonym=false marked=true changedName=false`),
      ),
    );
  });
});
