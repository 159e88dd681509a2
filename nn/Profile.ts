/** nn.Profile(module, print_interval = 100, name = torch.type(module)): times forward/backward (Profile.lua). */
import { registerClass } from '../lib/File/registry.js';
import { Decorator } from './Decorator.js';
import type { Module } from './Module.js';

const now = (): number => performance.now() / 1000;
/** Process CPU times in microseconds (zeros where the platform has none, e.g. a browser). */
const cpuUsage = (since?: { user: number; system: number }): { user: number; system: number } =>
  (typeof process !== 'undefined' && typeof process.cpuUsage === 'function' ? process.cpuUsage(since) : { user: 0, system: 0 });

/**
 * A stopwatch in torch.Timer's shape: `reset()`, `time()` → `{real, user, sys}` in seconds (user and sys
 * are the process CPU times when available). Saved as a `torch.Timer` with an empty payload and loaded
 * as a fresh timer, as nn's Profile.lua makes Torch's Timer serialisable.
 */
export class ProfileTimer {
  private start = now();
  private cpu = cpuUsage();
  /** Restarts the count from zero. */
  reset(): this { this.start = now(); this.cpu = cpuUsage(); return this; }
  /** The time elapsed since the last reset (or creation). */
  time(): { real: number; user: number; sys: number } {
    const c = cpuUsage(this.cpu);
    return { real: now() - this.start, user: c.user / 1e6, sys: c.system / 1e6 };
  }
}
registerClass('torch.Timer', ProfileTimer, {
  readPayload: () => [],
  create: () => new ProfileTimer(),
  fill: () => {},
  writePayload: () => {},
});

/**
 * A decorator that times the wrapped module's updateOutput and updateGradInput (wall clock). Every
 * `print_interval` calls of each it prints (console.log, as Lua's print)
 * `<name> took <s> seconds for <n> forward passes` (or `backward passes`), the seconds with 3 decimals,
 * and starts counting again.
 * @example
 * const m = new nn.Profile(new nn.Linear(100, 10), 10, 'fc');
 * for (let i = 0; i < 10; i++) m.forward(x); // prints 'fc took 0.001 seconds for 10 forward passes'
 */
export class Profile extends Decorator {
  print_interval: number;
  name: string;
  /** The wrapped module (also `modules[1]`). */
  module: Module;
  numFwds = 0;
  numBwds = 0;
  summedFwdTime = 0;
  summedBwdTime = 0;
  timer = new ProfileTimer();

  constructor(module: Module, print_interval?: number, name?: string) {
    super(module);
    this.print_interval = print_interval ?? 100;
    this.name = name ?? module.__typename;
    this.module = module;
  }

  override updateOutput(input: any): any {
    this.timer.reset();
    this.output = this.module.updateOutput(input);
    this.summedFwdTime += this.timer.time().real;
    this.numFwds += 1;
    if (this.numFwds % this.print_interval === 0) {
      console.log(`${this.name} took ${this.summedFwdTime.toFixed(3)} seconds for ${this.print_interval} forward passes`);
      this.numFwds = 0;
      this.summedFwdTime = 0;
    }
    return this.output;
  }

  override updateGradInput(input: any, gradOutput: any): any {
    this.timer.reset();
    this.gradInput = this.module.updateGradInput(input, gradOutput);
    this.summedBwdTime += this.timer.time().real;
    this.numBwds += 1;
    if (this.numBwds % this.print_interval === 0) {
      console.log(`${this.name} took ${this.summedBwdTime.toFixed(3)} seconds for ${this.print_interval} backward passes`);
      this.numBwds = 0;
      this.summedBwdTime = 0;
    }
    return this.gradInput;
  }
}
