/**
 * char-rnn's LSTM (examples/lstm.ts, with the cs585 checkpoint's weights) as a gModule on CudaTensor:
 * every step's state and log-probabilities against the loaded double model, with no CPU fallback.
 */
import { expect } from 'chai';
import { cuda } from '../../cuda/index.js';
import { torch, Tensor } from '../../lib/index.js';
import { lstm } from '../../examples/lstm.js';
import { CHECKPOINT, HAMLET, registerOneHot, type Checkpoint } from '../nn/nngraph/charrnn.js';

describe('nngraph on CudaTensor: char-rnn LSTM steps', function () {
  this.timeout(120000);
  let unregister: () => void;
  before(() => { unregister = registerOneHot(); });
  after(() => unregister());

  it('module.cuda() gives the double model\'s log-probabilities within 1e-4, states staying on the device', () => {
    const cp = torch.load(CHECKPOINT) as Checkpoint;
    const net = lstm(65, 128, 2);
    const [src] = cp.protos.rnn.parameters(), [dst] = net.parameters();
    dst.forEach((p: Tensor, i: number) => p.copy(src[i]));
    const g = (net as any).cuda();
    const zeros = () => Array.from({ length: 4 }, () => (torch as any).zeros(1, 128) as Tensor);
    let st = zeros().map((t) => (t as any).cuda()), stD = zeros();
    cuda.resetFallbacks();
    let worst = 0;
    const text = HAMLET.slice(0, 40);
    for (let i = 0; i + 1 < text.length; i++) {
      const ch = cp.vocab[text[i]];
      const out = g.forward([(new torch.Tensor([ch]) as any).cuda(), ...st]) as Tensor[];
      const outD = cp.protos.rnn.forward([new torch.Tensor([ch]), ...stD]) as Tensor[];
      for (const o of out) expect(o.type()).to.equal('torch.CudaTensor');
      worst = Math.max(worst, (out[4].double() as any).add(-1, outD[4]).abs().max());
      st = out.slice(0, 4).map((t) => t.clone());
      stD = outD.slice(0, 4).map((t) => t.clone());
    }
    expect(worst).to.be.below(1e-4);
    expect(cuda.fallbacks()).to.deep.equal({});
  });
});
