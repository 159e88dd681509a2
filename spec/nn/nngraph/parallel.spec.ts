/** A gModule in nn.DataParallelTable on CPU devices: worker replicas are rebuilt from torch.serialize, as cunn's from a gModule. */
import { expect } from 'chai';
import { torch, Tensor } from '../../../lib/index.js';
import { nn } from '../../../nn/index.js';
import { Tables, maxDiff } from '../parallel/helpers.js';

const t = torch as any;

/** x + Linear(Tanh(Linear(x))) then Linear(4, 3): a node feeding two nodes. */
function residual() {
  const x = new nn.Identity().__call__();
  const h = new nn.CAddTable().__call__(x, new nn.Linear(4, 4).__call__(new nn.Tanh().__call__(new nn.Linear(4, 4).__call__(x))));
  return new nn.gModule([x], [new nn.Linear(4, 3).__call__(h)]);
}

describe('nngraph: gModule in nn.DataParallelTable (CPU devices)', () => {
  const tables = new Tables();
  after(() => tables.disposeAll());

  it('forward/backward and the gradients in replica 1 equal one gModule on devices {1, 2}', () => {
    t.manualSeed(1);
    const net = residual(), base = net.clone();
    const dpt = tables.track(new nn.DataParallelTable(1).add(net, [1, 2]));
    for (const batch of [6, 3]) {
      const x = t.randn(batch, 4), go = t.randn(batch, 3);
      expect(maxDiff(dpt.forward(x), base.forward(x)), 'output').to.be.below(1e-12);
      dpt.zeroGradParameters(); base.zeroGradParameters();
      expect(maxDiff(dpt.backward(x, go), base.backward(x, go)), 'gradInput').to.be.below(1e-12);
      const g1 = net.parameters()[1], g2 = base.parameters()[1];
      g1.forEach((g: Tensor, i: number) => expect(maxDiff(g, g2[i]), `gradient ${i + 1}`).to.be.below(1e-12));
    }
  });
});
