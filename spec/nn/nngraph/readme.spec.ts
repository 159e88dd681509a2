/** The README's nngraph example runs as written and does what its comments say. */
import { expect } from 'chai';
import { torch, nn } from '../../../index.js';

describe('README nngraph example', () => {
  it('builds a 2-input, 2-output graph, runs it, sums the gradients of a shared node', () => {
    const t = torch as any;
    t.manualSeed(1);
    const x1 = new nn.Identity().__call__(), x2 = new nn.Identity().__call__();
    const h = new nn.Tanh().__call__(new nn.Linear(4, 3).__call__(x1));
    const s = new nn.CMulTable().__call__(h, x2).annotate({ name: 's' });
    const g = new nn.gModule([x1, x2], [new nn.Linear(3, 2).__call__(s), new nn.CAddTable().__call__(s, x2)]);
    const input = [t.randn(4), t.randn(3)];
    const [y1, y2] = g.forward(input);
    expect(y1.size(1)).to.equal(2);
    expect(y2.size(1)).to.equal(3);
    g.backward(input, [t.ones(2), t.ones(3)]);
    expect(`${String(g)} ${g.nInputs} ${g.modules.length}`).to.equal('nn.gModule 2 7');
    const sNode = g.backwardnodes.find((n) => n.data === s.data)!;
    expect(sNode.data.gradOutput).to.have.length(2);
    expect(sNode.data.annotations.name).to.equal('s');
  });
});
