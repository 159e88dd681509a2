/**
 * nn/parallel/reduceGradients: the gradient sum of DataParallelTable cut into parts that threads run
 * at once gives, bit for bit, the serial sum (replica 1 += replica 2, += replica 3, ...), and zeroes
 * the other replicas' gradients; on CPU devices each thread runs one part.
 */
import { expect } from 'chai';
import { torch, Tensor } from '../../../lib/index.js';
import { nn } from '../../../nn/index.js';
import { reduceGradients } from '../../../nn/parallel/reduceGradients.js';
import { Tables } from './helpers.js';

const t = torch as any;
const values = (x: Tensor): number[] => Array.from(x.contiguous().storage().data as Float32Array).slice(0, x.nElement());
const SIZES = [[1], [3], [7, 5], [1000], [33, 17]];

/** Per replica, one gradient of each size in SIZES (float, random). */
function replicas(k: number): Tensor[][] {
  return Array.from({ length: k }, () => SIZES.map((s) => t.randn(...s).float()));
}

describe('reduceGradients (DataParallelTable\'s split gradient sum)', () => {
  for (const k of [2, 3, 4]) {
    it(`${k} replicas, parts run in any order: exactly the serial sum, and the other replicas zeroed`, () => {
      t.manualSeed(k);
      const grads = replicas(k);
      const expected = grads[0].map((b, j) => { const s = b.clone(); for (let r = 1; r < k; r++) s.add(grads[r][j]); return values(s); });
      const order = Array.from({ length: k }, (_, i) => k - i); // last part first
      for (const part of order) reduceGradients(grads, part, k);
      grads[0].forEach((b, j) => expect(values(b), `gradient ${j}`).to.deep.equal(expected[j]));
      for (let r = 1; r < k; r++) grads[r].forEach((g) => expect(g.abs().max(), `replica ${r + 1}`).to.equal(0));
    });
  }

  it('a part touches only its slice: after part 2 of 2 alone, the first half is untouched', () => {
    t.manualSeed(5);
    const [[b], [g]] = replicas(2).map((l) => [l[3]]);
    const b0 = values(b), g0 = values(g);
    reduceGradients([[b], [g]], 2, 2);
    const bv = values(b), gv = values(g);
    for (let i = 0; i < 500; i++) { expect(bv[i]).to.equal(b0[i]); expect(gv[i]).to.equal(g0[i]); }
    for (let i = 500; i < 1000; i++) { expect(bv[i]).to.equal(Math.fround(b0[i] + g0[i])); expect(gv[i]).to.equal(0); }
  });

  it('a gradient that is not contiguous in some replica goes whole to part 1', () => {
    t.manualSeed(6);
    const b = t.randn(6, 4).float(), g = t.randn(4, 6).float().t();
    const sum = values(b.clone().add(g));
    reduceGradients([[b], [g]], 2, 2);
    expect(values(g).some((v) => v !== 0), 'part 2 left it').to.equal(true);
    reduceGradients([[b], [g]], 1, 2);
    expect(values(b)).to.deep.equal(sum);
    expect(g.abs().max()).to.equal(0);
  });

  it('rejects gradients of different types with Torch\'s error', () => {
    const b = t.randn(10).float(), g = t.randn(10);
    expect(() => reduceGradients([[b], [g]], 1, 2)).to.throw(/invalid arguments|expected/);
  });

  describe('on CPU devices', () => {
    const tables = new Tables();
    after(() => tables.disposeAll());

    it('DataParallelTable on devices {1, 2}: replica 1 holds exactly the sum of the halves\' gradients, computed apart', () => {
      t.manualSeed(3);
      const net = new nn.Sequential().add(new nn.Linear(300, 200)).add(new nn.ReLU()).add(new nn.Linear(200, 10)).float();
      const a = net.clone(), b = net.clone();
      const dpt = tables.track(new nn.DataParallelTable(1).add(net, [1, 2]));
      const [, flat] = dpt.getParameters();
      const x = t.randn(64, 300).float(), go = t.randn(64, 10).float();
      flat.zero();
      dpt.forward(x);
      dpt.backward(x, go);
      a.zeroGradParameters(); b.zeroGradParameters();
      a.forward(x.narrow(1, 1, 32)); a.backward(x.narrow(1, 1, 32), go.narrow(1, 1, 32));
      b.forward(x.narrow(1, 33, 32)); b.backward(x.narrow(1, 33, 32), go.narrow(1, 33, 32));
      const [, ga] = a.getParameters(), [, gb] = b.getParameters();
      expect(values(flat), 'replica 1 = replica 1 + replica 2, bit for bit').to.deep.equal(values(ga.add(gb)));
      const worker = dpt.moduleParameters()[1][1][0];
      expect(worker.abs().max(), 'replica 2 zeroed').to.equal(0);
    });
  });
});
