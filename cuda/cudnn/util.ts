/** Helpers shared by the cudnn classes: Torch class names, defaults that are read but never written. */
import { hide } from '../../lib/File/lua.js';
import type { Tensor } from '../../lib/Tensor.js';

/** Makes instances of `cls` report `cudnn.<name>` as their Torch type (torch.typename, printing, saving). */
export function cudnnName(cls: Function, name: string): void {
  Object.defineProperty(cls.prototype, '__typename', { get: () => `cudnn.${name}`, configurable: true });
}

/**
 * Values the nn parent reads but cudnn's Lua class does not keep as fields (cudnn.ReLU has no
 * `threshold`): prototype defaults, so a file loads and runs without them and saves back unchanged.
 * Assigning the field on an instance makes it an ordinary (written) field, as in Lua.
 */
export function protoDefaults(cls: Function, values: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(values)) {
    Object.defineProperty(cls.prototype, k, { value: v, writable: true, configurable: true, enumerable: false });
  }
}

/** Deletes own fields the nn constructor set and cudnn's constructor does not (the prototype defaults then apply). */
export function dropFields(obj: object, ...keys: string[]): void {
  for (const k of keys) delete (obj as Record<string, unknown>)[k];
}

/** A hidden (never written) work buffer of `like`'s type on a module (made anew after a type change). */
export function hiddenBuffer(obj: object, key: string, like: Tensor): Tensor {
  const o = obj as Record<string, unknown>;
  const b = o[key] as Tensor | undefined;
  if (!b || b.type() !== like.type()) hide(obj, key, like.new());
  return o[key] as Tensor;
}
