// Min-cost flow: successive shortest paths with node potentials (Edmonds–Karp 1972, Tomizawa 1971),
// in its primal–dual form: one Dijkstra per phase gives the shortest distances under reduced costs,
// then a blocking flow (Dinic) pushes everything that fits along the paths of zero reduced cost, which
// are exactly the shortest paths. See Ahuja, Magnanti & Orlin, "Network Flows" (1993), §9.7 and §9.8.
//
// Our own, and pure: the maintained JavaScript flow libraries either solve max-flow only, use float
// costs with tolerances (so equal costs stop being equal and ties stop being deterministic), keep
// state in classes over Maps that are slow at 100 000 arcs, or ship an LP solver as WebAssembly
// (`highs`, ~2.6 MB) that a Worker should not carry; the assignment needs exact integer costs, stable
// tie-breaks and a few hundred lines, so it lives here, tested beside it and cross-checked in
// assignment.test.ts against HiGHS (a dev dependency only).

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
