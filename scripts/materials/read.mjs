// Reads the materials' MDX files in Node (outside Astro's content layer), for the generator and
// the build integration: the Slovak originals' facts, checked with the collection's own schema.
import { readFileSync, readdirSync } from 'node:fs';
import yaml from 'js-yaml';
import { materialFacts } from '../../src/lib/materials/schema.ts';

const root = 'content/materials';

/** Front matter and body of an MDX file. */
function split(path) {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(readFileSync(path, 'utf8').replace(/\r\n?/g, '\n'));
  if (!match) throw new Error(`${path}: no front matter`);
  return { data: /** @type {Record<string, unknown>} */ (yaml.load(match[1])), body: match[2] };
}

/**
 * Every material's id, its Slovak original's path and facts, sorted by id.
 * @returns {{ id: string, path: string, facts: import('../../src/lib/materials/schema.ts').MaterialFacts }[]}
 */
export function readMaterials() {
  return readdirSync(`${root}/sk`)
    .filter((f) => f.endsWith('.mdx'))
    .sort()
    .map((file) => {
      const path = `${root}/sk/${file}`;
      const parsed = materialFacts.safeParse(split(path).data);
      if (!parsed.success)
        throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return { id: file.replace(/\.mdx$/, ''), path, facts: parsed.data };
    });
}

/** A material's title, summary and body in one language. */
export function readText(id, language) {
  const { data, body } = split(`${root}/${language}/${id}.mdx`);
  return { title: String(data.title), summary: String(data.summary), body };
}
