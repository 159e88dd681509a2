/** nn.GPU: runs a module on a given device, for model parallelism (nn/GPU.lua). */
import { TorchError } from '../lib/errors.js';
import { Tensor } from '../lib/Tensor.js';
import { Container } from './Container.js';
import { Module } from './Module.js';
import { clear, type Activity } from './utils.js';
import { deviceTypes, deviceKindFor, type DeviceKind } from './parallel/devices.js';

/**
 * Decorates `module` so that it runs on `device`: its input and gradOutput are moved there, its
 * output moved to `outdevice` (default `device`) and its gradInput to the input's device. Layers of
 * one network can so be placed on different devices. On CPU tensors it is a plain pass-through,
 * as in Torch.
 * @example
 * const net = new nn.Sequential()
 *   .add(new nn.GPU(new nn.Linear(10, 20), 1))
 *   .add(new nn.GPU(new nn.Linear(20, 5), 2, 1));
 */
export class GPU extends Container {
  device!: number;
  outdevice!: number;
  _input: Activity | undefined;
  _gradOutput: Activity | undefined;

  constructor(module?: Module, device?: number, outdevice?: number) {
    super();
    if (typeof device !== 'number') throw new TorchError(`nn.GPU: device must be a number (got ${String(device)})`);
    if (!(module instanceof Module)) throw new TorchError('nn.GPU: expecting an nn.Module');
    this.device = device;
    this.outdevice = outdevice ?? device;
    this.modules[0] = module;
    if (this.deviceKind(module._type)) this.type(module._type);
  }

  /** The device kind of a device tensor type (undefined for CPU types, where nn.GPU does nothing). */
  private deviceKind(type = this._type): DeviceKind | undefined {
    if (!deviceTypes().includes(type)) return undefined;
    const k = deviceKindFor(type);
    return k.name === 'cpu' ? undefined : k;
  }

  /** Runs `fn` with this module's device current (directly on CPU types). */
  private on<T>(fn: () => T): T {
    const k = this.deviceKind();
    return k ? k.withDevice(this.device, fn) : fn();
  }

  /** Moves the module's tensors to `device` (default: the current one). */
  setDevice(device?: number): this {
    this.device = device ?? this.device;
    const k = this.deviceKind();
    if (k?.moveTo) this.modules[0] = k.withDevice(this.device, () => relocate(this.modules[0], k, this.device));
    return this;
  }

  override updateOutput(input: Activity): Activity {
    const k = this.deviceKind();
    if (!k) return (this.output = this.modules[0].updateOutput(input));
    this._input = k.moveTo ? k.moveTo(this._input, input, this.device) : input;
    const out = k.withDevice(this.device, () => this.modules[0].updateOutput(this._input!));
    this.output = this.device !== this.outdevice && k.moveTo ? k.moveTo(this.output, out, this.outdevice) : out;
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Activity {
    const k = this.deviceKind();
    if (!k) return (this.gradInput = this.modules[0].updateGradInput(input, gradOutput));
    this._gradOutput = k.moveTo ? k.moveTo(this._gradOutput, gradOutput, this.device) : gradOutput;
    const g = k.withDevice(this.device, () => this.modules[0].updateGradInput(this._input!, this._gradOutput!));
    this.gradInput = k.moveTo ? k.moveTo(this.gradInput, g, input) : g;
    return this.gradInput;
  }

  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    if (!this.deviceKind()) { this.modules[0].accGradParameters(input, gradOutput, scale); return; }
    this.on(() => this.modules[0].accGradParameters(this._input!, this._gradOutput!, scale));
  }

  override apply(fn: (m: Module) => void): void { this.on(() => super.apply(fn)); }

  override type(type?: string, cache?: Map<unknown, Tensor>): this | string {
    if (type === undefined) return this._type;
    if (this.deviceKind(type)) {
      this._type = type;
      this.on(() => super.type(type, cache));
      this.setDevice();
    } else {
      this.output = undefined as never;
      this.gradInput = undefined as never;
      this._input = undefined;
      this._gradOutput = undefined;
      super.type(type, cache);
    }
    return this;
  }

  override clearState(): this {
    clear(this as unknown as Record<string, unknown>, 'output', 'gradInput');
    this._input = undefined;
    this._gradOutput = undefined;
    this.on(() => super.clearState());
    return this;
  }

  override zeroGradParameters(): void { this.on(() => super.zeroGradParameters()); }
  override updateParameters(lr: number): void { this.on(() => super.updateParameters(lr)); }
  override training(): this { return this.on(() => super.training()); }
  override evaluate(): this { return this.on(() => super.evaluate()); }
  override share(mlp: Module, ...names: string[]): this { return this.on(() => super.share(mlp, ...names)); }
  override reset(...args: unknown[]): this { return this.on(() => super.reset(...args)); }
  override clone(...names: string[]): this { return this.on(() => super.clone(...names)); }
  override accUpdateGradParameters(_input?: Activity, _gradOutput?: Activity, _lr?: number): void { throw new TorchError('Not Implemented'); }
  override sharedAccUpdateGradParameters(_input?: Activity, _gradOutput?: Activity, _lr?: number): void { throw new TorchError('Not Implemented'); }

  override toString(): string { return `nn.GPU(${this.device}) @ ${String(this.modules[0])}`; }
}

/** nn.GPU.recursiveModuleDevice: every device tensor of a module moved to `device` (nested nn.GPUs keep theirs). */
function relocate<T>(obj: T, k: DeviceKind, device: number, seen = new Set<unknown>()): T {
  if (obj === null || typeof obj !== 'object' || seen.has(obj) || (obj instanceof GPU && seen.size > 0)) return obj;
  seen.add(obj);
  const rec = obj as Record<string, unknown>;
  for (const key of Object.keys(rec)) {
    const v = rec[key];
    if (v instanceof Tensor) rec[key] = k.moveTo!(undefined, v, device);
    else rec[key] = relocate(v, k, device, seen);
  }
  return obj;
}
