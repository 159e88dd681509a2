/** A karpathy/char-rnn LSTM checkpoint (2 layers of 128, tinyshakespeare) loads and models English text. */
import { expect } from 'chai';
import { torch, Tensor } from '../../../lib/index.js';
import { nn } from '../../../nn/index.js';
import { readFileSync } from 'node:fs';
import { CHECKPOINT, HAMLET, OneHot, meanNLL, sampleGreedy, sampleSeeded, initState, registerOneHot, type Checkpoint } from './charrnn.js';

describe('nngraph: char-rnn checkpoint', function () {
  this.timeout(60000);
  let cp: Checkpoint;
  let unregister: () => void;
  before(() => { unregister = registerOneHot(); cp = torch.load(CHECKPOINT) as Checkpoint; });
  after(() => unregister());

  it('loads {protos={rnn=gModule, criterion}, vocab, opt} with the user class OneHot', () => {
    expect(cp.protos.rnn).to.be.instanceOf(nn.gModule);
    expect(cp.protos.criterion).to.be.instanceOf(nn.ClassNLLCriterion);
    expect(Object.keys(cp.vocab)).to.have.length(65);
    expect(cp.vocab['\n']).to.equal(1);
    expect(cp.opt.rnn_size).to.equal(128);
    expect(cp.opt.num_layers).to.equal(2);
    const rnn = cp.protos.rnn;
    expect(rnn.nInputs).to.equal(5);
    expect(rnn.outnode.children).to.have.length(5);
    const ohs = rnn.modules.filter((m: unknown) => m instanceof OneHot);
    expect(ohs).to.have.length(1);
    expect(ohs[0].outputSize).to.equal(65);
  });

  it('its parameters are views into one flat storage, as getParameters left them', () => {
    const [params] = cp.protos.rnn.parameters();
    expect(params).to.have.length(10);
    const s = params[0].storage();
    for (const p of params) expect(p.storage()).to.equal(s);
    const n = params.reduce((a: number, p: Tensor) => a + p.nElement(), 0);
    // per layer i2h and h2h Linear(·, 4*128), each with its bias; then Linear(128, 65)
    expect(n).to.equal(512 * 66 + 512 * 129 + 512 * 129 + 512 * 129 + 65 * 129);
  });

  it('one step gives next c, h per layer and log-probabilities summing to 1', () => {
    const out = cp.protos.rnn.forward([new torch.Tensor([cp.vocab.T]), ...initState(cp)]) as Tensor[];
    expect(out).to.have.length(5);
    for (let i = 0; i < 4; i++) expect(out[i].size().totable()).to.deep.equal([1, 128]);
    expect(out[4].size().totable()).to.deep.equal([1, 65]);
    expect((torch as any).exp(out[4]).sum()).to.be.closeTo(1, 1e-12);
  });

  it('Hamlet III.i: mean NLL far below uniform (ln 65 = 4.17 nats/char), near the validation loss 1.775', () => {
    const nll = meanNLL(cp, HAMLET);
    // measured: 1.8170 nats/char over the 613 predicted characters
    expect(nll).to.be.below(2.6);
    expect(nll).to.be.above(1.0);
    expect(cp.val_loss).to.be.closeTo(1.7753, 1e-4);
  });

  it('greedy sampling is deterministic and writes vocabulary characters', () => {
    const a = sampleGreedy(cp, 'ROMEO:\n', 120);
    const b = sampleGreedy(cp, 'ROMEO:\n', 120);
    expect(a).to.equal(b);
    expect(a).to.have.length(120);
    for (const c of a) expect(cp.vocab[c], JSON.stringify(c)).to.be.a('number');
    expect(a).to.match(/ the /);
  });

  it('seeded sampling (temperature 0.8) repeats with the same seed and differs with another', () => {
    const a = sampleSeeded(cp, 'ROMEO:\n', 150, 123);
    expect(sampleSeeded(cp, 'ROMEO:\n', 150, 123)).to.equal(a);
    expect(sampleSeeded(cp, 'ROMEO:\n', 150, 124)).to.not.equal(a);
    for (const c of a) expect(cp.vocab[c], JSON.stringify(c)).to.be.a('number');
    // English-like: mostly letters and spaces, and some of the commonest words
    expect((a.match(/[a-zA-Z \n]/g) ?? []).length / a.length).to.be.above(0.85);
  });

  it('float() runs the checkpoint in float32 within float precision of the double results', () => {
    const rnnF = cp.protos.rnn.clone().float();
    const text = HAMLET.slice(0, 80);
    let stateD = initState(cp), stateF = initState(cp).map((x) => x.float());
    let worst = 0;
    for (let i = 0; i + 1 < text.length; i++) {
      const ch = cp.vocab[text[i]];
      const outD = cp.protos.rnn.forward([new torch.Tensor([ch]), ...stateD]) as Tensor[];
      const outF = rnnF.forward([new torch.FloatTensor([ch]), ...stateF]) as Tensor[];
      expect(outF[4].type()).to.equal('torch.FloatTensor');
      worst = Math.max(worst, (outF[4].double() as any).add(-1, outD[4]).abs().max());
      stateD = outD.slice(0, 4).map((x) => x.clone());
      stateF = outF.slice(0, 4).map((x) => x.clone());
    }
    expect(worst).to.be.below(1e-4);
  });

  it('serialize/deserialize keeps the results, the flat parameter storage and the OneHot class', () => {
    const back = torch.deserialize(torch.serialize(cp)) as Checkpoint;
    expect(back.protos.rnn.modules.some((m: unknown) => m instanceof OneHot)).to.equal(true);
    const [params] = back.protos.rnn.parameters();
    for (const p of params) expect(p.storage()).to.equal(params[0].storage());
    const text = HAMLET.slice(0, 120);
    expect(meanNLL(back, text)).to.equal(meanNLL(cp, text));
  });

  it('saved back, the checkpoint is byte for byte the file Torch wrote (OneHot included)', () => {
    const bytes = readFileSync(CHECKPOINT);
    const again = torch.load(CHECKPOINT);
    expect(Buffer.compare(torch.serialize(again), bytes)).to.equal(0);
  });

  it('getParameters on the loaded net, and the loss gradient of a step matches central differences', () => {
    const rnn = cp.protos.rnn.clone();
    const [params, grads] = rnn.getParameters();
    expect(params.nElement()).to.equal(240321);
    const x = new torch.Tensor([cp.vocab.T]), y = new torch.LongTensor([cp.vocab.h]);
    const state = initState(cp).map((t) => t.uniform(-0.5, 0.5));
    const loss = (): number => cp.protos.criterion.forward((rnn.forward([x, ...state]) as Tensor[])[4], y);
    grads.zero();
    const out = rnn.forward([x, ...state]) as Tensor[];
    cp.protos.criterion.forward(out[4], y);
    const dlogp = cp.protos.criterion.backward(out[4], y);
    rnn.backward([x, ...state], [...initState(cp), dlogp]);
    let checked = 0;
    for (let i = 1; i <= params.nElement(); i += 9973) {
      const orig = params.get(i), eps = 1e-6;
      params.put(i, orig + eps);
      const lp = loss();
      params.put(i, orig - eps);
      const lm = loss();
      params.put(i, orig);
      expect(grads.get(i), `parameter ${i}`).to.be.closeTo((lp - lm) / (2 * eps), 1e-6);
      checked++;
    }
    expect(checked).to.be.above(20);
    expect((grads as any).abs().sum()).to.be.above(0);
  });

  it('the criterion applies to the log-probabilities (train.lua)', () => {
    const out = cp.protos.rnn.forward([new torch.Tensor([cp.vocab.T]), ...initState(cp)]) as Tensor[];
    const y = new torch.LongTensor([cp.vocab.h]);
    const loss = cp.protos.criterion.forward(out[4], y);
    expect(loss).to.be.closeTo(-out[4].get(1, cp.vocab.h), 1e-12);
    const g = cp.protos.criterion.backward(out[4], y);
    const dstate = initState(cp);
    const gi = cp.protos.rnn.backward([new torch.Tensor([cp.vocab.T]), ...initState(cp)], [...dstate, g]) as Tensor[];
    expect(gi).to.have.length(5);
    expect(gi[1].size().totable()).to.deep.equal([1, 128]);
    expect((gi[1] as any).abs().sum()).to.be.above(0);
  });
});
