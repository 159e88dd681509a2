/**
 * The device layer of the parallel modules (DataParallelTable, nn.GPU, ModelParallel): a *device
 * kind* says how many devices exist and builds *replicas*, copies of a module that run jobs on one
 * device. CPU devices (parallel/cpu.ts) are the calling thread (device 1) and worker threads
 * (devices 2..n); a GPU package registers its own kind (e.g. gpu.js contexts for torch.CudaTensor)
 * with `registerDeviceKind`.
 */
import { TorchError } from '../../lib/errors.js';
import type { Tensor } from '../../lib/Tensor.js';
import type { Module } from '../Module.js';
import type { Activity } from '../utils.js';

/** What a replica can be asked to do: nn's methods, by name. */
export type Job =
  /** `from`: parameters the replica copies into its own before the forward (a deferred broadcast). */
  | { op: 'updateOutput'; input: Activity; from?: Tensor[] }
  | { op: 'updateGradInput'; input: Activity; gradOutput: Activity }
  | { op: 'accGradParameters'; input: Activity; gradOutput: Activity; scale: number }
  | { op: 'backward'; input: Activity; gradOutput: Activity; scale: number }
  | { op: 'training' | 'evaluate' | 'clearState' | 'zeroGradParameters' | 'getParameters' }
  /** Part `part` of `parts` of the gradient sum into replica 1's (`grads`: every replica's gradients), run by each replica's thread. */
  | { op: 'reduceGradients'; grads: Tensor[][]; part: number; parts: number };

/** One copy of a module on one device. */
export interface Replica {
  /** 1-based replica number in its table. */
  readonly index: number;
  /** The device it runs on (1-based). */
  readonly device: number;
  /** Where it runs, for messages: `CPU device 2 (worker thread)`. */
  readonly where: string;
  /** The module object when it lives in the calling thread (always true of replica 1). */
  readonly module: Module | undefined;
  /** A tensor of `like`'s type the replica can read (`prev` when it still fits), for its inputs. */
  buffer(prev: Tensor | undefined, like: Tensor): Tensor;
  /** Starts a job; a replica in the calling thread may run it right away. */
  start(job: Job): void;
  /** Waits for the started job: its result (output / gradInput; `[params, grads]` for getParameters). */
  finish(): Activity | [Tensor, Tensor] | undefined;
  /** `[params, gradParams]` of the replica as tensors the calling thread can read and write. */
  parameters(): [Tensor[], Tensor[]];
  /** Makes this replica a fresh copy of `source` (replica 1 becomes `source` itself), as cunn's `applyChanges`. */
  reload(source: Module): void;
  /** Releases the device's resources (a worker thread ends). */
  dispose(): void;
}

/** Options for building replicas. */
export interface ReplicaOptions {
  /** Modules that each worker thread imports before it builds its replica (registering custom classes). */
  imports?: string[];
  /** Longest wait for one job, in ms (0: no limit). */
  timeout?: number;
}

/** A family of devices: the CPU cores, or a GPU package's contexts. */
export interface DeviceKind {
  /** 'cpu', 'cuda', ... */
  readonly name: string;
  /** The tensor types whose modules run on this kind of device. */
  readonly types: readonly string[];
  /** How many devices of this kind exist (cutorch.getDeviceCount()). */
  deviceCount(): number;
  /** Describes device `id` for messages. */
  describe(id: number): string;
  /**
   * Replicas of `module` on `devices` (one per entry, in order; replica 1 must be `module` itself,
   * the others copies that start with its parameters).
   */
  replicate(module: Module, devices: readonly number[], options: ReplicaOptions): Replica[];
  /** Runs `fn` with device `id` current (cutorch.withDevice); CPU devices just run it. */
  withDevice<T>(id: number, fn: () => T): T;
  /**
   * nn.GPU's `recursiveSetDevice`: `src` (a tensor or table) on device `to` (a number, or the device of
   * the tensor / table `to`), reusing `dst` where it fits; tensors already there are returned as they are.
   * Kinds whose tensors have no device (CPU) leave it out.
   */
  moveTo?(dst: Activity | undefined, src: Activity, to: number | Activity): Activity;
  /** Called before replicas run concurrently; returns the function that undoes it (e.g. BLAS threads). */
  beginParallel?(): () => void;
}

const kinds: DeviceKind[] = [];

/**
 * Registers a device kind (the GPU package registers its kind for torch.CudaTensor). A kind
 * registered later wins for the types it lists.
 * @example
 * registerDeviceKind(myKind); deviceKindFor('torch.CudaTensor') === myKind; // true
 */
export function registerDeviceKind(kind: DeviceKind): void {
  const i = kinds.findIndex((k) => k.name === kind.name);
  if (i >= 0) kinds.splice(i, 1);
  kinds.unshift(kind);
}

/**
 * The device kind that runs modules of tensor type `type` ('torch.FloatTensor' → cpu).
 * @example
 * deviceKindFor('torch.DoubleTensor').name; // 'cpu'
 */
export function deviceKindFor(type: string): DeviceKind {
  const k = kinds.find((x) => x.types.includes(type));
  if (!k) {
    const known = kinds.flatMap((x) => x.types).join(', ');
    throw new TorchError(`no device runs ${type} modules (device types: ${known})`);
  }
  return k;
}

/** Every type some registered device kind runs. */
export const deviceTypes = (): string[] => kinds.flatMap((k) => k.types);

/**
 * Checks a device number as cutorch.setDevice does: an integer in 1..deviceCount.
 * @throws TorchError "invalid device ordinal" otherwise.
 */
export function checkDevice(kind: DeviceKind, id: unknown, fn: string): number {
  const n = kind.deviceCount();
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 1 || id > n) {
    throw new TorchError(`${fn}: invalid device ordinal ${String(id)} (${kind.name} devices are 1..${n})`);
  }
  return id;
}
