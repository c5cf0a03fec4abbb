// Min-cost flow, two ways, both successive shortest paths with node potentials (Edmonds–Karp 1972,
// Tomizawa 1971; Ahuja, Magnanti & Orlin, "Network Flows" (1993), §9.7 and §9.8):
//  - `minCostFlow`: any network, in the primal–dual form: one Dijkstra per phase gives the shortest
//    distances under reduced costs, then a blocking flow (Dinic) pushes everything that fits along the
//    paths of zero reduced cost, which are exactly the shortest paths. General and simple; it is the
//    reference the specialised solver is tested against (2–4 s per solve on the bench instance).
//  - `bipartiteMinCostFlow`: source → left → right → sink with few right nodes and convex right costs
//    (the jury assignment), one unit per shortest path searched over the right nodes only (≈0.2 s).
//
// Why our own (and pure, so it runs the same in a Worker, in Node and in tests): the npm registry's
// one min-cost-flow package (`min-cost-flow` 2.1.0, generic successive shortest paths over a `heap`
// dependency; not benchmarked here) solves the general problem that `minCostFlow` below solves, and a
// generic solver needs seconds on the bench instance; the speed comes from folding the entries away
// (`bipartiteMinCostFlow`), which no package offers. LP/MIP solvers compiled to WebAssembly (`highs`:
// a 3.5 MB .wasm) are too heavy for a Worker and work with float tolerances, while the assignment needs
// exact integer costs and ties broken by id. HiGHS stays a dev dependency: the tests cross-check both
// solvers and the assignment against it.

/** One directed arc of the network. */
export interface FlowArc {
  /** Node index in [0, nodeCount). */
  from: number;
  to: number;
  /** Units the arc carries at most: a non-negative integer. */
  capacity: number;
  /** Cost per unit: a non-negative integer (exact below 2^53 in total). */
  cost: number;
}

/** What {@link minCostFlow} found. */
export interface MinCostFlowResult {
  /** Units sent from source to sink: the maximum flow, or `limit` if that is smaller. */
  flow: number;
  /** Total cost Σ arcFlow[i]·arcs[i].cost, minimal among flows of this value. */
  cost: number;
  /** Units on each input arc, in the input's order. */
  arcFlow: number[];
  /** Dijkstra phases run (how hard the instance was). */
  phases: number;
}

/** A binary min-heap of (key, node) pairs; ties broken by the smaller node index, so runs are repeatable. */
class Heap {
  private keys: number[] = [];
  private nodes: number[] = [];
  get size(): number {
    return this.keys.length;
  }
  private less(i: number, j: number): boolean {
    const a = this.keys[i]!;
    const b = this.keys[j]!;
    return a < b || (a === b && this.nodes[i]! < this.nodes[j]!);
  }
  private swap(i: number, j: number): void {
    const k = this.keys[i]!;
    this.keys[i] = this.keys[j]!;
    this.keys[j] = k;
    const n = this.nodes[i]!;
    this.nodes[i] = this.nodes[j]!;
    this.nodes[j] = n;
  }
  push(key: number, node: number): void {
    this.keys.push(key);
    this.nodes.push(node);
    let i = this.keys.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }
  /** Removes the smallest pair; returns its node (its key is read first with {@link topKey}). */
  pop(): number {
    const top = this.nodes[0]!;
    const lastKey = this.keys.pop()!;
    const lastNode = this.nodes.pop()!;
    if (this.keys.length > 0) {
      this.keys[0] = lastKey;
      this.nodes[0] = lastNode;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.keys.length && this.less(l, m)) m = l;
        if (r < this.keys.length && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
  topKey(): number {
    return this.keys[0]!;
  }
  /** The smallest pair's node, left in the heap (callers that drop stale items lazily read it first). */
  topNode(): number {
    return this.nodes[0]!;
  }
}

/**
 * A minimum-cost flow from `source` to `sink`: the largest flow (at most `limit` units), and among
 * flows of that value one of least total cost. Deterministic: the same arcs in the same order give
 * the same arc flows.
 *
 * Shapes: arcs are `{ from, to, capacity, cost }` over nodes `0 … nodeCount−1`; capacities and costs
 * are non-negative integers. Time O(phases · (A log N + A·N)) for A arcs and N nodes; the number of
 * phases is the number of distinct shortest-path lengths met on the way.
 *
 * @throws RangeError when a node index is out of range, a capacity or cost is negative or not an
 * integer, or source equals sink (caller error, not an HTTP error).
 */
export function minCostFlow(
  nodeCount: number,
  arcs: readonly FlowArc[],
  source: number,
  sink: number,
  limit = Number.POSITIVE_INFINITY,
): MinCostFlowResult {
  if (source === sink || source < 0 || sink < 0 || source >= nodeCount || sink >= nodeCount) {
    throw new RangeError('minCostFlow: bad source or sink');
  }
  const m = arcs.length;
  // Residual edges: 2i is arc i forward, 2i+1 its reverse; grouped per node (CSR) in input order.
  const edgeTo = new Int32Array(2 * m);
  const edgeCap = new Float64Array(2 * m);
  const edgeCost = new Float64Array(2 * m);
  const degree = new Int32Array(nodeCount + 1);
  for (let i = 0; i < m; i++) {
    const a = arcs[i]!;
    if (
      !(a.from >= 0 && a.from < nodeCount && a.to >= 0 && a.to < nodeCount) ||
      !Number.isInteger(a.capacity) ||
      a.capacity < 0 ||
      !Number.isInteger(a.cost) ||
      a.cost < 0
    ) {
      throw new RangeError(`minCostFlow: bad arc ${i}`);
    }
    edgeTo[2 * i] = a.to;
    edgeCap[2 * i] = a.capacity;
    edgeCost[2 * i] = a.cost;
    edgeTo[2 * i + 1] = a.from;
    edgeCap[2 * i + 1] = 0;
    edgeCost[2 * i + 1] = -a.cost;
    degree[a.from + 1]!++;
    degree[a.to + 1]!++;
  }
  const start = new Int32Array(nodeCount + 1);
  for (let v = 0; v < nodeCount; v++) start[v + 1] = start[v]! + degree[v + 1]!;
  const order = new Int32Array(2 * m);
  const fill = start.slice(0, nodeCount);
  for (let i = 0; i < m; i++) {
    const a = arcs[i]!;
    order[fill[a.from]!++] = 2 * i;
    order[fill[a.to]!++] = 2 * i + 1;
  }
  const edgeFrom = (e: number): number => edgeTo[e ^ 1]!;

  const pi = new Float64Array(nodeCount);
  const dist = new Float64Array(nodeCount);
  const settled = new Uint8Array(nodeCount);
  const level = new Int32Array(nodeCount);
  const cursor = new Int32Array(nodeCount);
  const queue = new Int32Array(nodeCount);
  const pathEdges = new Int32Array(nodeCount);
  const INF = Number.POSITIVE_INFINITY;
  let flow = 0;
  let phases = 0;

  const reduced = (e: number): number => edgeCost[e]! + pi[edgeFrom(e)]! - pi[edgeTo[e]!]!;

  while (flow < limit) {
    // Dijkstra under reduced costs (all ≥ 0), stopping once the sink is settled.
    phases++;
    dist.fill(INF);
    settled.fill(0);
    dist[source] = 0;
    const heap = new Heap();
    heap.push(0, source);
    while (heap.size > 0) {
      const d = heap.topKey();
      const u = heap.pop();
      if (settled[u] || d > dist[u]!) continue;
      settled[u] = 1;
      if (u === sink) break;
      for (let k = start[u]!; k < start[u + 1]!; k++) {
        const e = order[k]!;
        if (edgeCap[e]! <= 0) continue;
        const v = edgeTo[e]!;
        if (settled[v]) continue;
        const nd = d + reduced(e);
        if (nd < dist[v]!) {
          dist[v] = nd;
          heap.push(nd, v);
        }
      }
    }
    if (!settled[sink]) break;
    // New potentials: π += min(d, d(sink)) keeps every residual reduced cost ≥ 0 and makes the
    // shortest paths exactly the paths of zero reduced cost.
    const dt = dist[sink]!;
    for (let v = 0; v < nodeCount; v++) pi[v]! += settled[v] ? dist[v]! : dt;

    // Blocking flows (Dinic) on the zero-reduced-cost residual graph until the sink is cut off.
    for (;;) {
      level.fill(-1);
      level[source] = 0;
      let head = 0;
      let tail = 0;
      queue[tail++] = source;
      while (head < tail) {
        const u = queue[head++]!;
        for (let k = start[u]!; k < start[u + 1]!; k++) {
          const e = order[k]!;
          const v = edgeTo[e]!;
          if (edgeCap[e]! > 0 && level[v]! < 0 && reduced(e) === 0) {
            level[v] = level[u]! + 1;
            queue[tail++] = v;
          }
        }
      }
      if (level[sink]! < 0) break;
      for (let v = 0; v < nodeCount; v++) cursor[v] = start[v]!;
      // Iterative DFS along level-increasing admissible edges, one augmenting path at a time.
      let pushedAny = false;
      while (flow < limit) {
        let depth = 0;
        let u = source;
        while (u !== sink) {
          let advanced = false;
          while (cursor[u]! < start[u + 1]!) {
            const e = order[cursor[u]!]!;
            const v = edgeTo[e]!;
            if (edgeCap[e]! > 0 && level[v] === level[u]! + 1 && reduced(e) === 0) {
              pathEdges[depth++] = e;
              u = v;
              advanced = true;
              break;
            }
            cursor[u]!++;
          }
          if (!advanced) {
            if (u === source) break;
            level[u] = -1; // dead end: never visit again in this blocking flow
            depth--;
            u = edgeFrom(pathEdges[depth]!);
            cursor[u]!++;
          }
        }
        if (u !== sink) break;
        let push = limit - flow;
        for (let i = 0; i < depth; i++) push = Math.min(push, edgeCap[pathEdges[i]!]!);
        for (let i = 0; i < depth; i++) {
          const e = pathEdges[i]!;
          edgeCap[e]! -= push;
          edgeCap[e ^ 1]! += push;
        }
        flow += push;
        pushedAny = true;
      }
      if (!pushedAny || flow >= limit) break;
    }
  }

  const arcFlow: number[] = new Array(m);
  let cost = 0;
  for (let i = 0; i < m; i++) {
    const f = edgeCap[2 * i + 1]!;
    arcFlow[i] = f;
    cost += f * arcs[i]!.cost;
  }
  return { flow, cost, arcFlow, phases };
}

/** A bipartite transportation network for {@link bipartiteMinCostFlow}. */
export interface BipartiteNetwork {
  /** Units each left node must send at most (source → left capacities). */
  supply: readonly number[];
  /** Number of right nodes (kept small: the work per augmentation grows with its square). */
  rightCount: number;
  /** Left–right arcs, capacity 1 each, with non-negative integer costs; at most one per (left, right). */
  pairs: readonly { left: number; right: number; cost: number }[];
  /** Units each right node may take (right → sink), at most. */
  rightCapacity: readonly number[];
  /**
   * Cost of the u-th unit (u = 1, 2, …) into the sink from `right`: a non-negative integer,
   * non-decreasing in u (a convex cost of the right node's load, e.g. B·(kept + u) for balance).
   */
  unitCost: (right: number, u: number) => number;
}

/** What {@link bipartiteMinCostFlow} found. */
export interface BipartiteFlow {
  /** Units sent: the maximum. */
  flow: number;
  /** Least total cost among maximum flows: Σ pair costs used + Σ unit costs of the right loads. */
  cost: number;
  /** Whether each pair (input order) is used. */
  used: boolean[];
  /** Augmenting paths found. */
  augmentations: number;
}

/**
 * The same min-cost maximum flow as {@link minCostFlow}, specialised to source → left → right → sink
 * networks with unit left–right arcs, few right nodes and convex right → sink costs (the jury
 * assignment: thousands of entries, tens of jurors). Successive shortest paths, one unit at a time,
 * but each shortest path is found on the right nodes only: a residual path alternates right nodes
 * and left nodes, so the left nodes are folded into right–right arcs whose cost is the best
 * "move one left node from right r′ to right r" (c(ℓ, r) − c(ℓ, r′), the least over ℓ, kept in a lazy
 * heap per (r′, r)), and the source into "take a left node with supply left" (a lazy heap per r).
 * Dijkstra with potentials on those R + 1 nodes costs O(R²) per unit. Paths through the sink or back
 * into the source are never needed for an s–t shortest path, so the graph searched leaves them out
 * (Johnson's potentials stay valid on that subgraph: augmenting adds only reverses of its own arcs,
 * or arcs into the source or out of the sink).
 *
 * Deterministic: ties go to the smaller right index, then the smaller left index.
 * @throws RangeError on a negative or fractional cost, or a pair out of range.
 */
export function bipartiteMinCostFlow(network: BipartiteNetwork): BipartiteFlow {
  const { supply, rightCount: R, pairs, rightCapacity, unitCost } = network;
  const L = supply.length;
  const need = Int32Array.from(supply);
  const load = new Int32Array(R);
  const used: boolean[] = new Array(pairs.length).fill(false);
  // Pairs of each left node, and the pair of (left, right) if any.
  const pairsOfLeft: number[][] = Array.from({ length: L }, () => []);
  const pairIndex = new Int32Array(L * R).fill(-1);
  const usedAt = new Uint8Array(L * R); // 1 where the pair (left, right) is used
  pairs.forEach((p, i) => {
    if (!(p.left >= 0 && p.left < L && p.right >= 0 && p.right < R) || !Number.isInteger(p.cost) || p.cost < 0) {
      throw new RangeError(`bipartiteMinCostFlow: bad pair ${i}`);
    }
    pairsOfLeft[p.left]!.push(i);
    pairIndex[p.left * R + p.right] = i;
  });
  // from[r] holds (cost, left) of unused pairs (left, r) whose left still has supply.
  const from: Heap[] = Array.from({ length: R }, () => new Heap());
  // move[r′·R + r] holds (c(ℓ,r) − c(ℓ,r′), ℓ) for ℓ used on r′ and not on r.
  const move: Heap[] = Array.from({ length: R * R }, () => new Heap());
  for (let left = 0; left < L; left++) {
    if (need[left]! <= 0) continue;
    for (const i of pairsOfLeft[left]!) from[pairs[i]!.right]!.push(pairs[i]!.cost, left);
  }
  /** After pair `i` became used: its left node can now move from that right to its other rights. */
  const becameUsed = (i: number): void => {
    const p = pairs[i]!;
    for (const k of pairsOfLeft[p.left]!) {
      if (used[k]) continue;
      const q = pairs[k]!;
      move[p.right * R + q.right]!.push(q.cost - p.cost, p.left);
    }
  };
  /** After pair `i` became unused: the left's other rights can move it here, and the source may use it. */
  const becameUnused = (i: number): void => {
    const p = pairs[i]!;
    for (const k of pairsOfLeft[p.left]!) {
      if (!used[k]) continue;
      const q = pairs[k]!;
      move[q.right * R + p.right]!.push(p.cost - q.cost, p.left);
    }
    if (need[p.left]! > 0) from[p.right]!.push(p.cost, p.left);
  };
  /** Smallest valid item of a heap (stale ones dropped), or -1. */
  const topFrom = (r: number): number => {
    const h = from[r]!;
    while (h.size > 0) {
      const left = h.topNode();
      if (need[left]! > 0 && usedAt[left * R + r] === 0) return left;
      h.pop();
    }
    return -1;
  };
  const topMove = (r0: number, r: number): number => {
    const h = move[r0 * R + r]!;
    while (h.size > 0) {
      const left = h.topNode();
      if (usedAt[left * R + r0] === 1 && usedAt[left * R + r] === 0) return left;
      h.pop();
    }
    return -1;
  };

  // The current best arc out of each heap, kept in dense arrays for the search (INF: none). A heap's
  // best can only change when a left node in it changes its pairs, so after each augmentation only
  // the heaps of the rights that a moved left node gained or lost are looked at again.
  const INF = Number.POSITIVE_INFINITY;
  const fromKey = new Float64Array(R).fill(INF);
  const fromLeft = new Int32Array(R).fill(-1);
  const moveKey = new Float64Array(R * R).fill(INF);
  const moveLeft = new Int32Array(R * R).fill(-1);
  const refreshFrom = (r: number): void => {
    const left = topFrom(r);
    fromLeft[r] = left;
    fromKey[r] = left < 0 ? INF : from[r]!.topKey();
  };
  const refreshMove = (a: number, b: number): void => {
    const left = topMove(a, b);
    moveLeft[a * R + b] = left;
    moveKey[a * R + b] = left < 0 ? INF : move[a * R + b]!.topKey();
  };
  /** After `left` gained right `gained` and lost `lost` (−1: none, it came from the source). */
  const refreshLeft = (left: number, gained: number, lost: number): void => {
    for (const k of pairsOfLeft[left]!) {
      const r = pairs[k]!.right;
      if (r !== gained) {
        refreshMove(gained, r);
        refreshMove(r, gained);
      }
      if (lost >= 0 && r !== lost) {
        refreshMove(lost, r);
        refreshMove(r, lost);
      }
      if (lost < 0) refreshFrom(r); // its supply changed: every heap of the source it is in
    }
    if (lost >= 0) {
      refreshFrom(gained);
      refreshFrom(lost);
    }
  };
  for (let r = 0; r < R; r++) refreshFrom(r);

  const T = R; // the sink's index among the R + 1 searched nodes
  const pi = new Float64Array(R + 1);
  const dist = new Float64Array(R + 1);
  const done = new Uint8Array(R + 1);
  const prev = new Int32Array(R + 1); // previous right node (−1: the source)
  const via = new Int32Array(R + 1); // left node on the arc into this node
  const steps: number[] = []; // (left, gained, lost) triples of the last augmentation
  let flow = 0;
  let cost = 0;
  let augmentations = 0;

  for (;;) {
    dist.fill(INF);
    done.fill(0);
    for (let r = 0; r < R; r++) {
      if (fromLeft[r]! >= 0) {
        dist[r] = fromKey[r]! - pi[r]!;
        prev[r] = -1;
        via[r] = fromLeft[r]!;
      }
    }
    for (;;) {
      let u = -1;
      let best = INF;
      for (let v = 0; v <= R; v++) {
        if (!done[v] && dist[v]! < best) {
          best = dist[v]!;
          u = v;
        }
      }
      if (u < 0 || u === T) break;
      done[u] = 1;
      const base = best + pi[u]!;
      if (load[u]! < rightCapacity[u]!) {
        const d = base + unitCost(u, load[u]! + 1) - pi[T]!;
        if (d < dist[T]!) {
          dist[T] = d;
          prev[T] = u;
        }
      }
      const row = u * R;
      for (let r = 0; r < R; r++) {
        if (done[r]) continue;
        const d = base + moveKey[row + r]! - pi[r]!;
        if (d < dist[r]!) {
          dist[r] = d;
          prev[r] = u;
          via[r] = moveLeft[row + r]!;
        }
      }
    }
    if (dist[T] === INF) break;
    // Augment one unit along the path, from the sink back to the source.
    let r = prev[T]!;
    cost += unitCost(r, load[r]! + 1);
    load[r]!++;
    steps.length = 0;
    for (;;) {
      const left = via[r]!;
      const i = pairIndex[left * R + r]!;
      used[i] = true;
      usedAt[left * R + r] = 1;
      cost += pairs[i]!.cost;
      const back = prev[r]!;
      if (back < 0) {
        need[left]!--;
        becameUsed(i);
        steps.push(left, r, -1);
        break;
      }
      const j = pairIndex[left * R + back]!;
      used[j] = false;
      usedAt[left * R + back] = 0;
      cost -= pairs[j]!.cost;
      becameUsed(i);
      becameUnused(j);
      steps.push(left, r, back);
      r = back;
    }
    for (let s = 0; s < steps.length; s += 3) refreshLeft(steps[s]!, steps[s + 1]!, steps[s + 2]!);
    flow++;
    augmentations++;
    const dt = dist[T]!;
    for (let v = 0; v <= R; v++) pi[v]! += Math.min(dist[v]!, dt);
  }
  return { flow, cost, used, augmentations };
}
