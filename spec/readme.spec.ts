/** The README's first example runs as written and does what its comments say. */
import { expect } from 'chai';
import { torch, nn } from '../index.js';

describe('README first example', () => {
  it('runs and gives Torch semantics', () => {
    const t = torch as any;
    t.manualSeed(123);
    const x = new torch.Tensor([[1, 2, 3], [4, 5, 6]]);
    const y = x.t();
    x.add(10);
    expect(y.get(3, 2), 'y is a view of x').to.equal(16);
    expect(String(t.mm(x, y))).to.equal(' 434  542\n 542  677\n[torch.DoubleTensor of size 2x2]\n');
    const [values, indices] = t.max(x, 2);
    expect(values.totable()).to.deep.equal([[13], [16]]);
    expect(indices.totable()).to.deep.equal([[3], [3]]);
    expect(x.sum()).to.equal(81);
    t.manualSeed(123);
    expect(t.rand(5).get(1)).to.equal(0.6964691872708499);
    const mlp = new nn.Sequential().add(new nn.Linear(10, 25)).add(new nn.Tanh()).add(new nn.Linear(25, 1));
    const criterion = new nn.MSECriterion();
    const input = t.randn(10), target = new torch.Tensor(1).fill(1);
    const before = criterion.forward(mlp.forward(input), target);
    for (let i = 0; i < 20; i++) {
      criterion.forward(mlp.forward(input), target);
      mlp.zeroGradParameters();
      mlp.backward(input, criterion.backward(mlp.output, target));
      mlp.updateParameters(0.01);
    }
    expect(criterion.forward(mlp.forward(input), target)).to.be.below(before);
    expect(String(mlp)).to.equal('nn.Sequential {\n  [input -> (1) -> (2) -> (3) -> output]\n  (1): nn.Linear(10 -> 25)\n  (2): nn.Tanh\n  (3): nn.Linear(25 -> 1)\n}');
  });
});

describe('README GPU example', () => {
  it('runs on CudaTensor with only the loss and the asked-for output crossing to the host', async () => {
    const { cuda } = await import('../cuda/index.js');
    const t = torch as any;
    t.manualSeed(1);
    expect(cuda.backend().verified).to.equal(true);
    const x = t.randn(64, 784).cuda();
    const net = (new nn.Sequential().add(new nn.Linear(784, 128)).add(new nn.ReLU())
      .add(new nn.Linear(128, 10)).add(new nn.LogSoftMax()) as any).cuda();
    const crit = (new nn.ClassNLLCriterion() as any).cuda();
    const target = new torch.Tensor(64).random(10).cuda();
    cuda.resetFallbacks();
    const before = cuda.traffic();
    const loss = crit.forward(net.forward(x), target);
    net.backward(x, crit.backward(net.output, target));
    const after = cuda.traffic();
    expect(after.downloads - before.downloads).to.equal(1);   // the loss
    expect(after.uploads).to.equal(before.uploads);
    expect(cuda.fallbacks()).to.deep.equal({});
    const y = net.output.float();
    expect(y.type()).to.equal('torch.FloatTensor');
    expect(loss).to.be.closeTo(Math.log(10), 0.5);
  });
});
