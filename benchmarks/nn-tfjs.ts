/**
 * The nn workloads of benchmarks/nn.ts in TensorFlow.js, on its wasm (XNNPACK, one thread in Node) and
 * cpu (plain JS) backends: NHWC tensors, fused ops (what tf.layers uses), one SGD step through
 * `tf.train.sgd(lr).minimize`. A backend that cannot run a workload (wasm has no conv backward-filter
 * kernel) gives a note, not an error.
 */
import { loadTf } from './tfjs.js';
import { timeIt, type Timing, type TimingOptions } from './timing.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Tf = any;

/** The nn workloads: MLP and LeNet training steps, two conv forward layers. */
export type NnKey = 'mlp' | 'lenet' | 'conv1' | 'conv2';

/** One TF.js measurement. */
export interface TfNnResult { key: NnKey; impl: string; t: Timing; note?: string }

const LR = 0.01;

/**
 * Timing options for TF.js: its steps take up to seconds here (cpu: ~2 s per training step), so the
 * warm-up is one call and `maxMs` caps the samples (one or two timed steps for the slow ones).
 */
export function tfjsTiming(o: TimingOptions): TimingOptions {
  return { samples: o.samples, warmup: 1, minSampleMs: o.minSampleMs, maxMs: o.maxMs * 0.6 };
}

/** A trainable variable, uniform in ±1/sqrt(fanIn) as Torch's default reset. */
function param(tf: Tf, shape: number[], fanIn: number): Tf {
  const b = 1 / Math.sqrt(fanIn);
  return tf.tidy(() => tf.variable(tf.randomUniform(shape, -b, b, 'float32')));
}

/** Random class labels 0..classes-1 as a one-hot float matrix. */
function oneHot(tf: Tf, n: number, classes: number): Tf {
  return tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from({ length: n }, () => Math.floor(Math.random() * classes)), 'int32'), classes).toFloat());
}

/** LogSoftMax + ClassNLLCriterion (mean over the batch) on logits. */
function nll(tf: Tf, logits: Tf, target: Tf): Tf {
  return tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(logits), target), 1)));
}

/**
 * A timed SGD step: minimize the loss over `vars`, read the cost back so the step is complete. The
 * optimizer (it holds the learning-rate scalar) is disposed with the workload's tensors.
 */
function train(tf: Tf, loss: () => Tf, vars: Tf[], data: Tf[]): { step: () => void; keep: { dispose(): void }[] } {
  const opt = tf.train.sgd(LR);
  const step = (): void => {
    const cost = opt.minimize(loss, true, vars);
    cost.dataSync();
    cost.dispose();
  };
  return { step, keep: [...data, ...vars, opt] };
}

/** Builds a workload on the current backend: its step and the tensors to dispose afterwards. */
function build(tf: Tf, key: NnKey): { step: () => void; keep: { dispose(): void }[] } {
  if (key === 'mlp') {
    const B = 128, x = tf.randomNormal([B, 784]), y = oneHot(tf, B, 10);
    const W1 = param(tf, [784, 1024], 784), b1 = param(tf, [1024], 784);
    const W2 = param(tf, [1024, 1024], 1024), b2 = param(tf, [1024], 1024);
    const W3 = param(tf, [1024, 10], 1024), b3 = param(tf, [10], 1024);
    const vars = [W1, b1, W2, b2, W3, b3];
    const loss = (): Tf => {
      const h1 = tf.fused.matMul({ a: x, b: W1, bias: b1, activation: 'relu' });
      const h2 = tf.fused.matMul({ a: h1, b: W2, bias: b2, activation: 'relu' });
      return nll(tf, tf.fused.matMul({ a: h2, b: W3, bias: b3 }), y);
    };
    return train(tf, loss, vars, [x, y]);
  }
  if (key === 'lenet') {
    const B = 64, x = tf.randomNormal([B, 28, 28, 1]), y = oneHot(tf, B, 10);
    const C1 = param(tf, [5, 5, 1, 6], 25), c1 = param(tf, [6], 25);
    const C2 = param(tf, [5, 5, 6, 16], 150), c2 = param(tf, [16], 150);
    const W3 = param(tf, [256, 120], 256), b3 = param(tf, [120], 256);
    const W4 = param(tf, [120, 84], 120), b4 = param(tf, [84], 120);
    const W5 = param(tf, [84, 10], 84), b5 = param(tf, [10], 84);
    const vars = [C1, c1, C2, c2, W3, b3, W4, b4, W5, b5];
    const loss = (): Tf => {
      let h = tf.fused.conv2d({ x, filter: C1, strides: 1, pad: 'valid', bias: c1, activation: 'relu' });
      h = tf.maxPool(h, 2, 2, 'valid');
      h = tf.fused.conv2d({ x: h, filter: C2, strides: 1, pad: 'valid', bias: c2, activation: 'relu' });
      h = tf.reshape(tf.maxPool(h, 2, 2, 'valid'), [B, 256]);
      h = tf.fused.matMul({ a: h, b: W3, bias: b3, activation: 'relu' });
      h = tf.fused.matMul({ a: h, b: W4, bias: b4, activation: 'relu' });
      return nll(tf, tf.fused.matMul({ a: h, b: W5, bias: b5 }), y);
    };
    return train(tf, loss, vars, [x, y]);
  }
  // conv forward with bias (as nn.SpatialConvolution); cpu and wasm kernels run synchronously in the call
  const [cin, hw, cout, k, pad] = key === 'conv1' ? [3, 32, 16, 5, 'valid'] as const : [64, 16, 64, 3, 'same'] as const;
  const x = tf.randomNormal([32, hw, hw, cin]), filter = param(tf, [k, k, cin, cout], cin * k * k), bias = param(tf, [cout], cin * k * k);
  return { step: () => tf.fused.conv2d({ x, filter, strides: 1, pad, bias }).dispose(), keep: [x, filter, bias] };
}

/**
 * Times the nn workloads on TF.js wasm and cpu. Missing TF.js, a backend that does not start, or a
 * workload a backend cannot run (its error message) are pushed to `notes`.
 * @example
 * const results = await tfjsNnResults(QUICK, ['mlp', 'conv1'], notes);
 */
export async function tfjsNnResults(o: TimingOptions, keys: NnKey[], notes: string[]): Promise<TfNnResult[]> {
  const tf = await loadTf();
  if (typeof tf === 'string') { notes.push(tf); return []; }
  const out: TfNnResult[] = [], to = tfjsTiming(o);
  for (const backend of ['wasm', 'cpu']) {
    if (!(await tf.setBackend(backend).catch(() => false))) { notes.push(`tfjs-${backend} did not start`); continue; }
    await tf.ready();
    const impl = `tfjs-${backend}`;
    for (const key of keys) {
      const before = tf.memory().numTensors;
      let keep: { dispose(): void }[] = [];
      try {
        const w = build(tf, key);
        keep = w.keep;
        const t = timeIt(w.step, to);
        out.push({ key, impl, t, note: t.samples < 3 ? `${t.samples} timed step${t.samples > 1 ? 's' : ''}` : undefined });
      } catch (e) {
        const msg = (e as Error).message.split('\n')[0];
        notes.push(`${impl} cannot run ${key}: ${msg}`);
      } finally {
        for (const v of keep) v.dispose();
      }
      const leaked = tf.memory().numTensors - before;
      if (leaked > 0 && out.at(-1)?.key === key && out.at(-1)?.impl === impl) notes.push(`${impl} ${key}: ${leaked} tensors left after the run`);
    }
  }
  return out;
}
