/**
 * torch.load / torch.save and friends: the `.t7` format of Torch7 (see /shared/docs/t7-format.md).
 * The Lua ↔ JS mapping is documented in lua.ts; the nn fix-ups in nnclasses.ts.
 */
import './builtins.js';
export { load, save, serialize, deserialize, decodeFirst, T7Reader, T7Writer, type LoadOptions, type T7Bytes } from './io.js';
export type { WriteOptions } from './writer.js';
export { type T7Format, describeEncoding } from './detect.js';
export type { Encoding, ElemType } from './formats.js';
export { formatG, parseFloat32, halfToFloat, floatToHalf } from './numbers.js';
export {
  LuaTable, LuaFunction, TorchObject, TdsVec, TdsHash, luaStringToUtf8, utf8ToLuaString, luaStringBytes,
} from './lua.js';
export {
  registerClass, registerAlias, registerNamespace, unregisterClass, findClass, OBJECT,
  type ClassSpec, type PayloadSource, type PayloadSink, type PayloadGen, type WriteItem,
} from './registry.js';
export { originalTypename } from './builtins.js';
export { registerNN } from './nnclasses.js';
export { t7info, t7convert, describeObject } from './info.js';
