// `npm run bench` (bench/run.mjs) runs every benchmark and joins their sections into BENCHMARKS.md.
// This keeps its list true: every file in bench/ is either a benchmark it runs or named, with a
// reason, as one it does not, so a new benchmark cannot be forgotten. Fast: reads files, starts nothing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { notMeasured, templates } from '../bench/page-templates.mjs';
import { benchmarks, command, notRun } from '../bench/run.mjs';

const astroPages = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? astroPages(`${dir}/${e.name}`) : e.name.endsWith('.astro') ? [`${dir}/${e.name}`] : [],
  );

const benchFiles = readdirSync('bench', { withFileTypes: true })
  .filter((e) => e.isFile() && /\.(m?js|ts)$/.test(e.name))
  .map((e) => `bench/${e.name}`)
  .sort();

describe('npm run bench', () => {
  it('knows every file in bench/: a benchmark it runs, or one it names with the reason it does not', () => {
    const known = new Set([...benchmarks.map((b) => b.file), ...Object.keys(notRun)]);
    expect(benchFiles.filter((f) => !known.has(f))).toEqual([]);
  });

  it('names each file once, each section once, and no file it does not run that is gone', () => {
    const run = benchmarks.map((b) => b.file);
    expect(run.filter((f) => f in notRun)).toEqual([]);
    expect(new Set(run).size).toBe(run.length);
    expect(new Set(benchmarks.map((b) => b.name)).size).toBe(benchmarks.length);
    expect(Object.keys(notRun).filter((f) => !existsSync(f))).toEqual([]);
  });

  it('runs the six sections in the order BENCHMARKS.md shows them', () => {
    expect(benchmarks.map((b) => b.name)).toEqual(['build', 'api', 'pages-speed', 'soak', 'solvers', 'pages']);
  });

  it('starts TypeScript benchmarks through type stripping and is what `npm run bench` runs', () => {
    expect(command('bench/api.bench.ts')).toEqual([
      'node',
      ['--experimental-transform-types', '--no-warnings', 'bench/api.bench.ts'],
    ]);
    expect(command('bench/soak.mjs')).toEqual(['node', ['bench/soak.mjs']]);
    const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>;
    expect(scripts.bench).toBe('node bench/run.mjs');
  });

  it('measures every page template of src/pages, or names why not (bench/page-templates.mjs)', () => {
    const listed = [...templates.map((t) => t.template), ...Object.keys(notMeasured)];
    expect(astroPages('src/pages').sort()).toEqual([...listed].sort());
  });
});
