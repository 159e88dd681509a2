/** nngraph's errors, in its words. */
import { expect } from 'chai';
import { torch, Tensor } from '../../../lib/index.js';
import { nn, nngraph } from '../../../nn/index.js';

const input = () => new nn.Identity().__call__();
const randn = (...s: number[]): Tensor => (torch as any).randn(...s);

describe('nngraph errors', () => {
  describe('building nodes', () => {
    it('a nil input', () => {
      expect(() => new nn.Tanh().__call__(undefined as any)).to.throw('inputs[1] is nil (typo / bad index?)');
    });
    it('an empty table of inputs', () => {
      expect(() => new nn.Tanh().__call__([])).to.throw('cannot pass an empty table of inputs. To indicate no incoming connections, leave the second set of parens blank.');
    });
    it('a module instead of a node', () => {
      expect(() => new nn.Tanh().__call__(new nn.Linear(2, 2) as any)).to.throw(
        'inputs[1] is an nn.Module, specifically a nn.Linear, but the only valid thing to pass is an instance of nngraph.Node. ' +
        'Did you forget a second set of parens, which convert a nn.Module to a nngraph.Node?');
    });
    it('something else instead of a node', () => {
      expect(() => new nn.CAddTable().__call__(input(), 5 as any)).to.throw('inputs[2] should be an nngraph.Node but is of type number');
      expect(() => new nn.CAddTable().__call__([input(), randn(2) as any])).to.throw('inputs[2] should be an nngraph.Node but is of type torch.DoubleTensor');
    });
    it('the same input twice', () => {
      const x = input();
      expect(() => new nn.CAddTable().__call__(x, x)).to.throw("Don't pass the same input twice.");
    });
  });

  describe('nn.gModule', () => {
    it('bad outputs and inputs', () => {
      const x = input();
      expect(() => new nn.gModule([x], [undefined as any])).to.throw('outputs[1] is nil (typo / bad index?)');
      expect(() => new nn.gModule([new nn.Identity() as any], [new nn.Tanh().__call__(x)])).to.throw('inputs[1] is an nn.Module, specifically a nn.Identity');
    });
    it('no inputs', () => {
      expect(() => new nn.gModule([], [new nn.Tanh().__call__(input())])).to.throw('no inputs are not supported');
    });
    it('an input that does not reach the outputs (several inputs)', () => {
      const x1 = input(), x2 = input();
      expect(() => new nn.gModule([x1, x2], [new nn.Tanh().__call__(x1)])).to.throw(/^1 of split\(2\) outputs from the node declared at .* are unused$/);
    });
    it('an input that does not reach the outputs (one input)', () => {
      const x = input(), y = input();
      expect(() => new nn.gModule([x], [new nn.Tanh().__call__(y)])).to.throw('expecting the forward innode');
    });
    it('an undeclared input node', () => {
      const x = input(), y = input();
      expect(() => new nn.gModule([x], [new nn.CAddTable().__call__(x, y)])).to.throw('Expected nnop.Parameters node, found : nn.Identity');
    });
    it('an input with inputs', () => {
      const x = input(), h = new nn.Linear(2, 2).__call__(x);
      expect(() => new nn.gModule([x, h], [new nn.CAddTable().__call__(x, h)])).to.throw('an input should have no inputs');
    });
    it('an unused split output', () => {
      const x = input();
      const [a] = new nn.SplitTable(1).__call__(x).split(2);
      expect(() => new nn.gModule([x], [new nn.Tanh().__call__(a)])).to.throw(/^1 of split\(2\) outputs from the node declared at \[.*errors\.spec\.[jt]s\]:\d+_ split at .* are unused$/);
    });
    it('a node that takes an input but does not reach the output', () => {
      const x = input();
      const h = new nn.Tanh().__call__(x);
      new nn.Sigmoid().__call__(x);
      expect(() => new nn.gModule([x], [h])).to.throw(/^node declared on \[.*errors\.spec\.[jt]s\]:\d+_ does not connect to gmodule output$/);
    });
  });

  describe('running', () => {
    const two = () => {
      const x1 = input(), x2 = input();
      return new nn.gModule([x1, x2], [new nn.Tanh().__call__(x1), new nn.Sigmoid().__call__(x2)]);
    };
    it('the wrong number of inputs, or not a table', () => {
      expect(() => two().forward([randn(2)])).to.throw('Got 1 inputs instead of 2');
      expect(() => two().forward(randn(2))).to.throw('expecting table of 2 inputs');
    });
    it('the wrong number of gradOutputs', () => {
      const g = two();
      g.forward([randn(2), randn(2)]);
      expect(() => g.backward([randn(2), randn(2)], [randn(2)])).to.throw('Got 1 gradOutputs instead of 2');
    });
    it('a split of a table of another length', () => {
      const x = input();
      const [a, b] = new nn.SplitTable(1).__call__(x).split(2);
      const g = new nn.gModule([x], [new nn.CAddTable().__call__(a, b)]);
      expect(g.forward(randn(2, 3))).to.be.instanceOf(Tensor);
      expect(() => g.forward(randn(3, 3))).to.throw('split(2) cannot split 3 outputs');
    });
    it('an input fed twice to the same slot', () => {
      const x1 = input(), x2 = input();
      const y = new nn.CAddTable().__call__(x1, x2);
      const g = new nn.gModule([x1, x2], [y]);
      y.data.mapindex.set(x2.data, 1);
      expect(() => g.forward([randn(2), randn(2)])).to.throw('each input should have one source');
    });
    it('a cycle in a graph', () => {
      const { Graph, Edge, Node } = nngraph.graph;
      const a = new Node('a'), b = new Node('b'), c = new Node('c');
      const g = new Graph();
      g.add([new Edge(a, b), new Edge(b, c), new Edge(c, b)]);
      expect(() => g.topsort()).to.throw('Graph has cycles');
    });
  });
});

describe('torch/graph', () => {
  it('topsort puts each node before its children; roots and leaves', () => {
    const { Graph, Edge, Node } = nngraph.graph;
    const a = new Node('a'), b = new Node('b'), c = new Node('c'), d = new Node('d');
    const g = new Graph();
    g.add([new Edge(a, b), new Edge(a, c), new Edge(b, d), new Edge(c, d)]);
    const order = g.topsort().map((n) => n.data);
    expect(order[0]).to.equal('a');
    expect(order[3]).to.equal('d');
    expect(g.roots()).to.deep.equal([a]);
    expect(g.leaves()).to.deep.equal([d]);
    expect([a, b, c, d].map((n) => n.id)).to.deep.equal([1, 2, 3, 4]);
    const [rg] = g.reverse();
    expect(rg.roots().map((n) => n.data)).to.deep.equal(['d']);
  });
});
