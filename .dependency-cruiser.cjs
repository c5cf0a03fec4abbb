// The import rules `npm test` enforces (design.md: site → API → kernel, no cycles). `no-circular`
// catches cycles between files; cycles between the folders of functions/ (and its root-level files)
// are caught by scripts/structure.test.ts, which cruises functions/ with each folder collapsed into
// one node (a folder-scope rule here would also count the test files, which may reach anywhere).
// dependency-cruiser does not read .astro files: scripts/astro-imports.test.ts applies these rules to them.
/** The public contract of the API that the site may import: the error shape, schemas, types. */
const contract = '^functions/(errors\\.ts$|[^/]+/[^/]+\\.schemas\\.ts$)';
/** Where the site composes the API: the in-process client (createApp) and the Worker entry (cron, headers). */
const composition = '^src/(lib/api|worker)\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make load order matter and hide which module owns what.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'kernel-imports-nothing-of-ours',
      severity: 'error',
      comment:
        'core/ is framework-free and shared by both halves; it imports no other folder of ours (but content/i18n).',
      from: { path: '^core/' },
      to: { path: '^(src|functions|scripts|tests|bench)/' },
    },
    {
      name: 'api-never-imports-site',
      severity: 'error',
      comment: 'functions/ is the API; it must run without the Astro site.',
      from: { path: '^functions/' },
      to: { path: '^src/' },
    },
    {
      name: 'site-reaches-api-only-through-its-contract',
      severity: 'error',
      comment:
        'Pages, components and site libraries import from functions/ only errors.ts, *.schemas.ts and types; the typed client (src/lib/api.ts) and the Worker entry compose the app.',
      from: { path: '^src/', pathNot: composition },
      to: { path: '^functions/', pathNot: contract, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'site-never-imports-the-database',
      severity: 'error',
      comment: 'No page, component or site library touches the database schema or client, not even for types.',
      from: { path: '^src/' },
      to: { path: '^functions/db/' },
    },
    {
      name: 'generic-modules-know-no-domain',
      severity: 'error',
      comment:
        'uploads/, mail/, http/, crypto/ and anti-bot/ are generic: domains register with them in app.ts, not the other way.',
      from: { path: '^functions/(uploads|mail|http|crypto|anti-bot)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^functions/(competition|lunches|materials|newsletter|privacy|jury|results)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|\\.astro|\\.data|\\.wrangler)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.mjs', '.js', '.json'],
    },
  },
};
