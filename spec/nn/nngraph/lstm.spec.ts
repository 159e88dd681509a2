/** examples/lstm.ts: char-rnn's LSTM.lua ported line by line builds the graph Torch built, and learns. */
import { expect } from 'chai';
import { torch, Tensor } from '../../../lib/index.js';
import { lstm, main } from '../../../examples/lstm.js';
import { CHECKPOINT, HAMLET, meanNLL, registerOneHot, type Checkpoint } from './charrnn.js';

describe('nngraph: char-rnn LSTM built in code', function () {
  this.timeout(60000);
  let cp: Checkpoint;
  let unregister: () => void;
  before(() => { unregister = registerOneHot(); cp = torch.load(CHECKPOINT) as Checkpoint; });
  after(() => unregister());

  it('has the checkpoint\'s nodes in the same forward and backward order, with the same ids', () => {
    const mine = lstm(65, 128, 2);
    const theirs = cp.protos.rnn;
    const ids = (nodes: any[]) => nodes.map((n) => n.id);
    expect(ids(mine.forwardnodes)).to.deep.equal(ids(theirs.forwardnodes));
    expect(ids(mine.backwardnodes)).to.deep.equal(ids(theirs.backwardnodes));
    expect(mine.forwardnodes).to.have.length(54);
    const kinds = (g: any) => g.modules.map((m: any) => m.__typename.replace(/^nn\./, ''));
    expect(kinds(mine)).to.deep.equal(kinds(theirs));
    const sizes = (g: any) => g.parameters()[0].map((p: Tensor) => p.size().totable());
    expect(sizes(mine)).to.deep.equal(sizes(theirs));
  });

  it('given the checkpoint\'s weights, it scores Hamlet exactly as the loaded model does', () => {
    const mine = lstm(65, 128, 2);
    const [src] = cp.protos.rnn.parameters(), [dst] = mine.parameters();
    dst.forEach((p: Tensor, i: number) => p.copy(src[i]));
    const ref = meanNLL(cp, HAMLET);
    expect(meanNLL({ ...cp, protos: { rnn: mine, criterion: cp.protos.criterion } }, HAMLET)).to.equal(ref);
  });

  it('trains (clones sharing the flat parameters, truncated BPTT, rmsprop): the loss falls from ln(V) to below 0.7', () => {
    const { losses } = main({ quiet: true });
    expect(losses).to.have.length(60);
    expect(losses[0]).to.be.closeTo(Math.log(14), 0.3); // 14 distinct characters
    expect(Math.min(...losses.slice(-5))).to.be.below(0.7);
  });
});
