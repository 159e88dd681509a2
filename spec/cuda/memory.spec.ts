/**
 * Device memory: training reuses its buffers (cuda.memory() after step 10 equals it after step 200),
 * clearState() frees the modules' buffers, and nothing leaks: once the model and the data are let go,
 * every device buffer is freed. Measurements are taken after a garbage collection, because a storage
 * that a transient view (a `t()` or `narrow()` that was dropped, not `set()`) still counts as a
 * viewer is freed by its finalizer rather than by the last `set()`.
 */
import { expect } from 'chai';
import v8 from 'node:v8';
import vm from 'node:vm';
import { torch, Tensor } from '../../lib/index.js';
import { cuda } from '../../cuda/index.js';
import { nn } from '../../nn/index.js';
import { syntheticData, trainer } from './cases.js';

const T = torch as any;
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Collects garbage and lets the storages' finalizers run; returns cuda.memory(). */
async function settled(): Promise<{ bytes: number; buffers: number }> {
  for (let i = 0; i < 4; i++) { gc(); await new Promise((r) => setTimeout(r, 0)); }
  return cuda.memory();
}

/** Calls set() on every CudaTensor reachable from `root` (fields, arrays), so each storage loses its viewers. */
function releaseAll(root: unknown, seen = new Set<unknown>()): void {
  if (root === null || typeof root !== 'object' || seen.has(root)) return;
  seen.add(root);
  if (root instanceof Tensor) { if (cuda.isCuda(root)) root.set(); return; }
  for (const v of Array.isArray(root) ? root : Object.values(root)) releaseAll(v, seen);
}

describe('cuda memory: no growth while training, clearState frees, nothing leaks', function () {
  this.timeout(300000);

  it('an MLP trained 200 sgd steps holds the same device memory after step 10 and after step 200; nothing is left once it is let go', async () => {
    const m0 = await settled();
    torch.manualSeed(3);
    let tr: ReturnType<typeof trainer> | undefined = trainer(
      new nn.Sequential().add(new nn.Linear(16, 8)).add(new nn.Tanh()).add(new nn.Linear(8, 4)).add(new nn.LogSoftMax()).cuda(),
      syntheticData(5, 2, 4, [16]).map(({ x, y }) => ({ x, y: y.clone().apply((v) => ((v - 1) % 4) + 1) })));
    const losses: number[] = [];
    for (let i = 0; i < 10; i++) losses.push(tr.step(i));
    const m10 = await settled();
    for (let i = 10; i < 200; i++) losses.push(tr.step(i));
    const m200 = await settled();
    expect(m10.buffers, 'the model lives on the device').to.be.above(m0.buffers);
    expect(m200, 'no growth from step 10 to step 200').to.deep.equal(m10);
    expect(losses[199]).to.be.below(losses[0]);
    tr.model.clearState();
    expect((await settled()).bytes, 'clearState frees output/gradInput buffers').to.be.below(m200.bytes);
    for (const sub of tr.model.modules!) {
      expect(sub.output.nElement()).to.equal(0);
      expect(sub.gradInput.nElement()).to.equal(0);
    }
    releaseAll(tr);
    tr = undefined;
    expect(await settled(), 'every device buffer freed').to.deep.equal(m0);
  });

  it('clearState() frees device bytes, and the next forward/backward takes the same amount again', async () => {
    const m = new nn.Sequential().add(new nn.Linear(32, 16)).add(new nn.ReLU()).add(new nn.Linear(16, 8)).add(new nn.Sigmoid()).cuda();
    const x = new T.CudaTensor(8, 32).uniform(-1, 1);
    const g = new T.CudaTensor(8, 8).fill(1);
    const twice = () => { for (let i = 0; i < 2; i++) { m.forward(x); m.backward(x, g); } };
    twice();
    const full = await settled();
    m.clearState();
    expect((await settled()).bytes).to.be.below(full.bytes);
    twice();
    expect(await settled()).to.deep.equal(full);
    releaseAll([m, x, g]);
  });

  it('letting go of a module\'s tensors (set()) frees what no transient view holds at once; the rest goes with the garbage', async () => {
    const m0 = await settled();
    const t = new T.CudaTensor(64).fill(1);
    const u = t.narrow(1, 1, 32);
    expect(cuda.memory().buffers).to.equal(m0.buffers + 1);
    t.set();
    u.set();
    expect(cuda.memory(), 'freed by the last set(), without a collection').to.deep.equal(m0);
    let m: any = new nn.Sequential().add(new nn.Linear(10, 6)).add(new nn.Tanh()).add(new nn.Linear(6, 3)).cuda();
    const x = new T.CudaTensor(5, 10).uniform(-1, 1);
    m.backward(x, m.forward(x).clone().fill(1));
    m.updateParameters(0.1);
    releaseAll([m, x]);
    m = undefined;
    expect(await settled()).to.deep.equal(m0);
  });
});
