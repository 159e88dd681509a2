/**
 * karpathy/char-rnn's LSTM (model/LSTM.lua) built with nngraph, ported line by line, and trained as
 * train.lua trains it: parameters flattened once, one clone per time step sharing them, truncated
 * backpropagation through time, gradient clipping, optim.rmsprop. Here on a short repeated text.
 *
 *   node dist/examples/lstm.js
 */
import { torch } from '../lib/index.js';
import type { Tensor } from '../lib/Tensor.js';
import { nn } from '../nn/index.js';
import type { gModule } from '../nn/gModule.js';
import type { Node } from '../nn/nngraph/Node.js';
import { optim } from '../optim/index.js';
import { runIfMain } from './run.js';

/** LSTM.lstm(input_size, rnn_size, n, dropout): inputs {x, prev_c[1], prev_h[1], ...}, outputs {next_c[1], next_h[1], ..., logprobs}. */
export function lstm(inputSize: number, rnnSize: number, n: number, dropout = 0): gModule {
  // there will be 2*n+1 inputs
  const inputs: Node[] = [new nn.Identity().__call__()]; // x
  for (let L = 1; L <= n; L++) {
    inputs.push(new nn.Identity().__call__()); // prev_c[L]
    inputs.push(new nn.Identity().__call__()); // prev_h[L]
  }
  let x: Node, inputSizeL: number;
  const outputs: Node[] = [];
  for (let L = 1; L <= n; L++) {
    // c,h from previous timesteps (Lua: inputs[L*2+1], inputs[L*2])
    const prevH = inputs[L * 2], prevC = inputs[L * 2 - 1];
    // the input to this layer
    if (L === 1) {
      x = new nn.OneHot(inputSize).__call__(inputs[0]);
      inputSizeL = inputSize;
    } else {
      x = outputs[(L - 1) * 2 - 1];
      if (dropout > 0) x = new nn.Dropout(dropout).__call__(x); // apply dropout, if any
      inputSizeL = rnnSize;
    }
    // evaluate the input sums at once for efficiency
    const i2h = new nn.Linear(inputSizeL, 4 * rnnSize).__call__(x).annotate({ name: `i2h_${L}` });
    const h2h = new nn.Linear(rnnSize, 4 * rnnSize).__call__(prevH).annotate({ name: `h2h_${L}` });
    const allInputSums = new nn.CAddTable().__call__([i2h, h2h]);
    const reshaped = new nn.Reshape(4, rnnSize).__call__(allInputSums);
    const [n1, n2, n3, n4] = new nn.SplitTable(2).__call__(reshaped).split(4);
    // decode the gates
    const inGate = new nn.Sigmoid().__call__(n1);
    const forgetGate = new nn.Sigmoid().__call__(n2);
    const outGate = new nn.Sigmoid().__call__(n3);
    // decode the write inputs
    const inTransform = new nn.Tanh().__call__(n4);
    // perform the LSTM update
    const nextC = new nn.CAddTable().__call__([
      new nn.CMulTable().__call__([forgetGate, prevC]),
      new nn.CMulTable().__call__([inGate, inTransform]),
    ]);
    // gated cells form the output
    const nextH = new nn.CMulTable().__call__([outGate, new nn.Tanh().__call__(nextC)]);
    outputs.push(nextC, nextH);
  }
  // set up the decoder
  let topH = outputs[outputs.length - 1];
  if (dropout > 0) topH = new nn.Dropout(dropout).__call__(topH);
  const proj = new nn.Linear(rnnSize, inputSize).__call__(topH).annotate({ name: 'decoder' });
  outputs.push(new nn.LogSoftMax().__call__(proj));
  return new nn.gModule(inputs, outputs);
}

export interface LstmOptions { iterations?: number; seqLength?: number; rnnSize?: number; layers?: number; seed?: number; quiet?: boolean }

/** Trains on a repeated sentence; returns the loss (nats per character) of each iteration. */
export function main(opts: LstmOptions = {}): { losses: number[] } {
  const { iterations = 60, seqLength = 12, rnnSize = 32, layers = 2, seed = 123, quiet = false } = opts;
  const t = torch as any;
  t.manualSeed(seed);
  const text = 'hello nngraph, hello torch. '.repeat(20);
  const chars = [...new Set(text)].sort();
  const vocab: Record<string, number> = {};
  chars.forEach((c, i) => { vocab[c] = i + 1; });
  const rnn = lstm(chars.length, rnnSize, layers);
  const criterion = new nn.ClassNLLCriterion();
  const [params, gradParams] = rnn.getParameters();
  params.uniform(-0.08, 0.08);
  // model_utils.clone_many_times: one clone per step, sharing the flattened parameters
  const clones = Array.from({ length: seqLength }, () => rnn.clone('weight', 'bias', 'gradWeight', 'gradBias'));
  const zeros = () => Array.from({ length: 2 * layers }, () => t.zeros(1, rnnSize) as Tensor);
  let initState = zeros(), pos = 0;
  const feval = (): [number, Tensor] => {
    gradParams.zero();
    const xs: Tensor[] = [], ys: Tensor[] = [], states: Tensor[][] = [initState], preds: Tensor[] = [];
    let loss = 0;
    for (let s = 0; s < seqLength; s++) {
      const i = (pos + s) % (text.length - 1);
      xs.push(new torch.Tensor([vocab[text[i]]]));
      ys.push(new torch.LongTensor([vocab[text[i + 1]]]));
      const lst = clones[s].forward([xs[s], ...states[s]]) as Tensor[];
      states.push(lst.slice(0, 2 * layers));
      preds.push(lst[2 * layers]);
      loss += criterion.forward(preds[s], ys[s]);
    }
    let drnn = zeros();
    for (let s = seqLength - 1; s >= 0; s--) {
      const dlogp = criterion.backward(preds[s], ys[s]).clone();
      const dlst = clones[s].backward([xs[s], ...states[s]], [...drnn, dlogp]) as Tensor[];
      drnn = dlst.slice(1);
    }
    initState = states[seqLength].map((x) => x.clone()); // carry the state over (truncated BPTT)
    pos = (pos + seqLength) % (text.length - 1);
    gradParams.clamp(-5, 5);
    return [loss / seqLength, gradParams];
  };
  const losses: number[] = [];
  const state = { learningRate: 2e-2, alpha: 0.95 };
  for (let it = 1; it <= iterations; it++) {
    const [, fx] = optim.rmsprop(feval, params, state);
    losses.push(fx[0]);
    if (!quiet && it % 10 === 0) console.log(`iteration ${it}: loss ${fx[0].toFixed(4)} nats/char`);
  }
  return { losses };
}

runIfMain(import.meta.url, () => main());
