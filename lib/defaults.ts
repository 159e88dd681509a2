/** The default tensor type (`torch.setdefaulttensortype`), DoubleTensor unless changed. */
import { argCheck } from './errors.js';
import { STORAGES, type Storage } from './Storage.js';
import { TENSORS, type Tensor, type TensorClass } from './Tensor.js';
import { typeInfoOf, type TypeKey } from './types.js';

let defaultKey: TypeKey = 'Double';

/** Sets the type `torch.Tensor` stands for, e.g. `'torch.FloatTensor'`. */
export function setdefaulttensortype(name: string): void {
  const info = typeInfoOf(name);
  argCheck(info !== undefined && /Tensor$/.test(name), 1, 'setdefaulttensortype', `unknown tensor type '${name}'`);
  defaultKey = info.key;
}
/** The name of the default tensor type, e.g. `'torch.DoubleTensor'`. */
export function getdefaulttensortype(): string { return `torch.${defaultKey}Tensor`; }
/** The class `torch.Tensor` stands for now. */
export function defaultTensorClass(): TensorClass { return TENSORS[defaultKey]; }
/** The class `torch.Storage` stands for now. */
export function defaultStorageClass(): new (...a: any[]) => Storage { return STORAGES[defaultKey]; }
/** A new empty tensor of the default type. */
export function newDefault(): Tensor { return new TENSORS[defaultKey](); }
