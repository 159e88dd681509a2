/** optim.ConfusionMatrix: counting, the accuracies (FloatTensor rounding, as Torch) and the exact printout. */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { optim } from '../../optim/index.js';

const D = (...v: number[]) => new torch.DoubleTensor(v);

describe('optim.ConfusionMatrix', () => {
  it('counts rows = targets, columns = predictions, from indices, score vectors and one-hot targets', () => {
    const cm = new optim.ConfusionMatrix(3);
    expect(cm.mat.type()).to.equal('torch.LongTensor');
    cm.add(2, 1); // prediction 2, target 1
    cm.add(D(0.1, 0.2, 0.7), 3); // argmax 3
    cm.add(D(0.5, 0.2, 0.1), D(0, 1, 0)); // prediction 1, target 2
    cm.add(1, 0); // a target of 0 is missing: ignored
    expect(cm.mat.totable()).to.deep.equal([[0, 1, 0], [1, 0, 0], [0, 0, 1]]);
  });

  it('batchAdd takes class vectors, score matrices, one-hot rows and N×1 columns; targets ≤ 0 are skipped', () => {
    const cm = new optim.ConfusionMatrix(3);
    cm.batchAdd(D(1, 2, 3, 3), D(1, 2, 0, 3));
    cm.batchAdd(new torch.DoubleTensor([[0.9, 0.1, 0], [0, 0.2, 0.8]]), new torch.DoubleTensor([[0, 1, 0], [0, 0, 1]]));
    cm.batchAdd(new torch.DoubleTensor([[2], [1]]), new torch.DoubleTensor([[2], [-1]]));
    expect(cm.mat.totable()).to.deep.equal([[1, 0, 0], [1, 2, 0], [0, 0, 2]]);
    expect(cm.mat.sum()).to.equal(6);
    const cm2 = new optim.ConfusionMatrix(10);
    cm2.batchAdd(torch.randn(8, 10) as Tensor, torch.randperm(8) as Tensor);
    expect(cm2.mat.sum()).to.equal(8);
  });

  it('updateValids keeps the per-class values in a FloatTensor, as Torch', () => {
    const cm = new optim.ConfusionMatrix(['cat', 'dog', 'bird']);
    cm.batchAdd(D(1, 2, 2, 3, 1, 3), D(1, 2, 1, 3, 1, 2));
    cm.updateValids();
    expect(cm.valids.type()).to.equal('torch.FloatTensor');
    expect(cm.valids.totable()).to.deep.equal([Math.fround(2 / 3), 0.5, 1]);
    expect(cm.unionvalids.totable()).to.deep.equal([Math.fround(2 / 3), Math.fround(1 / 3), 0.5]);
    expect(cm.totalValid).to.equal(4 / 6);
    expect(cm.averageValid).to.equal((Math.fround(2 / 3) + 0.5 + 1) / 3);
    expect(cm.averageUnionValid).to.equal((Math.fround(2 / 3) + Math.fround(1 / 3) + 0.5) / 3);
  });

  it('prints Torch\'s table, with class names', () => {
    const cm = new optim.ConfusionMatrix(['cat', 'dog', 'bird']);
    cm.batchAdd(D(1, 2, 2, 3, 1, 3), D(1, 2, 1, 3, 1, 2));
    expect(cm.toString()).to.equal(
      'ConfusionMatrix:\n'
      + '[[       2       1       0]   66.667% \t[class: cat]\n'
      + ' [       0       1       1]   50.000% \t[class: dog]\n'
      + ' [       0       0       1]]  100.000% \t[class: bird]\n'
      + ' + average row correct: 72.222222884496% \n'
      + ' + average rowUcol correct (VOC measure): 50.000000993411% \n'
      + ' + global correct: 66.666666666667%');
  });

  it('prints without names, with numeric names, NaN rows and wide counts', () => {
    const cm = new optim.ConfusionMatrix(2);
    cm.add(1, 1);
    expect(cm.toString()).to.equal(
      'ConfusionMatrix:\n'
      + '[[       1       0]   100.000% \n'
      + ' [       0       0]]  nan% \n'
      + ' + average row correct: 100% \n'
      + ' + average rowUcol correct (VOC measure): 100% \n'
      + ' + global correct: 100%');
    const big = new optim.ConfusionMatrix(2, [0, 1]);
    big.mat.put(1, 1, 123456789);
    big.mat.put(2, 1, 1);
    expect(big.toString()).to.equal(
      'ConfusionMatrix:\n'
      + '[[ 123456789         0]   100.000% \t[class: 0]\n' // %10d: 1 + ceil(log10(max)) digits
      + ' [         1         0]]  0.000% \t[class: 1]\n'
      + ' + average row correct: 50% \n'
      + ' + average rowUcol correct (VOC measure): 50% \n' // 123456789/123456790 is 1 in float
      + ' + global correct: 99.99999919%');
  });

  it('zero() resets everything', () => {
    const cm = new optim.ConfusionMatrix(2);
    cm.add(1, 1);
    cm.updateValids();
    cm.zero();
    expect(cm.mat.sum()).to.equal(0);
    expect(cm.valids.totable()).to.deep.equal([0, 0]);
    expect([cm.totalValid, cm.averageValid]).to.deep.equal([0, 0]);
  });

  it('farFrr: zero on the identity (test_confusion.lua), −1 for classes without samples', () => {
    const cm = new optim.ConfusionMatrix(10);
    cm.mat = torch.eye(10, 10).long() as never;
    const [classFrrs, classFars, frrs, fars] = cm.farFrr();
    expect((classFrrs.sum() as number) + (classFars.sum() as number)).to.equal(0);
    expect(frrs.size(1)).to.equal(10);
    expect(fars.size(1)).to.equal(10);
    const cm2 = new optim.ConfusionMatrix(3);
    cm2.batchAdd(D(1, 2, 1), D(1, 1, 2));
    const [cf, ca, f, a] = cm2.farFrr();
    expect(cf.totable()).to.deep.equal([0.5, 1, -1]);
    expect(ca.totable()).to.deep.equal([1, 0.5, -1]);
    expect(f.totable()).to.deep.equal([0.5, 1]);
    expect(a.totable()).to.deep.equal([1, 0.5]);
  });

  it('render() gives the sorted, row-normalised matrix in blocks with grid lines', () => {
    const cm = new optim.ConfusionMatrix(['a', 'b']);
    cm.batchAdd(D(1, 2, 2, 2), D(1, 1, 2, 2));
    const img = cm.render('score', 4);
    expect(img.size().totable()).to.deep.equal([8, 8]);
    // sorted by score: b (1.0) first, then a (0.5)
    expect(img.get(1, 1)).to.equal(1);
    expect(img.get(5, 5)).to.equal(0.5);
    expect(img.get(5, 1)).to.equal(0.5);
    expect(img.get(4, 2)).to.equal(0.1);
    expect(img.get(2, 8)).to.equal(0.1);
  });
});
