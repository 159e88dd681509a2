/**
 * The GPU benchmark's workloads, each built for a tensor type (torch.CudaTensor or torch.FloatTensor)
 * from the same random data, so the two runs compute the same thing: SGEMM (`torch.mm` into a
 * preallocated result) and the MLP and LeNet SGD training steps of benchmarks/nn.ts.
 */
import { torch } from '../../lib/index.js';
import { benchLenet, benchMlp } from '../models.js';
import type { Tensor } from '../../lib/Tensor.js';
import { nn } from '../../nn/index.js';
import type { Module } from '../../nn/Module.js';
import { NN_WORKLOADS } from '../nn.js';

/** One workload on one tensor type: a step, and what to compare across types after the first step. */
export interface Workload {
  /** e.g. 'SGEMM 1024' or 'MLP train b128' (benchmarks/nn.ts's names) */
  name: string;
  /** FLOPs of one step (GEMM-equivalent, as benchmarks/nn.ts counts them) */
  flops: number;
  /** one step; results stay in the workload's tensors */
  step: () => void;
  /** the step's result, read back to the host (for the cross-check; not timed) */
  result: () => Float32Array | number;
}

const mlp = (): Module => benchMlp();

const lenet = (): Module => benchLenet();

/** Host floats of a tensor of any type. */
const floats = (t: Tensor): Float32Array => Float32Array.from(t.float().contiguous().storage().data as ArrayLike<number>);

/**
 * SGEMM n x n x n as `torch.mm(c, a, b)` on tensors of `type`, from host data `a`, `b`.
 * @example
 * const w = sgemm(512, 'torch.CudaTensor', a, b); w.step(); cuda.synchronize();
 */
export function sgemm(n: number, type: string, a: Tensor, b: Tensor): Workload {
  const x = a.type(type) as Tensor, y = b.type(type) as Tensor;
  const c = torch.mm(x, y) as Tensor;
  return { name: `SGEMM ${n}`, flops: 2 * n ** 3, step: () => { torch.mm(c, x, y); }, result: () => floats(c) };
}

/** The inputs of a training workload, made once on the host and shared by both tensor types. */
export interface TrainData { key: 'mlp' | 'lenet'; batch: number; model: Module; input: Tensor; target: Tensor }

/** Host model, input and targets for 'mlp' or 'lenet' (seeded), at benchmarks/nn.ts's batch unless given. */
export function trainData(key: 'mlp' | 'lenet', batch = NN_WORKLOADS[key].batch): TrainData {
  torch.manualSeed(1234);
  const model = key === 'mlp' ? mlp() : lenet();
  const input = key === 'mlp' ? torch.randn(batch, 784) : torch.randn(batch, 1, 28, 28);
  const target = new torch.LongTensor(Array.from({ length: batch }, (_, i) => 1 + ((i * 7) % 10)));
  return { key, batch, model, input, target };
}

/**
 * One SGD training step of `data` on `type` (a clone of the host model): zeroGradParameters,
 * forward, ClassNLLCriterion forward/backward, backward, `params.add(-lr, grads)`. The loss is a
 * number, read back every step (the one host crossing a training step needs).
 */
export function trainStep(type: string, data: TrainData): Workload {
  const model = data.model.clone().type(type) as Module;
  const crit = new nn.ClassNLLCriterion().type(type) as InstanceType<typeof nn.ClassNLLCriterion>;
  const input = data.input.type(type) as Tensor;
  const target = type === 'torch.CudaTensor' ? (data.target.type(type) as Tensor) : data.target;
  const [params, grads] = model.getParameters();
  let loss = NaN;
  const step = (): void => {
    model.zeroGradParameters();
    const out = model.forward(input);
    loss = crit.forward(out, target) as number;
    model.backward(input, crit.backward(out, target));
    params.add(-0.01, grads);
  };
  const w = NN_WORKLOADS[data.key];
  const name = w.workload.replace(/ b\d+$/, ` b${data.batch}`);
  return { name, flops: (w.flops * data.batch) / w.batch, step, result: () => loss };
}
