/**
 * nn.WhiteNoise on CudaTensor (the generic module table skips it as stochastic): the noise comes from
 * the device generator and equals FloatTensor's `normal` from the same state; evaluation adds the mean.
 */
import { expect } from 'chai';
import { torch } from '../../lib/index.js';
import { cuda } from '../../cuda/index.js';
import { nn } from '../../nn/index.js';
import { expectClose, flat } from '../helpers.js';

const T = torch as any;

describe('nn.WhiteNoise on CudaTensor', () => {
  it('training: input + noise drawn from the device generator (= the FloatTensor draws from its state); evaluate: + mean', () => {
    const input = T.randn(6, 7).float();
    const w = new nn.WhiteNoise(0.25, 0.5).cuda();
    const wf = new nn.WhiteNoise(0.25, 0.5).float();
    cuda.manualSeed(99);
    T.setRNGState(cuda.getRNGState());
    const out = w.forward(input.cuda());
    const expected = wf.forward(input);
    expect(out.type()).to.equal('torch.CudaTensor');
    expect((w as any).noise.type()).to.equal('torch.CudaTensor');
    expectClose(out.float(), expected, 1e-6);
    expect(flat(out.float())).to.not.deep.equal(flat(input));
    const g = T.randn(6, 7).float();
    expect(flat(w.backward(input.cuda(), g.cuda()).float())).to.deep.equal(flat(g));
    w.evaluate();
    expectClose(w.forward(input.cuda()).float(), flat(input).map((v) => Math.fround(v + 0.25)), 1e-6);
  });
});
