// dependency-cruiser does not read .astro files, so the import rules of .dependency-cruiser.cjs
// are applied here to every import in every .astro file (frontmatter and <script> blocks).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Rule {
  name: string;
  from: { path?: string; pathNot?: string };
  to: { path?: string; pathNot?: string; circular?: boolean; dependencyTypesNot?: string[] };
}

const root = join(import.meta.dirname, '..');
const { forbidden } = createRequire(import.meta.url)(join(root, '.dependency-cruiser.cjs')) as { forbidden: Rule[] };

/** Every .astro file under `dir`, as paths relative to the repository root. */
function astroFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return astroFiles(path);
    return entry.name.endsWith('.astro') ? [path] : [];
  });
}

/** The relative imports of an .astro file: resolved path and whether the import is type-only. */
function importsOf(file: string, source: string): { to: string; typeOnly: boolean }[] {
  const found: { to: string; typeOnly: boolean }[] = [];
  const pattern = /\bimport\s+(type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/g;
  for (const match of source.matchAll(pattern)) {
    const specifier = match[2] ?? '';
    found.push({ to: normalize(relative(root, join(root, dirname(file), specifier))), typeOnly: Boolean(match[1]) });
  }
  return found;
}

/** The rules an import from `from` to `to` breaks (cycles are dependency-cruiser's: .astro files are leaves). */
function broken(from: string, to: string, typeOnly: boolean): string[] {
  const matches = (pattern: string | undefined, path: string) =>
    pattern === undefined || new RegExp(pattern).test(path);
  return forbidden
    .filter((rule) => !rule.to.circular)
    .filter(
      (rule) =>
        matches(rule.from.path, from) &&
        !(rule.from.pathNot && new RegExp(rule.from.pathNot).test(from)) &&
        matches(rule.to.path, to) &&
        !(rule.to.pathNot && new RegExp(rule.to.pathNot).test(to)) &&
        !(typeOnly && rule.to.dependencyTypesNot?.includes('type-only')),
    )
    .map((rule) => rule.name);
}

describe('imports of .astro files follow .dependency-cruiser.cjs', () => {
  it('reads imports, type-only ones included', () => {
    const source = [
      "import Base from '../../layouts/Base.astro';",
      "import type { ErrorBody } from '../../../functions/errors.ts';",
      "import {\n  a,\n  b,\n} from '../../../functions/db/schema/accounts.ts';",
    ].join('\n');
    expect(importsOf('src/pages/x/y.astro', source)).toEqual([
      { to: 'src/layouts/Base.astro', typeOnly: false },
      { to: 'functions/errors.ts', typeOnly: true },
      { to: 'functions/db/schema/accounts.ts', typeOnly: false },
    ]);
  });

  it('would catch a page importing the database or a service', () => {
    expect(broken('src/pages/[lang]/x.astro', 'functions/db/schema/materials.ts', false)).toEqual([
      'site-reaches-api-only-through-its-contract',
      'site-never-imports-the-database',
    ]);
    expect(broken('src/pages/[lang]/x.astro', 'functions/db/schema/materials.ts', true)).toEqual([
      'site-never-imports-the-database',
    ]);
    expect(broken('src/pages/[lang]/x.astro', 'functions/lunches/days.service.ts', false)).toEqual([
      'site-reaches-api-only-through-its-contract',
    ]);
    expect(broken('src/pages/[lang]/x.astro', 'functions/lunches/lunches.schemas.ts', false)).toEqual([]);
    expect(broken('src/pages/[lang]/x.astro', 'functions/errors.ts', false)).toEqual([]);
  });

  it('no .astro file breaks a rule', () => {
    const violations = astroFiles('src').flatMap((file) =>
      importsOf(file, readFileSync(join(root, file), 'utf8')).flatMap(({ to, typeOnly }) =>
        broken(file, to, typeOnly).map((rule) => `${rule}: ${file} → ${to}`),
      ),
    );
    expect(violations).toEqual([]);
  });
});
