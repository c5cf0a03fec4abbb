// An HTML comment in an .astro template is sent to every visitor (Astro keeps it in the page), so
// the notes we write for each other in templates are `{/* … */}` expressions, which Astro drops.
// Comments inside <script> and <style> blocks are bundled and minified, so they are not checked.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

/** Every file under `dir` whose name ends with one of `endings`, relative to the repository root. */
function filesUnder(dir: string, endings: string[]): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path, endings);
    return endings.some((e) => entry.name.endsWith(e)) ? [path] : [];
  });
}

/** The HTML comments of a template outside its <script> and <style> blocks. */
function shippedComments(source: string): string[] {
  const markup = source.replace(/<(script|style)\b[\s\S]*?<\/\1>/g, '');
  return [...markup.matchAll(/<!--[\s\S]*?-->/g)].map((m) => m[0]);
}

describe('template comments never reach the page', () => {
  it('finds an HTML comment in markup, not in a script or style block', () => {
    expect(
      shippedComments(
        '<p>a</p>\n<!-- why -->\n<script>/* x */ const s = "<!-- no -->";</script><style><!-- --></style>',
      ),
    ).toEqual(['<!-- why -->']);
  });

  it('no .astro file or Markdown page has one', () => {
    const files = [...filesUnder('src', ['.astro']), ...filesUnder('content', ['.md', '.mdx'])];
    const found = files.flatMap((file) => shippedComments(readFileSync(join(root, file), 'utf8')).map(() => file));
    expect(found).toEqual([]);
  });
});
