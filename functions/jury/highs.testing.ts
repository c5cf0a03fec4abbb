// Test helper: the HiGHS LP/MIP solver (npm `highs`, WebAssembly, a dev dependency) as an independent
// check of our own solvers. Only tests import this file.
import loadHighs from 'highs';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highs: Highs | undefined;

/** A linear term: coefficient × variable name. */
export type Term = readonly [number, string];
/** A linear constraint: Σ terms (sense) rhs. */
export interface Row {
  terms: readonly Term[];
  sense: '<=' | '>=' | '=';
  rhs: number;
}

const expression = (terms: readonly Term[]): string => {
  if (terms.length === 0) return '0 zero';
  const parts = terms.map(([c, v], i) => `${c < 0 ? '-' : i === 0 ? '' : '+'} ${Math.abs(c)} ${v}`);
  // LP-format lines stay short: one term per line.
  return parts.join('\n  ');
};

/**
 * Solves `sense Σ objective s.t. rows`, variables binary (`binary`) or in [0, upper] (`bounds`),
 * and returns the optimal objective value, or null when infeasible.
 * @throws Error when HiGHS answers anything but Optimal or Infeasible.
 */
export async function solveMip(model: {
  sense: 'Minimize' | 'Maximize';
  objective: readonly Term[];
  rows: readonly Row[];
  binary: readonly string[];
  bounds?: readonly { name: string; upper: number }[];
}): Promise<number | null> {
  highs ??= await loadHighs();
  const lines = [model.sense, ` obj: ${expression(model.objective)}`, 'Subject To'];
  model.rows.forEach((r, i) => {
    lines.push(` r${i}: ${expression(r.terms)} ${r.sense} ${r.rhs}`);
  });
  // A dummy variable fixed at 0 lets an empty expression be written.
  lines.push(' fixzero: zero = 0');
  lines.push('Bounds');
  for (const b of model.bounds ?? []) lines.push(` 0 <= ${b.name} <= ${b.upper}`);
  if (model.binary.length) lines.push('Binary', ...model.binary.map((v) => ` ${v}`));
  lines.push('End');
  const result = highs.solve(lines.join('\n'), { output_flag: false, mip_rel_gap: 0 } as never);
  if (result.Status === 'Infeasible') return null;
  if (result.Status !== 'Optimal') throw new Error(`HiGHS: ${result.Status}`);
  return result.ObjectiveValue;
}
