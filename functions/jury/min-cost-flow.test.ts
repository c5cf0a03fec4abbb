import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveMip, type Term } from './highs.testing.ts';
import { type FlowArc, minCostFlow } from './min-cost-flow.ts';

describe('minCostFlow', () => {
  it('sends the maximum flow at least cost (worked by hand)', () => {
    // Max flow 3: the cut into the sink is 1→3 (1) + 2→3 (2). Cheapest three units: 0-1-3 (1 + 1 = 2),
    // 0-1-2-3 (1 + 0 + 2 = 3) and 0-2-3 (2 + 2 = 4), 9 in all; 0→1 carries 2, 0→2 carries 1.
    const arcs: FlowArc[] = [
      { from: 0, to: 1, capacity: 2, cost: 1 },
      { from: 0, to: 2, capacity: 2, cost: 2 },
      { from: 1, to: 3, capacity: 1, cost: 1 },
      { from: 2, to: 3, capacity: 2, cost: 2 },
      { from: 1, to: 2, capacity: 1, cost: 0 },
    ];
    const result = minCostFlow(4, arcs, 0, 3);
    expect(result.flow).toBe(3);
    expect(result.cost).toBe(9);
    expect(result.arcFlow).toEqual([2, 1, 1, 2, 1]);
  });

  it('stops at the limit, taking the cheapest units first', () => {
    const arcs: FlowArc[] = [
      { from: 0, to: 1, capacity: 5, cost: 3 },
      { from: 0, to: 1, capacity: 5, cost: 1 },
    ];
    expect(minCostFlow(2, arcs, 0, 1, 6)).toMatchObject({ flow: 6, cost: 5 * 1 + 1 * 3, arcFlow: [1, 5] });
  });

  it('reroutes earlier flow when a later path needs its arc (the residual reverse arc)', () => {
    // A 2×2 assignment: source 0, workers 1 and 2, jobs 3 and 4, sink 5. Worker 1 costs 1 on job 3 and 2
    // on job 4; worker 2 costs 1 on job 3 and 100 on job 4. Worker 1 first takes job 3 (1); then worker 2
    // must push it to job 4 through the reverse arc: 1→4 (2) + 2→3 (1) = 3.
    const arcs: FlowArc[] = [
      { from: 0, to: 1, capacity: 1, cost: 0 },
      { from: 0, to: 2, capacity: 1, cost: 0 },
      { from: 1, to: 3, capacity: 1, cost: 1 },
      { from: 1, to: 4, capacity: 1, cost: 2 },
      { from: 2, to: 3, capacity: 1, cost: 1 },
      { from: 2, to: 4, capacity: 1, cost: 100 },
      { from: 3, to: 5, capacity: 1, cost: 0 },
      { from: 4, to: 5, capacity: 1, cost: 0 },
    ];
    const result = minCostFlow(6, arcs, 0, 5);
    expect(result).toMatchObject({ flow: 2, cost: 3 });
    expect(result.arcFlow.slice(2, 6)).toEqual([0, 1, 1, 0]);
  });

  it('returns no flow when the sink cannot be reached', () => {
    expect(minCostFlow(3, [{ from: 0, to: 1, capacity: 4, cost: 1 }], 0, 2)).toMatchObject({ flow: 0, cost: 0 });
  });

  it('refuses negative costs, fractional capacities and a source that is the sink', () => {
    expect(() => minCostFlow(2, [{ from: 0, to: 1, capacity: 1, cost: -1 }], 0, 1)).toThrow(RangeError);
    expect(() => minCostFlow(2, [{ from: 0, to: 1, capacity: 0.5, cost: 1 }], 0, 1)).toThrow(RangeError);
    expect(() => minCostFlow(2, [{ from: 0, to: 2, capacity: 1, cost: 1 }], 0, 1)).toThrow(RangeError);
    expect(() => minCostFlow(2, [], 1, 1)).toThrow(RangeError);
  });

  it('agrees with HiGHS on max flow and its least cost, on random networks', async () => {
    const network = fc.integer({ min: 3, max: 8 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        arcs: fc.array(
          fc.record({
            from: fc.integer({ min: 0, max: n - 1 }),
            to: fc.integer({ min: 0, max: n - 1 }),
            capacity: fc.integer({ min: 0, max: 4 }),
            cost: fc.integer({ min: 0, max: 9 }),
          }),
          { maxLength: 20 },
        ),
      }),
    );
    await fc.assert(
      fc.asyncProperty(network, async ({ n, arcs: raw }) => {
        const arcs = raw.filter((a) => a.from !== a.to);
        const ours = minCostFlow(n, arcs, 0, n - 1);
        // Same network as an LP (network matrices are totally unimodular: the LP optimum is integral).
        const into = (v: number): Term[] => arcs.flatMap((a, i): Term[] => (a.to === v ? [[1, `f${i}`]] : []));
        const out = (v: number): Term[] => arcs.flatMap((a, i): Term[] => (a.from === v ? [[1, `f${i}`]] : []));
        const conservation = Array.from({ length: n - 2 }, (_, i) => ({
          terms: [...into(i + 1), ...out(i + 1).map(([c, v]): Term => [-c, v])],
          sense: '=' as const,
          rhs: 0,
        }));
        const value: Term[] = [...out(0), ...into(0).map(([c, v]): Term => [-c, v])];
        const bounds = arcs.map((a, i) => ({ name: `f${i}`, upper: a.capacity }));
        const maxFlow = await solveMip({ sense: 'Maximize', objective: value, rows: conservation, binary: [], bounds });
        expect(ours.flow).toBe(Math.round(maxFlow ?? 0));
        const least = await solveMip({
          sense: 'Minimize',
          objective: arcs.map((a, i): Term => [a.cost, `f${i}`]),
          rows: [...conservation, { terms: value, sense: '=', rhs: ours.flow }],
          binary: [],
          bounds,
        });
        expect(ours.cost).toBe(Math.round(least ?? 0));
      }),
      { numRuns: 60 },
    );
  });
});
