// The API's folders depend on each other one way. dependency-cruiser's `no-circular` rule
// (npm run lint) catches cycles between files; this catches cycles between a domain's folder and
// another, or a root-level file (deps.ts, errors.ts, app.ts): each folder of functions/ is
// collapsed into one node, as `depcruise functions --collapse '^functions/[^/]+/'` shows it.
// Tests and the test helpers (functions/testing/) are left out: they may reach anywhere.
import { cruise, type IModule } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { describe, expect, it } from 'vitest';

/** The collapsed graph of functions/: node → the nodes it imports (type-only imports count too). */
async function folderGraph(): Promise<Map<string, Set<string>>> {
  const result = await cruise(
    ['functions'],
    {
      collapse: '^functions/[^/]+/',
      exclude: { path: '\\.test\\.ts$|^functions/testing/' },
      doNotFollow: { path: 'node_modules' },
      tsPreCompilationDeps: true,
      combinedDependencies: false,
    },
    { extensions: ['.ts', '.mjs', '.js', '.json'] },
    { tsConfig: extractTSConfig('tsconfig.json') },
  );
  if (typeof result.output === 'string') throw new Error('dependency-cruiser gave a report, not a result');
  const graph = new Map<string, Set<string>>();
  for (const module of result.output.modules as IModule[]) {
    if (!module.source.startsWith('functions/')) continue;
    const to = module.dependencies
      .map((d) => d.resolved)
      .filter((r) => r.startsWith('functions/') && r !== module.source);
    graph.set(module.source, new Set(to));
  }
  return graph;
}

/** Every strongly connected group of more than one node (Tarjan), each sorted: the cycles. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe('the API’s folder structure', () => {
  it('finds a cycle when there is one (the check itself works)', () => {
    const graph = new Map([
      ['functions/a/', new Set(['functions/b/'])],
      ['functions/b/', new Set(['functions/errors.ts', 'functions/a/'])],
      ['functions/errors.ts', new Set<string>()],
    ]);
    expect(cycles(graph)).toEqual([['functions/a/', 'functions/b/']]);
  });

  it('has no cycle between its folders and root-level files', { timeout: 60_000 }, async () => {
    const graph = await folderGraph();
    expect(graph.has('functions/accounts/')).toBe(true);
    expect(cycles(graph)).toEqual([]);
  });
});
