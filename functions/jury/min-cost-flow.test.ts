import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveMip, type Term } from './highs.testing.ts';
import { type BipartiteNetwork, bipartiteMinCostFlow, type FlowArc, minCostFlow } from './min-cost-flow.ts';

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

/** The bipartite network as plain arcs: source 0, lefts 1…L, rights L+1…L+R, sink L+R+1. */
function asArcs(network: BipartiteNetwork): { nodes: number; arcs: FlowArc[] } {
  const L = network.supply.length;
  const R = network.rightCount;
  const arcs: FlowArc[] = network.supply.map((s, l) => ({ from: 0, to: 1 + l, capacity: s, cost: 0 }));
  for (const p of network.pairs) arcs.push({ from: 1 + p.left, to: 1 + L + p.right, capacity: 1, cost: p.cost });
  for (let r = 0; r < R; r++) {
    for (let u = 1; u <= network.rightCapacity[r]!; u++) {
      arcs.push({ from: 1 + L + r, to: L + R + 1, capacity: 1, cost: network.unitCost(r, u) });
    }
  }
  return { nodes: L + R + 2, arcs };
}

describe('bipartiteMinCostFlow', () => {
  it('moves a left node to free a right for another (worked by hand)', () => {
    // Lefts 0 and 1 want one right each. Left 0: right 0 costs 0, right 1 costs 5. Left 1: right 0 only,
    // cost 1. Right capacities 1. Left 0 first takes right 0 (0); then left 1's only way is to push
    // left 0 over to right 1: total 5 + 1 = 6.
    const result = bipartiteMinCostFlow({
      supply: [1, 1],
      rightCount: 2,
      pairs: [
        { left: 0, right: 0, cost: 0 },
        { left: 0, right: 1, cost: 5 },
        { left: 1, right: 0, cost: 1 },
      ],
      rightCapacity: [1, 1],
      unitCost: () => 0,
    });
    expect(result).toMatchObject({ flow: 2, cost: 6, used: [false, true, true] });
  });

  it('balances loads through convex unit costs', () => {
    // Four lefts, each can go to either right at cost 0; unit costs 10·u make the loads 2 and 2.
    const result = bipartiteMinCostFlow({
      supply: [1, 1, 1, 1],
      rightCount: 2,
      pairs: [0, 1, 2, 3].flatMap((left) => [
        { left, right: 0, cost: 0 },
        { left, right: 1, cost: 0 },
      ]),
      rightCapacity: [4, 4],
      unitCost: (_, u) => 10 * u,
    });
    expect(result.flow).toBe(4);
    expect(result.cost).toBe(2 * (10 + 20));
    expect(result.used.filter((u, i) => u && i % 2 === 0).length).toBe(2);
  });

  it('finds the same flow value and cost as the generic solver on random networks', () => {
    const network = fc
      .record({
        L: fc.integer({ min: 1, max: 40 }),
        R: fc.integer({ min: 1, max: 7 }),
        seedPairs: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 90 })), { maxLength: 160 }),
        supply: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 40, maxLength: 40 }),
        capacity: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 7, maxLength: 7 }),
        kept: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 7, maxLength: 7 }),
        weight: fc.constantFrom(0, 1, 7, 1000),
      })
      .map(({ L, R, seedPairs, supply, capacity, kept, weight }): BipartiteNetwork => {
        const seen = new Set<number>();
        const pairs: BipartiteNetwork['pairs'][number][] = [];
        for (const [a, b, cost] of seedPairs) {
          const left = a % L;
          const right = b % R;
          if (seen.has(left * R + right)) continue;
          seen.add(left * R + right);
          pairs.push({ left, right, cost });
        }
        return {
          supply: supply.slice(0, L),
          rightCount: R,
          pairs,
          rightCapacity: capacity.slice(0, R),
          unitCost: (r, u) => weight * (kept[r]! + u),
        };
      });
    fc.assert(
      fc.property(network, (net) => {
        const ours = bipartiteMinCostFlow(net);
        const { nodes, arcs } = asArcs(net);
        const reference = minCostFlow(nodes, arcs, 0, nodes - 1);
        expect([ours.flow, ours.cost]).toEqual([reference.flow, reference.cost]);
        // The pairs it reports are a flow of that cost: within supplies and capacities, costed the same.
        const perLeft = new Map<number, number>();
        const perRight = new Map<number, number>();
        let total = 0;
        net.pairs.forEach((p, i) => {
          if (!ours.used[i]) return;
          perLeft.set(p.left, (perLeft.get(p.left) ?? 0) + 1);
          perRight.set(p.right, (perRight.get(p.right) ?? 0) + 1);
          total += p.cost;
        });
        for (const [left, n] of perLeft) expect(n).toBeLessThanOrEqual(net.supply[left]!);
        for (const [right, n] of perRight) {
          expect(n).toBeLessThanOrEqual(net.rightCapacity[right]!);
          for (let u = 1; u <= n; u++) total += net.unitCost(right, u);
        }
        expect(total).toBe(ours.cost);
        expect(ours.used.filter(Boolean).length).toBe(ours.flow);
      }),
      { numRuns: 300 },
    );
  });
});
