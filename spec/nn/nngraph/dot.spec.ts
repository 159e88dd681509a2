/** Node labels (node.lua) and Graph:todot (graph/init.lua). */
import { expect } from 'chai';
import { torch } from '../../../lib/index.js';
import { nn } from '../../../nn/index.js';

describe('nngraph: labels and todot', () => {
  it('labels list the data fields; todot writes every node and edge with tooltips', () => {
    const x = new nn.Identity().__call__();
    const [a, b] = new nn.SplitTable(1).__call__(x).split(2);
    const s = new nn.CAddTable().__call__(a, b).annotate({ name: 'sum', description: 'a+b' });
    const g = new nn.gModule([x], [s]);
    g.forward((torch as any).randn(2, 3));
    const label = s.label();
    expect(label.startsWith('desc = a+b\\n')).to.equal(true);
    expect(label).to.include('module = nn.CAddTable');
    expect(label).to.match(/mapindex = \{Node\d+,Node\d+\}/);
    expect(label).to.include('input = {Tensor[3],Tensor[3]}');
    const selectNode = g.forwardnodes.find((n) => n.data.selectindex === 2)!;
    expect(selectNode.label()).to.include('selectindex = 2');
    const dot = g.fg.todot('fg');
    expect(dot.startsWith('digraph G {\nlabelloc="t";\nlabel="fg";\nnode [shape = oval]; ')).to.equal(true);
    expect(dot.match(/^n\d+\[label=/gm)).to.have.length(g.fg.nodes.length);
    expect(dot.match(/^n\d+ -> n\d+;$/gm)).to.have.length(g.fg.edges.length);
    expect(dot).to.match(/label="sum \(\d+\)\\ndesc = a\+b/);
    expect(dot).to.match(/tooltip="\[[^\]]*dot\.spec\.[jt]s\]:\d+_"/);
    expect(dot.endsWith('}')).to.equal(true);
  });
});
