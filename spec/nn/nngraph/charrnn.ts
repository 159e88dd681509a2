/** char-rnn helpers for the specs: its `OneHot` class registered as a user would, and its step protocol. */
import { torch, Tensor, registerClass } from '../../../lib/index.js';
import { unregisterClass } from '../../../lib/File/index.js';
import { nn } from '../../../nn/index.js';
import { fixture } from '../../helpers.js';

/** karpathy/char-rnn's util/OneHot.lua (`torch.class('OneHot', 'nn.Module')`): rows of an identity matrix picked by the indices. */
export class OneHot extends nn.Module {
  outputSize: number;
  _eye?: Tensor;
  constructor(outputSize: number) { super(); this.outputSize = outputSize; }
  override get __typename(): string { return 'OneHot'; }
  override updateOutput(input: Tensor): Tensor {
    this._eye ??= (torch as any).eye(this.outputSize) as Tensor;
    this.output.resize(input.size(1), this.outputSize).copy(this._eye.index(1, (input as any).long()));
    return this.output;
  }
}
/** Makes `OneHot` objects load as the class above (and save as `OneHot`); returns the undo. */
export function registerOneHot(): () => void {
  registerClass('OneHot', OneHot);
  return () => unregisterClass('OneHot');
}

export const CHECKPOINT = fixture('t7', 'cs585-word-rnn', 'lm_lstm_epoch2.36_1.7753.t7');

/** Hamlet III.i (public domain), written in the checkpoint's 65 characters. */
export const HAMLET = `HAMLET:
To be, or not to be, that is the question:
Whether 'tis nobler in the mind to suffer
The slings and arrows of outrageous fortune,
Or to take arms against a sea of troubles,
And by opposing end them? To die: to sleep;
No more; and by a sleep to say we end
The heart-ache and the thousand natural shocks
That flesh is heir to, 'tis a consummation
Devoutly to be wish'd. To die, to sleep;
To sleep: perchance to dream: ay, there's the rub;
For in that sleep of death what dreams may come
When we have shuffled off this mortal coil,
Must give us pause: there's the respect
That makes calamity of so long life;
`;

/** The checkpoint's fields used here. */
export interface Checkpoint { protos: { rnn: any; criterion: any }; vocab: Record<string, number>; opt: Record<string, any>; val_loss: number }

/** char-rnn's initial state: zeros (1 x rnn_size) for c and h of each layer. */
export function initState(cp: Checkpoint): Tensor[] {
  const out: Tensor[] = [];
  for (let i = 0; i < 2 * cp.opt.num_layers; i++) out.push((torch as any).zeros(1, cp.opt.rnn_size));
  return out;
}

/** One step (sample.lua): forward `{x, state...}`; returns the next state (copied) and the log-probabilities. */
export function step(cp: Checkpoint, ch: number, state: Tensor[]): [Tensor[], Tensor] {
  const out = cp.protos.rnn.forward([new torch.Tensor([ch]), ...state]) as Tensor[];
  const n = 2 * cp.opt.num_layers;
  return [out.slice(0, n).map((t) => t.clone()), out[n]];
}

/** Mean negative log-likelihood (nats per character) of `text` under the model, from the zero state. */
export function meanNLL(cp: Checkpoint, text: string): number {
  let state = initState(cp), nll = 0;
  for (let i = 0; i + 1 < text.length; i++) {
    const [next, lp] = step(cp, cp.vocab[text[i]], state);
    nll -= lp.get(1, cp.vocab[text[i + 1]]);
    state = next;
  }
  return nll / (text.length - 1);
}

/** Greedy sampling (sample.lua with -sample 0): primes with `prime`, then `n` argmax characters. */
export function sampleGreedy(cp: Checkpoint, prime: string, n: number): string {
  const ivocab: string[] = [];
  for (const [c, i] of Object.entries(cp.vocab)) ivocab[i] = c;
  let state = initState(cp), lp: Tensor | undefined, out = '';
  for (const c of prime) [state, lp] = step(cp, cp.vocab[c], state);
  for (let i = 0; i < n; i++) {
    const [, idx] = (lp as any).max(2) as [Tensor, Tensor];
    const c = idx.get(1, 1);
    out += ivocab[c];
    [state, lp] = step(cp, c, state);
  }
  return out;
}

/** Seeded sampling (sample.lua with -sample 1 -temperature T): each character drawn from softmax(logp / T) with torch.uniform(). */
export function sampleSeeded(cp: Checkpoint, prime: string, n: number, seed: number, temperature = 0.8): string {
  const t = torch as any;
  t.manualSeed(seed);
  const ivocab: string[] = [];
  for (const [c, i] of Object.entries(cp.vocab)) ivocab[i] = c;
  let state = initState(cp), lp: Tensor | undefined, out = '';
  for (const c of prime) [state, lp] = step(cp, cp.vocab[c], state);
  for (let i = 0; i < n; i++) {
    const p = t.exp((lp as any).clone().div(temperature)) as Tensor;
    const u = t.uniform() * (p as any).sum();
    let c = 1, acc = p.get(1, 1);
    while (acc < u && c < p.size(2)) acc += p.get(1, ++c);
    out += ivocab[c];
    [state, lp] = step(cp, c, state);
  }
  return out;
}
