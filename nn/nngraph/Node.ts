/**
 * `nngraph.Node` (nngraph/node.lua): a graph.Node whose data holds a module, the ordered inputs
 * (`mapindex`) and, at run time, the node's inputs and gradOutputs.
 */
import { TorchError } from '../../lib/errors.js';
import { LuaTable } from '../../lib/File/lua.js';
import { GraphNode } from './GraphNode.js';
import { JustElement } from './JustElement.js';
import { nodeLabel } from './dot.js';

/**
 * What a node holds (a plain Lua table in Torch, shared by the node's copies in the forward and backward graphs).
 * `mapindex` and `reverseMap` are Lua tables with Torch's layout: `mapindex` maps 1..n to the input nodes'
 * data and each input's data back to its position; `reverseMap` maps each consumer node to `true`.
 */
export interface NodeData {
  module?: any;
  mapindex: LuaTable;
  reverseMap?: LuaTable;
  annotations: Record<string, any>;
  /** The inputs of the last forward, in `mapindex` order. */
  input?: any[];
  /** The gradOutputs of the last backward, to be summed. */
  gradOutput?: any[];
  gradOutputBuffer?: any;
  /** Set on the nodes `split(n)` creates: the element of the split table this node passes on (1-based). */
  selectindex?: number;
  /** Set on the node `split(n)` routes through. */
  nSplitOutputs?: number;
  forwardNodeId?: number;
  [key: string]: any;
}

/** The package's compiled root (…/dist/) and, under source maps, its source root. */
const ROOTS = ((d: string) => [d, d.replace(/dist\/$/, '')])(new URL('../../', import.meta.url).pathname);
/** This package's files that build nodes (skipped when looking for the caller). */
const OWN = /^nn\/(nngraph\/[^/]+|Module|Criterion|gModule)\.[jt]s$/;

/** `[file]:line_` of the first caller outside nngraph (nngraph's `_debugLabel`, from debug.getinfo). */
export function callerLabel(): string {
  const lines = (new Error().stack ?? '').split('\n').slice(1);
  for (const l of lines) {
    const m = /\(?((?:file:\/\/)?[^\s()]+):(\d+):\d+\)?\s*$/.exec(l);
    if (!m) continue;
    const file = m[1].replace(/^file:\/\//, '');
    if (ROOTS.some((r) => file.startsWith(r) && OWN.test(file.slice(r.length)))) continue;
    return `[${file}]:${m[2]}_`;
  }
  return '[?]:-1_';
}

/**
 * A node of an nngraph graph. Made by calling a module: `new nn.Linear(3, 4).__call__(x)` (Lua's
 * `nn.Linear(3,4)(x)`); `new nn.Identity().__call__()` makes an input node.
 * @example
 * const x = new nn.Identity().__call__();
 * const h = new nn.Tanh().__call__(new nn.Linear(3, 4).__call__(x)).annotate({ name: 'hidden' });
 */
export class Node extends GraphNode<NodeData> {
  declare children: Node[];

  constructor(data: Partial<NodeData> = {}) {
    super(data as NodeData);
    const d = this.data;
    d.annotations ??= {};
    if (!(d.mapindex instanceof LuaTable)) d.mapindex = new LuaTable();
    if (!(d.reverseMap instanceof LuaTable)) d.reverseMap = new LuaTable();
    if (!d.annotations._debugLabel) d.annotations._debugLabel = callerLabel();
  }

  override get __typename(): string { return 'nngraph.Node'; }

  /**
   * Adds `child` as a child in the graph (in the backward sense: `child` is an input of this node);
   * with `domap`, records the input's position in `mapindex` and this node in the input's `reverseMap`.
   */
  override add(child: Node | Node[], domap = false): void {
    super.add(child);
    if (!domap || Array.isArray(child)) return;
    const mapindex = this.data.mapindex;
    const data = child.data;
    if (mapindex.has(data)) throw new TorchError("Don't pass the same input twice.");
    const n = mapindex.border + 1;
    mapindex.set(n, data);
    mapindex.set(data, n);
    const rev = child.data.reverseMap ??= new LuaTable();
    if (rev.has(this)) throw new TorchError('this connection has already been made!');
    rev.set(this, true);
  }

  /**
   * `n` nodes that each take one element of this node's (table) output, in order. `split(1)` is a JustElement node.
   * @example
   * const [a, b] = new nn.SplitTable(1).__call__(x).split(2);
   */
  split(n: number): Node[] {
    if (n === 1) return [new JustElement().__call__(this)];
    const label = (this.data.annotations?._debugLabel ?? '') as string;
    const loc = callerLabel().replace(/_$/, '');
    const mnode = new Node({ nSplitOutputs: n, annotations: { _debugLabel: `${label} split at ${loc}-mnode` } });
    mnode.add(this, true);
    const out: Node[] = [];
    for (let i = 1; i <= n; i++) {
      const node = new Node({ selectindex: i, input: [], annotations: { _debugLabel: `${label}-${i}` } });
      node.add(mnode, true);
      out.push(node);
    }
    return out;
  }

  /** Merges `annotations` (e.g. `{name: 'h1'}`) into the node's annotations; returns the node. */
  annotate(annotations: Record<string, unknown>): this {
    Object.assign(this.data.annotations, annotations);
    return this;
  }

  /** `name (id)` when annotated with a name, else `Node<id>`. */
  graphNodeName(): string {
    const name = this.data.annotations?.name;
    return name ? `${name} (${this.id})` : `Node${this.id}`;
  }

  /** Graphviz attributes: the tooltip is the `_debugLabel`. */
  graphNodeAttributes(): Record<string, unknown> {
    const a = this.data.annotations;
    a.graphAttributes ??= {};
    a.graphAttributes.tooltip ??= a._debugLabel;
    return a.graphAttributes;
  }

  /** nngraph's label: a `key = value` line per data field (`module = nn.Linear(3 -> 4)`, `input = {Tensor[4]}` ...). */
  override label(): string { return nodeLabel(this.data); }

  override toString(): string { return `nngraph.Node(${this.graphNodeName()})`; }
}
