import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toEml } from './eml.ts';
import type { DevMailbox, MailTransport } from './transport.ts';

/**
 * Node-side local mail: each message is an `.eml` file in `dir`. Used where the API runs in
 * Node (tests, scripts); the Worker keeps its local mail in R2 instead (r2-transport.ts).
 */
export function fileMailbox(dir: string): MailTransport & DevMailbox {
  const parse = (eml: string, key: string) => {
    const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'm').exec(eml)?.[1]?.trim() ?? '';
    return { key, to: header('To'), subject: header('Subject'), date: header('Date') };
  };
  return {
    async send(mail) {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, `${mail.date.getTime()}-${mail.id}.eml`), toEml(mail), { flag: 'wx' });
    },
    async list() {
      const names = await readdir(dir).catch(() => []);
      const emls = names
        .filter((n) => n.endsWith('.eml'))
        .sort()
        .reverse();
      return Promise.all(emls.map(async (key) => parse(await readFile(join(dir, key), 'utf8'), key)));
    },
    async read(key) {
      if (!/^[\w.-]+\.eml$/.test(key)) return null;
      return readFile(join(dir, key), 'utf8').catch(() => null);
    },
  };
}
