// The README's folder map and its "Where is…" table stay true: every top-level folder and every
// domain in functions/ has a line in the map, and every file the table names exists.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The text of a `## heading` section, up to the next `## `. */
function section(heading: string): string {
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README has no "## ${heading}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** Folders that hold tracked files, directly under `dir` (top level when ''). */
function trackedFolders(dir: string): string[] {
  const files = execSync(`git ls-files ${dir ? `-- ${dir}` : ''}`, { cwd: root, encoding: 'utf8' }).split('\n');
  const depth = dir ? dir.split('/').length : 0;
  const folders = files
    .map((f) => f.split('/'))
    .filter((parts) => parts.length > depth + 1)
    .map((parts) => parts[depth] ?? '');
  return [...new Set(folders)].filter((name) => !name.startsWith('.')).sort();
}

describe('README', () => {
  const map = section('Folder map');

  it('lists every top-level folder in its folder map', () => {
    const missing = trackedFolders('').filter((folder) => !new RegExp(`^${folder}/`, 'm').test(map));
    expect(missing).toEqual([]);
  });

  it('lists every functions/ domain with a line of its own', () => {
    const missing = trackedFolders('functions').filter((folder) => !new RegExp(`^ +${folder}/ `, 'm').test(map));
    expect(missing).toEqual([]);
  });

  it('names only files that exist in its "Where is…" table', () => {
    const paths = [...section('Where is…').matchAll(/`([\w./[\]-]+\.(?:ts|astro|mjs|cjs|jsonc?|sql|css))`/g)].map(
      (m) => m[1] ?? '',
    );
    expect(paths.length).toBeGreaterThanOrEqual(8);
    expect(paths.filter((path) => !existsSync(join(root, path)))).toEqual([]);
  });
});
