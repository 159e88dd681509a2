/**
 * torch/graph: `graph.Node`, `graph.Edge` and `graph.Graph` (graph/init.lua, Node.lua, Edge.lua), the
 * directed-graph layer nngraph builds on. Children and node/edge lists are JS arrays here; Lua keeps the
 * same lists plus reverse keys (`children[child] = index`), which the `.t7` hooks (t7.ts) write and read.
 */
import { TorchError } from '../../lib/errors.js';

/**
 * `graph.Node`: a data payload and an ordered list of children (no duplicates).
 * @example
 * const a = new GraphNode('a'), b = new GraphNode('b');
 * a.add(b); // a.children = [b]
 */
export class GraphNode<D = unknown> {
  data: D;
  /** Position in the last graph this node was added to (1-based; 0 for a free node). */
  id = 0;
  children: GraphNode<D>[] = [];
  visited = false;
  marked = false;

  constructor(data: D) { this.data = data; }

  /** The Torch class name. */
  get __typename(): string { return 'graph.Node'; }

  /** Appends `child` (or each node of an array) unless it is already a child. */
  add(child: GraphNode<D> | GraphNode<D>[]): void {
    if (Array.isArray(child)) { child.forEach((c) => this.add(c)); return; }
    if (!this.children.includes(child)) this.children.push(child);
  }

  /** Depth-first visit with pre- and post-order callbacks; marks nodes `visited` (Node:visit). */
  visit(pre?: (n: this) => void, post?: (n: this) => void): void {
    if (this.visited) return;
    pre?.(this);
    for (const c of this.children) (c as this).visit(pre, post);
    post?.(this);
  }

  /** Post-order depth-first traversal; clears `visited` afterwards. */
  dfs(fn: (n: this) => void): void {
    const seen: this[] = [];
    this.visit((n) => { n.visited = true; }, (n) => { fn(n); seen.push(n); });
    for (const n of seen) n.visited = false;
  }

  /** Breadth-first traversal; clears `marked` afterwards. */
  bfs(fn: (n: this) => void): void {
    const queue: this[] = [this], seen: this[] = [];
    this.marked = true;
    while (queue.length > 0) {
      const n = queue.shift()!;
      seen.push(n);
      fn(n);
      for (const c of n.children as this[]) if (!c.marked) { c.marked = true; queue.push(c); }
    }
    for (const n of seen) n.marked = false;
  }

  /** The graph of every edge reachable from this node, in breadth-first order (Node:graph). */
  graph(): Graph<D> {
    const g = new Graph<D>();
    this.bfs((n) => { for (const c of n.children) g.add(new Edge(n, c)); });
    return g;
  }

  /** A description of the node for printing. */
  label(): string { return String(this.data); }
}

/**
 * `graph.Edge`: a directed edge `from -> to` (an optional weight).
 * @example
 * const e = new Edge(new GraphNode('a'), new GraphNode('b'));
 */
export class Edge<D = unknown> {
  weight?: number;
  constructor(public from: GraphNode<D>, public to: GraphNode<D>, weight?: number) {
    if (weight !== undefined) this.weight = weight;
  }
  get __typename(): string { return 'graph.Edge'; }
}

/**
 * `graph.Graph`: node and edge lists in insertion order; `topsort`, `reverse`, `roots`, `leaves`.
 * @example
 * const a = new GraphNode('a'), b = new GraphNode('b');
 * const g = new Graph();
 * g.add(new Edge(a, b));
 * g.topsort().map((n) => n.data); // ['a', 'b']: each node before its children
 */
export class Graph<D = unknown> {
  nodes: GraphNode<D>[] = [];
  edges: Edge<D>[] = [];

  get __typename(): string { return 'graph.Graph'; }

  /** Adds an edge (its nodes too) and links `from -> to`; node ids become their positions. */
  add(edge: Edge<D> | Edge<D>[]): void {
    if (Array.isArray(edge)) { edge.forEach((e) => this.add(e)); return; }
    if (!(edge instanceof Edge)) throw new TorchError('graph.Edge or {graph.Edges} expected');
    if (!this.edges.includes(edge)) this.edges.push(edge);
    if (!this.nodes.includes(edge.from)) this.nodes.push(edge.from);
    if (!this.nodes.includes(edge.to)) this.nodes.push(edge.to);
    edge.from.add(edge.to);
    edge.from.id = this.nodes.indexOf(edge.from) + 1;
    edge.to.id = this.nodes.indexOf(edge.to) + 1;
  }

  /** A graph with every edge reversed; new nodes (same class) share the data. Returns it and old → new. */
  reverse(): [Graph<D>, Map<GraphNode<D>, GraphNode<D>>] {
    const rg = new Graph<D>();
    const map = new Map<GraphNode<D>, GraphNode<D>>();
    const copy = (n: GraphNode<D>) => {
      if (!map.has(n)) map.set(n, new (n.constructor as new (d: D) => GraphNode<D>)(n.data));
      return map.get(n)!;
    };
    for (const e of this.edges) {
      const from = copy(e.from), to = copy(e.to);
      rg.add(new Edge(to, from));
    }
    return [rg, map];
  }

  /** Nodes with no incoming edge, in node order. */
  roots(): GraphNode<D>[] {
    const targets = new Set(this.edges.map((e) => e.to));
    const roots = new Set<GraphNode<D>>();
    for (const e of this.edges) if (!targets.has(e.from)) roots.add(e.from);
    return [...roots].sort((a, b) => this.nodes.indexOf(a) - this.nodes.indexOf(b));
  }

  /** Nodes with no outgoing edge, in node order. */
  leaves(): GraphNode<D>[] {
    const sources = new Set(this.edges.map((e) => e.from));
    const leaves = new Set<GraphNode<D>>();
    for (const e of this.edges) if (!sources.has(e.to)) leaves.add(e.to);
    return [...leaves].sort((a, b) => this.nodes.indexOf(a) - this.nodes.indexOf(b));
  }

  /** Topological order (graph.Graph:topsort): post-order DFS of the reversed graph from its roots. */
  topsort(): GraphNode<D>[] {
    const [rg, map] = this.reverse();
    const rmap = new Map<GraphNode<D>, GraphNode<D>>();
    for (const [k, v] of map) rmap.set(v, k);
    const roots = rg.roots();
    if (roots.length === 0) throw new TorchError('Graph has cycles');
    let start: GraphNode<D>;
    if (roots.length > 1) {
      start = new GraphNode<D>('dummy_root' as D);
      for (const r of roots) start.add(r);
    } else start = roots[0];
    const sorted: GraphNode<D>[] = [];
    start.dfs((n) => { const o = rmap.get(n); if (o) sorted.push(o); });
    if (sorted.length !== this.nodes.length) throw new TorchError('Graph has cycles');
    return sorted;
  }
}
