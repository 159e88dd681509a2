/** nn.SpatialLPPooling against window sums of x^p evaluated with plain loops. */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import { expectClose } from '../helpers.js';
import { jacobianError } from './builders/conv.js';

const t = torch as any;

/** (sum of x^p over each kW x kH window at stride dW, dH)^(1/p), per plane of a C x H x W input. */
function lpPool(x: Tensor, p: number, kW: number, kH: number, dW = kW, dH = kH): Tensor {
  const [C, H, W] = [x.size(1), x.size(2), x.size(3)];
  const oH = Math.floor((H - kH) / dH) + 1, oW = Math.floor((W - kW) / dW) + 1;
  const y = torch.zeros(C, oH, oW);
  for (let c = 1; c <= C; c++) for (let i = 0; i < oH; i++) for (let j = 0; j < oW; j++) {
    let s = 0;
    for (let a = 0; a < kH; a++) for (let b = 0; b < kW; b++) s += x.get(c, i * dH + a + 1, j * dW + b + 1) ** p;
    y.put(c, i + 1, j + 1, s ** (1 / p));
  }
  return y;
}

describe('nn.SpatialLPPooling', () => {
  beforeEach(() => t.manualSeed(21));

  it('p = 2: the L2 norm of each window, 3-D and batch, double and float', () => {
    const m = new nn.SpatialLPPooling(2, 2, 3, 2, 2, 1);
    const x = torch.randn(2, 5, 7);
    const expected = lpPool(x, 2, 3, 2, 2, 1);
    expectClose(m.forward(x), expected, 1e-12);
    const xb = torch.randn(3, 2, 5, 7);
    const yb = m.forward(xb) as Tensor;
    expect(yb.size().totable()).to.deep.equal([3, 2, 4, 3]);
    for (let b = 1; b <= 3; b++) expectClose(yb.select(1, b) as Tensor, lpPool(xb.select(1, b) as Tensor, 2, 3, 2, 2, 1), 1e-12);
    const yf = new nn.SpatialLPPooling(2, 2, 3, 2, 2, 1).float().forward(x.float()) as Tensor;
    expect(yf.type()).to.equal('torch.FloatTensor');
    expectClose(yf.double(), expected, 1e-5);
  });

  it('p = 3 on positive inputs, strides defaulting to the kernel size', () => {
    const m = new nn.SpatialLPPooling(1, 3, 2, 2);
    expect([m.kW, m.kH, m.dW, m.dH]).to.deep.equal([2, 2, 2, 2]);
    const x = torch.rand(1, 6, 4).add(0.1);
    expectClose(m.forward(x), lpPool(x, 3, 2, 2), 1e-12);
    expect(jacobianError(m, torch.rand(2, 1, 4, 4).add(0.5), false)).to.be.below(1e-6);
  });

  it('gradInput passes the Jacobian check (p = 2, overlapping windows)', () => {
    expect(jacobianError(new nn.SpatialLPPooling(2, 2, 3, 3, 1, 1), torch.randn(2, 2, 5, 5), false)).to.be.below(1e-6);
  });

  it('is Torch\'s Sequential (Square/Power, SpatialAveragePooling, MulConstant, Sqrt/Power), with no parameters', () => {
    const m2 = new nn.SpatialLPPooling(4, 2, 3, 2);
    expect(m2.modules.map((c) => c.__typename)).to.deep.equal(['nn.Square', 'nn.SpatialAveragePooling', 'nn.MulConstant', 'nn.Sqrt']);
    expect((m2.modules[2] as any).constant_scalar).to.equal(6);
    const m3 = new nn.SpatialLPPooling(4, 3, 2, 2);
    expect(m3.modules.map((c) => c.__typename)).to.deep.equal(['nn.Power', 'nn.SpatialAveragePooling', 'nn.MulConstant', 'nn.Power']);
    expect((m3.modules[0] as any).pow).to.equal(3);
    expect((m3.modules[3] as any).pow).to.equal(1 / 3);
    expect(m3.parameters()![0]).to.have.length(0);
    const s = String(m2);
    expect(s.split('\n')[0]).to.equal('nn.SpatialLPPooling {');
    expect(s).to.contain('[input -> (1) -> (2) -> (3) -> (4) -> output]');
    expect(s).to.contain('(1): nn.Square');
  });

  it('survives a .t7 round trip with identical results', () => {
    const m = new nn.SpatialLPPooling(2, 2, 2, 2);
    const x = torch.randn(2, 4, 4);
    const y = (m.forward(x) as Tensor).clone();
    const back = torch.deserialize(torch.serialize(m)) as any;
    expect(back.__typename).to.equal('nn.SpatialLPPooling');
    expect([back.kW, back.kH, back.dW, back.dH]).to.deep.equal([2, 2, 2, 2]);
    expectClose(back.forward(x), y, 0);
  });
});
