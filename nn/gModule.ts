/** nn.gModule (nngraph/gmodule.lua): a module made of a directed acyclic graph of nngraph nodes. */
import { TorchError } from '../lib/errors.js';
import { Container } from './Container.js';
import type { Module } from './Module.js';
import { expectNode } from './nngraph/nesting.js';
import { checkNodes } from './nngraph/checks.js';
import { Node } from './nngraph/Node.js';
import type { Graph } from './nngraph/graph.js';
import { runAccGrad, runBackward, runForward } from './nngraph/run.js';
import { cloneGModule, typeGModule } from './nngraph/gModuleType.js';
import './nngraph/call.js';

/**
 * A graph of modules: `new nn.gModule(inputs, outputs)` takes the input nodes and the output nodes.
 * One input and one output take and give a tensor (or whatever the node passes); several take and
 * give arrays, in the order of `inputs` / `outputs`.
 * @example
 * const x1 = new nn.Identity().__call__(), x2 = new nn.Identity().__call__();
 * const a = new nn.CAddTable().__call__([x1, x2]);
 * const m = new nn.gModule([x1, x2], [new nn.Tanh().__call__(a), a]);
 * const [t, s] = m.forward([torch.randn(3), torch.randn(3)]);
 */
export class gModule extends Container {
  /** The graph gradients flow through (from `outnode` to the inputs). */
  bg!: Graph<any>;
  /** The graph outputs are computed through (`bg` reversed; new nodes sharing the data). */
  fg!: Graph<any>;
  /** The dummy node feeding the inputs (a node of `fg`). */
  innode!: Node;
  /** The dummy node collecting the outputs (a node of `bg`). */
  outnode!: Node;
  /** Print each node as it is evaluated. */
  verbose = false;
  nInputs!: number;
  /** `fg`'s nodes in topological order (forward evaluation order). */
  forwardnodes!: Node[];
  /** `bg`'s nodes in topological order (backward evaluation order). */
  backwardnodes!: Node[];
  /** An optional name, printed instead of `nn.gModule`. */
  name?: string;

  constructor(inputs: Node[], outputs: Node[]) {
    super();
    const outnode = new Node({ input: [] });
    outputs.forEach((n, i) => outnode.add(expectNode(n, 'outputs', i + 1), true));
    inputs.forEach((n, i) => expectNode(n, 'inputs', i + 1));
    const innode = new Node({ input: [] });
    if (inputs.length === 0) throw new TorchError('no inputs are not supported');
    if (inputs.length === 1) inputs[0].add(innode, true);
    else {
      const splits = innode.split(inputs.length);
      for (const n of inputs) if (n.children.length !== 0) throw new TorchError('an input should have no inputs');
      inputs.forEach((n, i) => n.add(splits[i], true));
    }
    this.bg = outnode.graph();
    this.fg = this.bg.reverse()[0];
    const roots = this.fg.roots() as Node[];
    let start: Node | undefined;
    if (roots.length > 1) {
      for (const r of roots) {
        if (r.data === innode.data) { start = r; continue; }
        const m = r.data.module as Module | undefined;
        if (!m) throw new TorchError('Expected nnop.Parameters node, module not found in node');
        throw new TorchError(`Expected nnop.Parameters node, found : ${m.__typename}`);
      }
      if (!start) throw new TorchError('input node not found among roots');
    } else {
      if (roots.length !== 1) throw new TorchError('expecting only one start');
      start = roots[0];
    }
    if (start.data !== innode.data) throw new TorchError('expecting the forward innode');
    this.innode = start;
    this.outnode = outnode;
    this.verbose = false;
    this.nInputs = inputs.length;
    this.forwardnodes = this.fg.topsort() as Node[];
    this.backwardnodes = this.bg.topsort() as Node[];
    checkNodes(this.forwardnodes, (m) => this.add(m));
    this.output = undefined;
    this.gradInput = undefined;
    if (this.outnode.children.length > 1) this.output = this.outnode.data.input;
  }

  override updateOutput(input: any): any {
    return runForward(this, (m, x) => m.updateOutput(x), input);
  }
  override updateGradInput(_input: any, gradOutput: any): any { return runBackward(this, gradOutput); }
  override accGradParameters(_input: any, gradOutput: any, scale = 1): void { runAccGrad(this, gradOutput, scale); }
  /**
   * Each module's accUpdateGradParameters, in backward order (as Sequential does). nngraph defines none, so
   * Torch's gModule falls back to Module's, which only accumulates -lr * gradients into the children's
   * gradWeight and leaves the weights unchanged: a silent wrong answer this port does not copy.
   */
  override accUpdateGradParameters(_input: any, gradOutput: any, lr: number): void { runAccGrad(this, gradOutput, lr, true); }

  /** Runs `func(module, input)` for every node in forward order (gModule:runForwardFunction). */
  runForwardFunction(func: string | ((m: Module, input: any) => any), input: any): any {
    const f = typeof func === 'string' ? (m: any, x: any) => m[func](x) : func;
    return runForward(this, f, input);
  }

  /** Empties the buffers, and the inputs and gradOutputs every node holds. */
  override clearState(): this {
    super.clearState();
    for (const n of this.backwardnodes) { n.data.gradOutput = undefined; n.data.gradOutputBuffer = undefined; }
    for (const n of this.forwardnodes) n.data.input = undefined;
    return this;
  }

  override type(type?: string, cache = new Map<unknown, any>()): any {
    if (type === undefined) return this._type;
    return typeGModule(this, type, cache);
  }

  /** A deep copy made as Torch makes it (write then read); `clone('weight', 'bias')` shares those. */
  override clone(...names: string[]): this {
    const c = cloneGModule(this);
    if (names.length > 0) c.share(this, ...names);
    return c;
  }

  /** Replaces this module and every module of the graph by `fn(module)` (nodes updated too). */
  override replace(fn: (m: Module) => Module): Module {
    const out = fn(this);
    for (const node of this.forwardnodes) {
      const m = node.data.module as Module | undefined;
      if (!m) continue;
      const i = this.modules.indexOf(m);
      node.data.module = m.replace(fn);
      if (i >= 0) this.modules[i] = node.data.module;
    }
    return out;
  }

  /** Calls `func(myModule, itsModule)` for the modules of two gModules of the same structure. */
  map(gm: gModule, func: (a: Module, b: Module) => void): void {
    this.forwardnodes.forEach((node, i) => {
      const other = gm.forwardnodes[i];
      if (!other) throw new TorchError('trying to map another gModule with a different structure');
      if (node.data.module) {
        if (!other.data.module) throw new TorchError('trying to map another gModule with a different structure');
        func(node.data.module, other.data.module);
      }
    });
  }

  /** `self.name` or `nn.gModule`, as nngraph prints it. */
  override toString(): string { return this.name ?? this.__typename; }
}
