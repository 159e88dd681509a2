/** Reductions and arithmetic layers: Max, Min, Sum, Mean, MM, MV, Copy, MulConstant, AddConstant. */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import { expectClose, flat, nonContiguous } from '../helpers.js';
import { T, checkFloat, checkGradients, expectTorchError } from './simple-helpers.js';

const randn = (...s: number[]): Tensor => torch.randn(...s);

/** Plain matrix product of nested arrays. */
function matmul(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
}
const transpose = (a: number[][]): number[][] => a[0].map((_, j) => a.map((r) => r[j]));

describe('nn reduction and arithmetic layers', () => {
  beforeEach(() => T.manualSeed(321));

  describe('Max / Min', () => {
    it('reduce a dim against a plain reference, the gradient going to the arg max/min', () => {
      const x = randn(4, 5);
      const rows = x.totable() as number[][];
      const mx = new nn.Max(2), mn = new nn.Min(2);
      expect(mx.forward(x).totable()).to.deep.equal(rows.map((r) => Math.max(...r)));
      expect(mn.forward(x).totable()).to.deep.equal(rows.map((r) => Math.min(...r)));
      const go = randn(4);
      const gi = mx.backward(x, go).totable() as number[][];
      rows.forEach((r, i) => {
        const j = r.indexOf(Math.max(...r));
        r.forEach((_, k) => expect(gi[i][k]).to.equal(k === j ? go.get(i + 1) : 0));
      });
      expect(mx._indices!.type()).to.equal('torch.LongTensor');
    });
    it('handle negative dims, nInputDims batches and vectors', () => {
      const x = randn(3, 4, 5);
      expectClose(new nn.Max(-1).forward(x), x.max(3)[0].select(3, 1) as Tensor);
      expectClose(new nn.Min(1, 2).forward(x), x.min(2)[0].select(2, 1) as Tensor);
      expectClose(new nn.Min(1, 2).forward(x.select(1, 1) as Tensor), (x.select(1, 1) as Tensor).min(1)[0].select(1, 1) as Tensor);
      const v = new torch.DoubleTensor([3, 9, 1]);
      const m = new nn.Max(1);
      expect(m.forward(v).totable()).to.deep.equal([9]);
      expect(m.backward(v, new torch.DoubleTensor([2])).totable()).to.deep.equal([0, 2, 0]);
      const nc = nonContiguous(randn(4, 3));
      expectClose(new nn.Max(1).forward(nc), nc.max(1)[0].select(1, 1) as Tensor);
    });
    it('keep a LongTensor index buffer through type() and clear it', () => {
      const m = new nn.Max(1).float();
      const x = randn(3, 2).float();
      expect(m.forward(x).type()).to.equal('torch.FloatTensor');
      expect(m._indices!.type()).to.equal('torch.LongTensor');
      expect(m.backward(x, randn(2).float()).type()).to.equal('torch.FloatTensor');
      m.clearState();
      expect(m._indices!.nElement()).to.equal(0);
      expect(new nn.Min().toString()).to.equal('nn.Min');
    });
    it('have correct gradients and run in float', () => {
      checkGradients(new nn.Max(2), randn(3, 4));
      checkGradients(new nn.Min(1, 1), randn(3, 4));
      checkFloat(() => new nn.Min(2), randn(3, 4));
    });
  });

  describe('Sum / Mean', () => {
    it('sum or average a dim, squeezed or not', () => {
      const x = randn(3, 4);
      const rows = x.totable() as number[][];
      const sums = rows.map((r) => r.reduce((a, b) => a + b, 0));
      expectClose(new nn.Sum(2).forward(x), sums);
      expectClose(new nn.Sum(2, undefined, true).forward(x), sums.map((s) => s / 4));
      expectClose(new nn.Mean(2).forward(x), sums.map((s) => s / 4));
      const ns = new nn.Sum(2, undefined, false, false);
      expect(ns.forward(x).size().totable()).to.deep.equal([3, 1]);
      expect(ns.backward(x, randn(3, 1)).size().totable()).to.deep.equal([3, 4]);
      expect(new nn.Sum(1).forward(randn(5)).size().totable()).to.deep.equal([1]);
      expect(new nn.Sum(1, 1).forward(x).size().totable()).to.deep.equal([3]);
      expect(new nn.Sum(-1).forward(randn(2, 3, 4)).size().totable()).to.deep.equal([2, 3]);
    });
    it('spread the gradient (copying a non-contiguous gradOutput first)', () => {
      const x = randn(3, 4, 2);
      const m = new nn.Mean(2);
      m.forward(x);
      const go = nonContiguous(randn(3, 2));
      const gi = m.backward(x, go);
      for (let k = 1; k <= 4; k++) expectClose(gi.select(2, k) as Tensor, go.clone().div(4));
      expect(m._gradOutput!.nElement()).to.equal(6);
      m.clearState();
      expect(m._gradOutput!.nElement()).to.equal(0);
      const nc = nonContiguous(randn(4, 3));
      expectClose(new nn.Sum(1).forward(nc), nc.sum(1).select(1, 1) as Tensor);
    });
    it('check their arguments', () => {
      expectTorchError(() => new nn.Sum(1, undefined, false, 1 as any), 'squeeze has to be true/false');
      expectTorchError(() => new nn.Sum(3).forward(randn(2, 2)), 'dimension exceeds input dimensions');
    });
    it('have correct gradients and run in float', () => {
      checkGradients(new nn.Sum(2, 2, true), randn(2, 3, 4));
      checkGradients(new nn.Mean(1), randn(3, 4));
      checkFloat(() => new nn.Sum(2), randn(3, 4));
    });
  });

  describe('MM', () => {
    it('multiplies matrices and batches, with transposes, against a plain product', () => {
      const a = randn(3, 4), b = randn(4, 2);
      expectClose(new nn.MM().forward([a, b]), matmul(a.totable() as number[][], b.totable() as number[][]).flat());
      const at = randn(4, 3), bt = randn(2, 4);
      const ref = matmul(transpose(at.totable() as number[][]), transpose(bt.totable() as number[][]));
      expectClose(new nn.MM(true, true).forward([at, bt]), ref.flat());
      const A = randn(2, 3, 4), B = randn(2, 4, 5);
      const y = new nn.MM().forward([A, B]);
      expect(y.size().totable()).to.deep.equal([2, 3, 5]);
      expectClose(y.select(1, 2) as Tensor, matmul((A.select(1, 2) as Tensor).totable() as number[][], (B.select(1, 2) as Tensor).totable() as number[][]).flat());
      const nc = nonContiguous(randn(3, 4));
      expectClose(new nn.MM().forward([nc, b]), matmul(nc.totable() as number[][], b.totable() as number[][]).flat());
    });
    it('returns a table gradInput and checks shapes', () => {
      const m = new nn.MM();
      const gi = m.backward([randn(3, 4), randn(4, 2)], randn(3, 2));
      expect(gi.map((g: Tensor) => g.size().totable())).to.deep.equal([[3, 4], [4, 2]]);
      expectTorchError(() => m.forward([randn(3)]), 'input must be a pair of minibatch matrices');
      expectTorchError(() => m.forward([randn(3), randn(3)]), 'input tensors must be 2D or 3D');
      expectTorchError(() => m.forward([randn(2, 3), randn(2, 3)]), 'matrix sizes do not match');
      expectTorchError(() => m.forward([randn(2, 3, 4), randn(3, 4, 2)]), 'inputs must contain the same number of minibatches');
      expectTorchError(() => m.forward([randn(2, 3), randn(2, 3, 4)]), 'second input tensor must be 2D');
    });
    it('has correct gradients in every transpose mode and runs in float', () => {
      for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]]) {
        checkGradients(new nn.MM(ta, tb), [randn(3, 3), randn(3, 3)]);
        checkGradients(new nn.MM(ta, tb), [randn(2, 3, 3), randn(2, 3, 3)]);
      }
      checkFloat(() => new nn.MM(), [randn(2, 3, 4), randn(2, 4, 5)]);
    });
  });

  describe('MV', () => {
    it('multiplies a matrix by a vector, batched and transposed', () => {
      const M = randn(3, 4), v = randn(4);
      expectClose(new nn.MV().forward([M, v]), matmul(M.totable() as number[][], (v.totable() as number[]).map((x) => [x])).flat());
      const u = randn(3);
      expectClose(new nn.MV(true).forward([M, u]), matmul(transpose(M.totable() as number[][]), (u.totable() as number[]).map((x) => [x])).flat());
      const Mb = randn(2, 3, 4), vb = randn(2, 4);
      const y = new nn.MV().forward([Mb, vb]);
      expect(y.size().totable()).to.deep.equal([2, 3]);
      expectClose(y.select(1, 2) as Tensor, torch.mv(Mb.select(1, 2), vb.select(1, 2)));
    });
    it('checks shapes and arguments', () => {
      expectTorchError(() => new nn.MV(1 as any), 'argument must be a boolean');
      expectTorchError(() => new nn.MV().forward([randn(3, 4), randn(3)]), 'matrix row count and vector length do not match');
      expectTorchError(() => new nn.MV().forward([randn(3, 4), randn(3, 4)]), 'vector must be 1D');
      expectTorchError(() => new nn.MV().forward([randn(2, 3, 4), randn(4)]), 'vector must be 2D (batch dimension)');
    });
    it('has correct gradients, reuses its gradInput buffers and runs in float', () => {
      for (const t of [false, true]) {
        checkGradients(new nn.MV(t), [randn(3, 3), randn(3)]);
        checkGradients(new nn.MV(t), [randn(2, 3, 3), randn(2, 3)]);
      }
      const m = new nn.MV();
      const inp = [randn(3, 4), randn(4)];
      m.forward(inp);
      const g2 = m.backward(inp, randn(3))[1];
      expect(m.backward(inp, randn(3))[1]).to.equal(g2);
      checkFloat(() => new nn.MV(true), [randn(2, 3, 4), randn(2, 3)]);
    });
  });

  describe('Copy', () => {
    it('converts types and passes through when the types match', () => {
      const x = randn(2, 3);
      const c = new nn.Copy('torch.DoubleTensor', 'torch.FloatTensor');
      const y = c.forward(x);
      expect(y.type()).to.equal('torch.FloatTensor');
      expectClose(y, x, 1e-6);
      const gi = c.backward(x, y);
      expect(gi.type()).to.equal('torch.DoubleTensor');
      const same = new nn.Copy();
      expect(same.forward(x)).to.equal(x);
      expect(same.output.storage()).to.equal(x.storage());
      const forced = new nn.Copy(undefined, undefined, true);
      expect(forced.forward(x).storage()).to.not.equal(x.storage());
      expectClose(forced.forward(nonContiguous(x)), x);
    });
    it('dontCast blocks type()', () => {
      const c = new nn.Copy('torch.FloatTensor', 'torch.DoubleTensor', false, true);
      c.float();
      expect(c.output.type()).to.equal('torch.DoubleTensor');
      const d = new nn.Copy('torch.FloatTensor', 'torch.DoubleTensor').float();
      expect(d.output.type()).to.equal('torch.FloatTensor');
      expect(() => new nn.Copy('torch.NoSuchTensor')).to.throw(torch.TorchError, /unknown tensor type/);
    });
  });

  describe('MulConstant / AddConstant', () => {
    it('scale and shift, and check their arguments', () => {
      const x = randn(3, 4);
      expectClose(new nn.MulConstant(2.5).forward(x), flat(x).map((v) => v * 2.5));
      expectClose(new nn.AddConstant(-1.5).forward(x), flat(x).map((v) => v - 1.5));
      expectClose(new nn.MulConstant(3).backward(x, x), flat(x).map((v) => v * 3));
      const nc = nonContiguous(x);
      expectClose(new nn.MulConstant(2).forward(nc), flat(x).map((v) => v * 2));
      expectTorchError(() => new nn.MulConstant('a' as any), 'input is not scalar!');
      expectTorchError(() => new nn.MulConstant(2, 1 as any), 'in-place flag must be boolean');
      expectTorchError(() => new nn.AddConstant(2, 'y' as any), 'in-place flag must be boolean');
    });
    it('AddConstant takes a vector constant, for a vector or each row', () => {
      const c = new torch.DoubleTensor([1, 2, 3]);
      const m = new nn.AddConstant(c);
      expect(m.forward(new torch.DoubleTensor([1, 1, 1])).totable()).to.deep.equal([2, 3, 4]);
      expect(m.forward(torch.zeros(2, 3)).totable()).to.deep.equal([[1, 2, 3], [1, 2, 3]]);
      expectTorchError(() => m.forward(torch.zeros(2, 4)), 'input is not scalar or doesn\'t match with the dimension of constant!');
    });
    it('in place, change the input and restore it in updateGradInput', () => {
      const x = randn(3, 4), x0 = x.clone(), go = randn(3, 4), go0 = go.clone();
      const m = new nn.MulConstant(2, true);
      const y = m.forward(x);
      expect(y.storage()).to.equal(x.storage());
      expectClose(x, flat(x0).map((v) => v * 2));
      const gi = m.backward(x, go);
      expect(gi.storage()).to.equal(go.storage());
      expectClose(gi, flat(go0).map((v) => v * 2));
      expectClose(x, x0);
      const a = new nn.AddConstant(new torch.DoubleTensor([1, 2, 3, 4]), true);
      a.forward(x);
      a.backward(x, go);
      expectClose(x, x0);
      const s = new nn.AddConstant(0.5, true);
      s.forward(x);
      expectClose(x, flat(x0).map((v) => v + 0.5));
      s.backward(x, go);
      expectClose(x, x0);
    });
    it('have correct gradients and run in float', () => {
      checkGradients(new nn.MulConstant(-0.7), randn(3, 4));
      checkGradients(new nn.AddConstant(new torch.DoubleTensor([1, 2, 3, 4])), randn(3, 4));
      checkFloat(() => new nn.MulConstant(2), randn(3, 4));
      checkFloat(() => new nn.AddConstant(2), randn(3, 4));
    });
  });
});
