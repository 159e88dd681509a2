/**
 * torch.save / torch.load / serialize / deserialize: the Lua ↔ JS mapping, every object kind, the
 * formats, the class registry, nn objects and their legacy fields, and errors.
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { torch, Tensor } from '../../lib/index.js';
import { ByteStorage, CharStorage, DoubleStorage, FloatStorage, LongStorage } from '../../lib/Storage.js';
import { DoubleTensor, FloatTensor, LongTensor, TYPE_CONVERTERS } from '../../lib/Tensor.js';
import '../../lib/File/nn.js';
import { nn } from '../../nn/index.js';
import {
  load, save, serialize, deserialize, decodeFirst, T7Reader, T7Writer, LuaTable, LuaFunction, TorchObject, TdsVec, TdsHash,
  registerClass, registerAlias, unregisterClass, formatG, parseFloat32, floatToHalf, halfToFloat,
  luaStringToUtf8, utf8ToLuaString, describeObject as describeValue, t7info, OBJECT, type PayloadSource, type PayloadSink, type WriteItem, type PayloadGen,
} from '../../lib/File/index.js';
import { describeCpu, expectClose, withoutClass } from '../helpers.js';

const rt = (v: unknown, fmt: 'binary' | 'ascii' | 'b32' = 'binary') => deserialize(serialize(v, fmt), fmt);
const FORMATS = ['binary', 'ascii', 'b32'] as const;
const int32 = (...v: number[]) => Buffer.from(new Int32Array(v).buffer);
const str = (s: string) => Buffer.concat([int32(s.length), Buffer.from(s, 'latin1')]);

describeCpu('torch.serialize / deserialize: Lua values', () => {
  it('nil, numbers, booleans, strings at the top level, in every format', () => {
    for (const fmt of FORMATS) {
      expect(rt(undefined, fmt)).to.equal(undefined);
      expect(rt(null, fmt)).to.equal(undefined);
      for (const x of [0, -0, 42, -7, 0.1, 1 / 3, 2 ** 53, 2 ** 63, 5e-324, Number.MAX_VALUE, Infinity, -Infinity]) {
        expect(Object.is(rt(x, fmt), x), `${x} in ${fmt}`).to.equal(true);
      }
      expect(Number.isNaN(rt(NaN, fmt) as number)).to.equal(true);
      expect(rt(true, fmt)).to.equal(true);
      expect(rt(false, fmt)).to.equal(false);
      expect(rt('torch', fmt)).to.equal('torch');
    }
  });

  it('the exact bytes of nil, a number, a string and a boolean', () => {
    expect(serialize(undefined).toString('hex')).to.equal('00000000');
    expect(serialize(7.25).toString('hex')).to.equal('01000000' + '0000000000001d40');
    expect(serialize('hi').toString('hex')).to.equal('02000000' + '02000000' + '6869');
    expect(serialize(true).toString('hex')).to.equal('05000000' + '01000000');
    expect(serialize('hi', 'ascii').toString('latin1')).to.equal('2\n2\nhi\n');
    expect(serialize('', 'ascii').toString('latin1')).to.equal('2\n0\n');
    expect(serialize(1 / 3, 'ascii').toString('latin1')).to.equal('1\n0.33333333333333331\n');
    expect(serialize({ a: 1 }).toString('hex')).to.equal('03000000' + '01000000' + '01000000' + '020000000100000061' + '01000000000000000000f03f');
  });

  it('strings are byte strings: every byte value round-trips exactly; UTF-8 helpers', () => {
    const all = String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i));
    for (const fmt of FORMATS) expect(rt(all, fmt), fmt).to.equal(all);
    expect(serialize(all).subarray(8).equals(Buffer.from(Array.from({ length: 256 }, (_, i) => i)))).to.equal(true);
    // a JS string with chars above U+00FF is written as UTF-8 and reads back as its (latin1-held) bytes
    const lua = rt('héllo ✓') as string;
    expect(lua).to.equal(utf8ToLuaString('héllo ✓'));
    expect(luaStringToUtf8(lua)).to.equal('héllo ✓');
    // chars <= U+00FF are bytes (latin1)
    expect(serialize('é').subarray(4).toString('hex')).to.equal('01000000e9');
    // a Buffer is written as a Lua string
    expect(rt(Buffer.from([0, 255, 10]))).to.equal('\x00\xff\n');
  });

  it('tables: keys 1..n ↔ arrays, string keys ↔ objects, anything else ↔ LuaTable', () => {
    expect(rt([])).to.deep.equal([]);
    expect(rt({})).to.deep.equal([]);
    expect(rt(['a', 'b', 3, true])).to.deep.equal(['a', 'b', 3, true]);
    expect(rt({ x: 1, y: 'two', z: { w: [1, 2] } })).to.deep.equal({ x: 1, y: 'two', z: { w: [1, 2] } });
    const keyTable = { k: 1 };
    const t = new LuaTable([[0, 'zero'], [1, 'one'], [2.5, 'frac'], [-1, 'neg'], [true, 'yes'], [false, 'no'], ['s', 's'], [keyTable, 'table key']]);
    for (const fmt of FORMATS) {
      const back = rt(t, fmt) as LuaTable;
      expect(back).to.be.instanceOf(LuaTable);
      expect(back.size).to.equal(8);
      for (const k of [0, 1, 2.5, -1, true, false, 's']) expect(back.get(k), `${String(k)} in ${fmt}`).to.equal(t.get(k));
      const tk = [...back.keys()].find((k) => typeof k === 'object');
      expect(tk).to.deep.equal({ k: 1 });
      expect(back.get(tk)).to.equal('table key');
    }
    // number keys stay numbers and string keys strings
    const mixed = rt(new LuaTable([[1, 'n'], ['1', 's']])) as LuaTable;
    expect(mixed.get(1)).to.equal('n');
    expect(mixed.get('1')).to.equal('s');
    // an array with extra string keys is one table
    const arr: unknown[] & { name?: string } = [10, 20];
    arr.name = 'x';
    const back = rt(arr) as LuaTable;
    expect([...back]).to.deep.equal([[1, 10], [2, 20], ['name', 'x']]);
  });

  it('nil inside arrays: holes are not written, so the table loads as a LuaTable', () => {
    const back = rt([1, undefined, 3, null]) as LuaTable;
    expect(back).to.be.instanceOf(LuaTable);
    expect([...back]).to.deep.equal([[1, 1], [3, 3]]);
    expect(back.border).to.equal(1);
    expect(rt({ a: 1, b: undefined })).to.deep.equal({ a: 1 });
  });

  it('a plain table with a __typename key stays a table', () => {
    expect(rt({ __typename: 'nn.Linear', x: 1 })).to.deep.equal({ __typename: 'nn.Linear', x: 1 });
  });

  it('a __proto__ key is an ordinary field', () => {
    const t = JSON.parse('{"__proto__": 5, "x": 1}');
    const back = rt(t) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).to.equal(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(back, '__proto__')?.value).to.equal(5);
  });

  it('shared tables and cycles keep their identity; referenced=false writes copies and refuses cycles', () => {
    const s = { v: 1 };
    const root: Record<string, any> = { a: s, b: s, c: { inner: s } };
    root.self = root;
    const m = new LuaTable([[root, 'root as key']]);
    root.m = m;
    for (const fmt of FORMATS) {
      const back = rt(root, fmt) as Record<string, any>;
      expect(back.a).to.equal(back.b);
      expect(back.c.inner).to.equal(back.a);
      expect(back.self).to.equal(back);
      expect(back.m.get(back)).to.equal('root as key');
    }
    const copies = deserialize(serialize({ a: s, b: s }, 'binary', false)) as Record<string, any>;
    expect(copies.a).to.deep.equal({ v: 1 });
    expect(copies.a).to.not.equal(copies.b);
    // reading with referenced=false: fine for such files, broken (an error) on back-references, as in Torch
    expect(deserialize(serialize({ a: s, b: s }, 'binary', false), 'binary', false)).to.deep.equal({ a: { v: 1 }, b: { v: 1 } });
    expect(() => deserialize(serialize({ a: s, b: s }), 'binary', false)).to.throw(torch.TorchError, /at byte \d+/);
    expect(() => serialize(root, 'binary', false)).to.throw(torch.TorchError, /cycle .*self/);
    const x = new torch.DoubleTensor(3).fill(1);
    const noref = deserialize(serialize([x, x], 'binary', false)) as Tensor[];
    expect(noref[0]).to.not.equal(noref[1]);
    expect(noref[0].storage()).to.not.equal(noref[1].storage());
  });

  it('unwritable values are errors that name where they are', () => {
    expect(() => serialize({ model: { f: () => 1 } })).to.throw(torch.TorchError, /Unwritable object <function> at <\?>\.model\.f/);
    expect(() => serialize([Symbol('s')])).to.throw(torch.TorchError, /Unwritable object <symbol>/);
    expect(() => serialize({ d: new Date() })).to.throw(torch.TorchError, /Unwritable object <Date> at <\?>\.d/);
    expect(() => serialize(new Map([[NaN, 1]]))).to.throw(torch.TorchError, /Unwritable table key <NaN>/);
  });
});

describeCpu('torch.serialize / deserialize: tensors and storages', () => {
  it('every type, shape and value, in every format', () => {
    for (const [name, vals] of [
      ['Byte', [0, 1, 127, 128, 254, 255]], ['Char', [-128, -1, 0, 1, 65, 127]], ['Short', [-32768, -1, 0, 1, 1000, 32767]],
      ['Int', [-2147483648, -1, 0, 1, 100000, 2147483647]], ['Long', [-4294967296, -1, 0, 1, 4294967296, 2 ** 53]],
      ['Float', [0.5, -1.25, Math.fround(Math.PI), Math.fround(1e-8), 1e8, -0]], ['Double', [0.1, -2.5, Math.PI, 1e-300, 1e300, 1 / 3]],
    ] as const) {
      const t = new (torch as any)[`${name}Tensor`](2, 3);
      t.storage().data.set(vals);
      for (const fmt of FORMATS) {
        if (fmt === 'b32' && name === 'Long') continue;
        const back = rt(t, fmt) as Tensor;
        expect(back.type()).to.equal(`torch.${name}Tensor`);
        expect(back._size).to.deep.equal([2, 3]);
        expect(Array.from(back.storage().data), `${name} ${fmt}`).to.deep.equal(Array.from(t.storage().data));
      }
    }
  });

  it('views share one storage; offsets, strides, zero strides and non-contiguity survive', () => {
    const m = new torch.DoubleTensor(3, 4);
    let k = 0;
    m.apply(() => ++k);
    const obj = { m, t: m.t(), row: m.select(1, 2), col: m.select(2, 3), sub: m.sub(2, 3, 2, 3), ex: new torch.DoubleTensor([[7, 8, 9]]).expand(4, 3), s: m.storage() };
    for (const fmt of FORMATS) {
      const back = rt(obj, fmt) as Record<string, Tensor | any>;
      for (const key of ['t', 'row', 'col', 'sub']) expect(back[key].storage(), key).to.equal(back.m.storage());
      expect(back.s).to.equal(back.m.storage());
      expect(back.t._stride).to.deep.equal([1, 4]);
      expect(back.col.storageOffset()).to.equal(3);
      expect(back.sub.totable()).to.deep.equal(obj.sub.totable());
      expect(back.ex._stride).to.deep.equal([0, 1]);
      expect(back.ex.storage().size()).to.equal(3);
      expect(back.ex.totable()).to.deep.equal(obj.ex.totable());
    }
    // the whole storage is written once, however many views there are (m's, and the expanded one's)
    const bytes = serialize(obj);
    expect(bytes.toString('latin1').split('torch.DoubleStorage').length - 1).to.equal(2);
  });

  it('an empty tensor is written with a nil storage, as torch.Tensor() is', () => {
    const e = new torch.DoubleTensor();
    const bytes = serialize(e);
    // tag 4, index 1, "V 1", "torch.DoubleTensor", nDim 0, offset 1 (8 bytes), nil (tag 0)
    expect(bytes.subarray(bytes.length - 16).toString('hex')).to.equal('00000000' + '0100000000000000' + '00000000');
    const back = rt(e) as Tensor;
    expect(back.nDimension()).to.equal(0);
    expect(back.type()).to.equal('torch.DoubleTensor');
  });

  it('LongStorage keeps int64 values beyond 2^53 exactly', () => {
    const s = new LongStorage(3);
    s.setExact(1, 2n ** 63n - 1n);
    s.setExact(2, -(2n ** 63n));
    s.setExact(3, 2n ** 53n + 1n);
    for (const fmt of ['binary', 'ascii'] as const) {
      const back = rt(s, fmt) as LongStorage;
      expect([back.getExact(1), back.getExact(2), back.getExact(3)], fmt).to.deep.equal([2n ** 63n - 1n, -(2n ** 63n), 2n ** 53n + 1n]);
    }
    expect(serialize(s, 'ascii').toString()).to.contain('9223372036854775807 -9223372036854775808 9007199254740993');
  });

  it('storages of every type, and Char storages holding text with newlines', () => {
    const c = new CharStorage(Array.from(Buffer.from('hi\nthere')));
    for (const fmt of FORMATS) {
      expect((rt(c, fmt) as CharStorage).string()).to.equal('hi\nthere');
      expect(Array.from((rt(new ByteStorage([10, 0, 255]), fmt) as ByteStorage).data)).to.deep.equal([10, 0, 255]);
      expect(Array.from((rt(new FloatStorage([1.5, 2.5]), fmt) as FloatStorage).data)).to.deep.equal([1.5, 2.5]);
      expect((rt(new DoubleStorage(0), fmt) as DoubleStorage).size()).to.equal(0);
    }
  });

  it('Half tensors: read as Float, written back as Half when asked', () => {
    const bytes = readFileSync(new URL('../../../../shared/fixtures/t7/generated-torch7/tensor_half.t7', import.meta.url));
    const h = deserialize(bytes) as FloatTensor;
    expect(h.type()).to.equal('torch.FloatTensor');
    expect(serialize(h, 'binary', true, { keepOriginalTypes: true }).equals(bytes)).to.equal(true);
    expect(serialize(h).includes(Buffer.from('torch.FloatTensor'))).to.equal(true);
  });

  it('torch.Generator is saved as its 5048-byte state and continues the same stream', () => {
    const g = new torch.Generator();
    g.manualSeed(123);
    g.random();
    const back = rt(g) as InstanceType<typeof torch.Generator>;
    expect(back).to.be.instanceOf(torch.Generator);
    expect(serialize(g).length).to.equal(4 + 4 + 4 + 3 + 4 + 15 + 5048);
    expect([back.random(), back.random()]).to.deep.equal([g.random(), g.random()]);
  });
});

describeCpu('torch.save / torch.load: files, formats and streams', () => {
  const dir = mkdtempSync(`${tmpdir()}/t7spec-`);
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('save then load, binary by default, ascii and b32 on request, detected on load', () => {
    const obj = { t: new torch.FloatTensor([[1, 2], [3, 4]]), name: 'x', list: [1, 2, 3] };
    for (const fmt of [undefined, 'binary', 'ascii', 'b32', 'b64'] as const) {
      const p = `${dir}/o-${fmt}.t7`;
      save(p, obj, fmt);
      const back = load(p) as any;
      expect(back.t.totable(), String(fmt)).to.deep.equal([[1, 2], [3, 4]]);
      expect(back.name).to.equal('x');
      expect(load(p, fmt === undefined ? 'binary' : fmt)).to.deep.equal(back);
    }
    expect(readFileSync(`${dir}/o-ascii.t7`, 'latin1').startsWith('3\n1\n')).to.equal(true);
    expect(readFileSync(`${dir}/o-b32.t7`).length).to.be.below(readFileSync(`${dir}/o-binary.t7`).length);
    expect(() => save(`${dir}/bad.t7`, 1, 'text' as any)).to.throw(torch.TorchError, /"binary", "b32", "b64" or "ascii"/);
    expect(() => load(`${dir}/o-binary.t7`, 'text' as any)).to.throw(torch.TorchError, /expected for mode/);
  });

  it('big-endian files are written on request and detected', () => {
    const obj = { d: new torch.DoubleTensor([1, 2, 3]), i: new torch.IntTensor([-1, 7]) };
    const be = serialize(obj, 'binary', true, { bigEndian: true });
    expect(be.subarray(0, 4).toString('hex')).to.equal('00000003');
    const back = deserialize(be) as any;
    expect(back.d.totable()).to.deep.equal([1, 2, 3]);
    expect(back.i.totable()).to.deep.equal([-1, 7]);
  });

  it('deserialize takes a Buffer, an ArrayBuffer, a Byte/CharStorage or a latin1 string', () => {
    const bytes = serialize({ a: [1, 2] });
    const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
    for (const src of [bytes, ab, new ByteStorage(Array.from(bytes)), new CharStorage(Array.from(bytes, (b) => (b << 24) >> 24)), bytes.toString('latin1')]) {
      expect(deserialize(src as any)).to.deep.equal({ a: [1, 2] });
    }
  });

  it('several objects in one stream share the reference table (T7Writer / T7Reader)', () => {
    const shared = new torch.DoubleTensor([1, 2]);
    for (const fmt of ['binary', 'ascii'] as const) {
      const w = new T7Writer(fmt).writeObject({ x: shared }).writeObject(shared).writeInt(12345).writeDouble(0.5).writeLong(2n ** 40n).writeBool(true);
      const r = new T7Reader(w.bytes(), fmt);
      const first = r.readObject() as any;
      expect(r.readObject()).to.equal(first.x);
      expect([r.readInt(), r.readDouble(), r.readLong(), r.readBool()]).to.deep.equal([12345, 0.5, 2 ** 40, true]);
      expect(r.atEnd()).to.equal(true);
      expect(deserialize(w.bytes(), fmt)).to.deep.equal(first);
    }
  });
});

describeCpu('number text as C prints and scans it', () => {
  it('formatG is printf %.17g / %.9g (glibc), ties to even on the exact value', () => {
    const cases: [number, number, string][] = [
      [1 / 3, 17, '0.33333333333333331'], [0.1, 17, '0.10000000000000001'], [1e300, 17, '1.0000000000000001e+300'],
      [5e-324, 17, '4.9406564584124654e-324'], [100, 17, '100'], [1e17, 17, '1e+17'], [1e16, 17, '10000000000000000'],
      [1e-5, 17, '1.0000000000000001e-05'], [0.0001, 17, '0.0001'], [-2.5, 17, '-2.5'], [-0, 17, '-0'], [Infinity, 17, 'inf'],
      [-Infinity, 9, '-inf'], [NaN, 17, 'nan'], [Math.fround(Math.PI), 9, '3.14159274'], [Math.fround(1e-8), 9, '9.99999994e-09'],
      [2 ** 53, 17, '9007199254740992'], [1234567890123456.25, 17, '1234567890123456.2'], [1234567890123456.75, 17, '1234567890123456.8'],
      [0.5, 1, '0.5'], [2.5, 1, '2'], [3.5, 1, '4'], [9.5, 1, '1e+01'],
    ];
    for (const [x, p, s] of cases) expect(formatG(x, p), `${x} %.${p}g`).to.equal(s);
    expect(formatG(NaN, 17, true)).to.equal('-nan');
  });

  it('parseFloat32 rounds the decimal straight to float32 (no double rounding)', () => {
    const mid = '1.000000059604644775390625'; // exactly halfway between 1 and the next float
    expect(parseFloat32(mid)).to.equal(1);
    expect(parseFloat32(`${mid}000000000000001`)).to.equal(1 + 2 ** -23);
    expect(Math.fround(Number(`${mid}000000000000001`))).to.equal(1); // what double rounding would give
    expect(parseFloat32('3.14159274')).to.equal(Math.fround(Math.PI));
    expect(parseFloat32('-0')).to.equal(-0);
    expect(parseFloat32('1e39')).to.equal(Infinity);
  });

  it('binary16 conversions (round half to even, subnormals, overflow)', () => {
    expect(floatToHalf(65504)).to.equal(0x7bff);
    expect(floatToHalf(65520)).to.equal(0x7c00);
    expect(halfToFloat(floatToHalf(0.0001))).to.equal(0.00010001659393310547);
    expect(halfToFloat(floatToHalf(-0))).to.equal(-0);
    expect(halfToFloat(1)).to.equal(2 ** -24);
    expect(floatToHalf(1 + 2 ** -11)).to.equal(0x3c00);
    expect(floatToHalf(1 + 3 * 2 ** -11)).to.equal(0x3c02);
    expect(Number.isNaN(halfToFloat(floatToHalf(NaN)))).to.equal(true);
  });
});

describeCpu('torch.save / torch.load: nn objects', () => {
  it('a Sequential saved and loaded is the same classes, fields and output', () => {
    torch.manualSeed(1);
    const mlp = new nn.Sequential().add(new nn.Linear(4, 3)).add(new nn.ReLU()).add(new nn.Linear(3, 2)).add(new nn.LogSoftMax());
    const x = torch.randn(5, 4);
    const y = mlp.forward(x).clone();
    for (const fmt of FORMATS) {
      const back = rt(mlp, fmt) as InstanceType<typeof nn.Sequential>;
      expect(back).to.be.instanceOf(nn.Sequential);
      expect(back.modules.map((m) => m.__typename)).to.deep.equal(['nn.Linear', 'nn.ReLU', 'nn.Linear', 'nn.LogSoftMax']);
      expect(back.modules[0]).to.be.instanceOf(nn.Linear);
      expect(back.output).to.equal(back.modules[3].output);
      expectClose(back.forward(x), y, 1e-15);
      expect(String(back)).to.equal(String(mlp));
    }
    const bytes = serialize(mlp);
    for (const s of ['V 1', 'nn.Sequential', 'nn.Linear', '_type', 'torch.DoubleTensor', 'gradWeight', 'train']) {
      expect(bytes.includes(Buffer.from(s)), s).to.equal(true);
    }
  });

  it('versions as Torch writes them: BatchNormalization V 2, LookupTable V 4, others V 1', () => {
    const v = (m: object) => serialize(m).subarray(12, 15).toString();
    expect(v(new nn.BatchNormalization(3))).to.equal('V 2');
    expect(v(new nn.SpatialBatchNormalization(3))).to.equal('V 2');
    expect(v(new nn.LookupTable(5, 2))).to.equal('V 4');
    expect(v(new nn.GradientReversal())).to.equal('V 2');
    expect(v(new nn.Tanh())).to.equal('V 1');
    expect(v(new nn.MSECriterion())).to.equal('V 1');
  });

  it('JS-only state is not written: the shared flag, function fields, undefined fields', () => {
    const a = new nn.Linear(2, 2), b = new nn.Linear(2, 2);
    b.share(a, 'weight', 'bias');
    (b as any).hook = () => 1;
    b.noBias();
    const back = rt([a, b]) as any[];
    expect(back[1].weight.storage()).to.equal(back[0].weight.storage());
    for (const k of ['shared', 'hook', 'bias']) expect(Object.keys(back[1])).to.not.include(k);
    expect(Object.keys(back[1])).to.include('weight');
    expect(back[1].bias).to.equal(undefined);
    expect(String(back[1])).to.equal('nn.Linear(2 -> 2) without bias');
  });

  it('fields the JS port keeps as arrays are written as Torch\'s LongStorage (JoinTable, Concat)', () => {
    const j = new nn.JoinTable(2);
    j.forward([new torch.DoubleTensor(2, 3).fill(1), new torch.DoubleTensor(2, 1).fill(2)]);
    const bytes = serialize(j);
    expect(bytes.includes(Buffer.from('torch.LongStorage'))).to.equal(true);
    const back = rt(j) as any;
    expect(back.size).to.deep.equal((j as any).size);
    expect(back.forward([new torch.DoubleTensor(1, 1).fill(5), new torch.DoubleTensor(1, 2).fill(6)]).totable()).to.deep.equal([[5, 6, 6]]);
  });

  it('legacy files: BatchNormalization V 1 with running_std gets running_var = std^-2 - eps', () => {
    const old = new TorchObject('nn.BatchNormalization', {
      eps: 1e-5, momentum: 0.1, affine: true, train: false, running_mean: new torch.DoubleTensor([0, 1]),
      running_std: new torch.DoubleTensor([0.5, 2]), weight: new torch.DoubleTensor([1, 1]), bias: new torch.DoubleTensor([0, 0]),
      gradWeight: new torch.DoubleTensor(2), gradBias: new torch.DoubleTensor(2), output: new torch.DoubleTensor(), gradInput: new torch.DoubleTensor(),
    }, 1);
    const bn = deserialize(serialize(old)) as any;
    expect(bn).to.be.instanceOf(nn.BatchNormalization);
    expect(bn.running_std).to.equal(undefined);
    expectClose(bn.running_var, [4 - 1e-5, 0.25 - 1e-5], 1e-15);
    const y = bn.forward(new torch.DoubleTensor([[1, 1]]));
    expectClose(y, [1 / Math.sqrt(4), 0], 1e-12);
    // a V 2 file is left as it is
    old.__version = 2;
    expect((deserialize(serialize(old)) as any).running_std).to.be.instanceOf(Tensor);
  });

  it('legacy files: SpatialConvolution without padW/padH (or with padding) and a 2-D weight', () => {
    torch.manualSeed(3);
    const conv = new nn.SpatialConvolution(2, 3, 3, 3, 1, 1, 1, 1);
    const x = torch.randn(2, 5, 5);
    const y = conv.forward(x).clone();
    const fields: Record<string, unknown> = {
      nInputPlane: 2, nOutputPlane: 3, kW: 3, kH: 3, dW: 1, dH: 1, padding: 1,
      weight: conv.weight.view(3, 18), bias: conv.bias, gradWeight: conv.gradWeight.view(3, 18), gradBias: conv.gradBias,
      output: new torch.DoubleTensor(), gradInput: new torch.DoubleTensor(),
    };
    const old = deserialize(serialize(new TorchObject('nn.SpatialConvolution', fields))) as any;
    expect(old).to.be.instanceOf(nn.SpatialConvolution);
    expect([old.padW, old.padH, old.padding]).to.deep.equal([1, 1, undefined]);
    expect(old.weight._size).to.deep.equal([3, 2, 3, 3]);
    expectClose(old.forward(x), y, 1e-12);
    delete fields.padding;
    const noPad = deserialize(serialize(new TorchObject('nn.SpatialConvolution', fields))) as any;
    expect([noPad.padW, noPad.padH]).to.deep.equal([0, 0]);
  });

  it('legacy files: a View with no output/gradInput, a module with no train field', () => {
    const old = new TorchObject('nn.View', { size: new LongStorage([4]), numElements: 4 });
    const v = deserialize(serialize(old)) as any;
    expect(v).to.be.instanceOf(nn.View);
    expect(v.output).to.be.instanceOf(Tensor);
    expect(v.forward(new torch.DoubleTensor(2, 2).fill(1)).size().totable()).to.deep.equal([4]);
    expect(v.train).to.equal(undefined);
    const drop = deserialize(serialize(new TorchObject('nn.Dropout', { p: 0.5, v2: true, noise: new torch.DoubleTensor(), output: new torch.DoubleTensor(), gradInput: new torch.DoubleTensor() }))) as any;
    expect(drop.train).to.equal(undefined);
    const x = new torch.DoubleTensor(10).fill(1);
    expect(drop.forward(x).totable()).to.deep.equal(x.totable()); // nil train: no dropping, as in Lua
  });

  it('legacy files: a Reshape with only its size gets nelement and batchsize', () => {
    const r = deserialize(serialize(new TorchObject('nn.Reshape', { size: new LongStorage([2, 3]) }))) as any;
    expect(r).to.be.instanceOf(nn.Reshape);
    expect(r.nelement).to.equal(6);
    expect(r.forward(new torch.DoubleTensor(4, 6).fill(1)).size().totable()).to.deep.equal([4, 2, 3]);
    expect(r.forward(new torch.DoubleTensor(6).fill(1)).size().totable()).to.deep.equal([2, 3]);
  });

  it('files from before versions (no "V n" string) load with version 0 and save back the same way', () => {
    const bytes = Buffer.concat([int32(4, 1), str('fixture.Old'), int32(3, 2, 1), int32(2), str('x'), int32(1), Buffer.from(new Float64Array([2]).buffer)]);
    const o = deserialize(bytes) as TorchObject & { x: number };
    expect(o.__typename).to.equal('fixture.Old');
    expect(o.__version).to.equal(0);
    expect(o.x).to.equal(2);
    expect(serialize(o).equals(bytes)).to.equal(true);
    const lua53 = Buffer.concat([int32(4, 1), str('V 1.0'), str('fixture.New'), int32(3, 2, 0)]);
    const n = deserialize(lua53) as TorchObject;
    expect(n.__version).to.equal(1);
    expect(serialize(n).equals(lua53)).to.equal(true);
  });

  it('aliases: without the cudnn package, cudnn.SpatialConvolution loads as nn.SpatialConvolution once aliased, and runs', () => withoutClass('cudnn.SpatialConvolution', () => {
    torch.manualSeed(4);
    const conv = new nn.SpatialConvolution(1, 2, 3, 3);
    const fields = Object.fromEntries(Object.entries(conv).filter(([, v]) => v !== undefined));
    const bytes = serialize(new TorchObject('cudnn.SpatialConvolution', { ...fields, mode: 'CUDNN_CONVOLUTION_FWD_PREFER_FASTEST' }));
    expect(deserialize(bytes)).to.be.instanceOf(TorchObject);
    registerAlias('cudnn.SpatialConvolution', 'nn.SpatialConvolution');
    try {
      const c = deserialize(bytes) as any;
      expect(c).to.be.instanceOf(nn.SpatialConvolution);
      expect(c.mode).to.equal('CUDNN_CONVOLUTION_FWD_PREFER_FASTEST');
      const x = torch.randn(1, 5, 5);
      expectClose(c.forward(x), conv.forward(x), 1e-15);
      expect(serialize(c).includes(Buffer.from('nn.SpatialConvolution'))).to.equal(true);
    } finally {
      unregisterClass('cudnn.SpatialConvolution');
    }
  }));
});

describeCpu('the class registry', () => {
  it('registerClass(name, Cls): instances load as Cls and save under the name', () => {
    class Point { x = 0; y = 0; norm() { return Math.hypot(this.x, this.y); } }
    const bytes = serialize(new TorchObject('fixture.Point', { x: 3, y: 4 }));
    registerClass('fixture.Point', Point);
    try {
      const p = deserialize(bytes) as Point;
      expect(p).to.be.instanceOf(Point);
      expect(p.norm()).to.equal(5);
      expect(serialize(p).equals(bytes)).to.equal(true);
    } finally {
      unregisterClass('fixture.Point');
    }
    expect(deserialize(bytes)).to.be.instanceOf(TorchObject);
  });

  it('custom binary layouts: payload readers/writers, plain functions or generators', () => {
    class Pair { a: unknown; b: unknown; n = 0; }
    registerClass('test.Pair', Pair, {
      version: 3,
      readPayload(f: PayloadSource) { const n = f.readInt('a count'); return [n, f.readObject(), f.readObject()]; },
      fill(obj, payload, convert) { Object.assign(obj, { n: payload[0], a: convert(payload[1]), b: convert(payload[2]) }); },
      writePayload(f: PayloadSink, p: Pair) { f.writeInt(p.n); f.writeObject(p.a); f.writeObject(p.b); },
    });
    class Gen { items: unknown[] = []; }
    registerClass('test.Gen', Gen, {
      *readPayload(f: PayloadSource): PayloadGen { const n = f.readLong(); const out: unknown[] = []; for (let i = 0; i < n; i++) out.push(yield OBJECT); return out; },
      fill(obj, payload, convert) { (obj as Gen).items = payload.map(convert); },
      *writePayload(f: PayloadSink, g: Gen) { f.writeLong(g.items.length); for (const x of g.items) yield [x] as WriteItem; },
    });
    try {
      const p = new Pair();
      p.n = 7;
      p.a = { s: 'x' };
      p.b = p;
      const g = new Gen();
      g.items = [p, 'z', g];
      for (const fmt of ['binary', 'ascii'] as const) {
        const back = rt(g, fmt) as Gen;
        expect(back).to.be.instanceOf(Gen);
        const bp = back.items[0] as Pair;
        expect(bp).to.be.instanceOf(Pair);
        expect([bp.n, bp.a, bp.b === bp, back.items[1], back.items[2] === back]).to.deep.equal([7, { s: 'x' }, true, 'z', true]);
      }
      expect(serialize(p).includes(Buffer.from('V 3'))).to.equal(true);
    } finally {
      unregisterClass('test.Pair');
      unregisterClass('test.Gen');
    }
  });

  it('a field named like a hidden property (__typename) does not change the class', () => {
    const bytes = Buffer.concat([int32(4, 1), str('V 1'), str('x.C'), int32(3, 2, 1, 2), str('__typename'), int32(2), str('evil')]);
    const o = deserialize(bytes) as TorchObject;
    expect(o.__typename).to.equal('x.C');
    expect(o.__luaKeys?.get('__typename')).to.equal('evil');
    expect(serialize(o).equals(bytes)).to.equal(true);
  });

  it('a class whose payload is not a table, and nn.GPU\'s header, are kept and written back', () => {
    const odd = Buffer.concat([int32(4, 1), str('V 1'), str('x.Odd'), int32(1), Buffer.from(new Float64Array([5]).buffer)]);
    const o = deserialize(odd) as TorchObject;
    expect(o.__payload).to.equal(5);
    expect(serialize(o).equals(odd)).to.equal(true);
    const gpu = new TorchObject('nn.GPU', { device: 2, _type: 'torch.CudaTensor', modules: [new nn.Tanh()] });
    const bytes = serialize(gpu);
    // nn.GPU is a real class now: it loads as one (with its defaults) and keeps its device through a round trip
    const back = deserialize(bytes) as any;
    expect(back).to.be.instanceOf((nn as any).GPU);
    expect(back.device).to.equal(2);
    expect(back.modules[0]).to.be.instanceOf(nn.Tanh);
    expect((deserialize(serialize(back)) as any).device).to.equal(2);
    const generic = decodeFirst(bytes, undefined, { generic: true }).value as TorchObject & Record<string, any>;
    expect(generic.modules[0]).to.be.instanceOf(TorchObject);
    expect(serialize(generic).equals(bytes)).to.equal(true);
  });

  it('torch.CudaTensor goes through a registered type converter', () => {
    const long = (v: number) => Buffer.from(new BigInt64Array([BigInt(v)]).buffer);
    const cuda = Buffer.concat([int32(4, 1), str('V 1'), str('torch.CudaTensor'), int32(1), long(2), long(1), long(1),
      int32(4, 2), str('V 1'), str('torch.CudaStorage'), long(2), Buffer.from(new Float32Array([1.5, -2]).buffer)]);
    const installed = TYPE_CONVERTERS.get('torch.CudaTensor'); // the cuda package's, when it is loaded
    TYPE_CONVERTERS.delete('torch.CudaTensor');
    try {
      const plain = deserialize(cuda) as Tensor;
      expect(plain.type()).to.equal('torch.FloatTensor');
      expect(plain.totable()).to.deep.equal([1.5, -2]);
      const marker = new DoubleTensor([42]);
      TYPE_CONVERTERS.set('torch.CudaTensor', (t) => { marker.storage().data[0] = t.get(1); return marker; });
      expect(deserialize(cuda)).to.equal(marker);
      expect(marker.get(1)).to.equal(1.5);
    } finally {
      if (installed) TYPE_CONVERTERS.set('torch.CudaTensor', installed); else TYPE_CONVERTERS.delete('torch.CudaTensor');
    }
  });

  it('tds.Vec and tds.Hash round-trip with their own layout', () => {
    const v = new TdsVec();
    v.push(1, 'two', [3]);
    const h = new TdsHash([[1, 'a'], ['k', v]]);
    for (const fmt of ['binary', 'ascii'] as const) {
      const back = rt(h, fmt) as TdsHash;
      expect(back).to.be.instanceOf(TdsHash);
      expect(back.get(1)).to.equal('a');
      const bv = back.get('k') as TdsVec;
      expect(bv).to.be.instanceOf(TdsVec);
      expect([...bv]).to.deep.equal([1, 'two', [3]]);
    }
    expect(serialize(v).subarray(12, 15).toString()).to.equal('V 0');
  });

  it('old function tags: 6 (no index, before 2014) and 7 (2014-2015) load and are written back as read', () => {
    const tag6 = Buffer.concat([int32(3, 1, 1), int32(2), str('f'), int32(6), str('\x1bLua\x51code'), int32(3, 2, 1, 1), Buffer.from(new Float64Array([1]).buffer), int32(1), Buffer.from(new Float64Array([9]).buffer)]);
    const t6 = deserialize(tag6) as { f: LuaFunction };
    expect(t6.f.tag).to.equal(6);
    expect(t6.f.upvalues).to.deep.equal([9]);
    expect(String(t6.f)).to.equal('function: <9 bytes of Lua 5.1 bytecode>');
    expect(serialize(t6).equals(tag6)).to.equal(true);
    const tag7 = Buffer.concat([int32(7, 1), str('\x1bLJ\x01x'), int32(3, 2, 1, 1), Buffer.from(new Float64Array([1]).buffer), int32(7, 1)]);
    const t7 = deserialize(tag7) as LuaFunction;
    expect(t7.tag).to.equal(7);
    expect((t7.upvalues as unknown[])[0]).to.equal(t7);
    expect(serialize(t7).equals(tag7)).to.equal(true);
  });

  it('LuaFunction: opaque bytecode and upvalues written back unchanged', () => {
    const f = new LuaFunction(Buffer.from('\x1bLJ\x02fake', 'latin1'), []);
    (f.upvalues as unknown[]).push({ name: 'self', value: f, id: 1 });
    const back = rt({ f }) as { f: LuaFunction };
    expect(Buffer.from(back.f.bytecode).toString('latin1')).to.equal('\x1bLJ\x02fake');
    expect((back.f.upvalues as any[])[0].value).to.equal(back.f);
    expect(String(back.f)).to.equal('function: <8 bytes of LuaJIT bytecode v2>');
  });
});

describeCpu('bad files: clear errors naming the byte offset', () => {
  it('truncated anywhere: a TorchError, never a crash', () => {
    const bytes = serialize({ t: new torch.DoubleTensor([[1, 2], [3, 4]]), s: 'string', l: [1, 2, 3] });
    for (let n = 0; n < bytes.length; n++) {
      expect(() => deserialize(bytes.subarray(0, n), 'binary'), `first ${n} bytes`).to.throw(torch.TorchError, /^\.t7 read error at byte \d+: expected /);
    }
    const ascii = serialize({ t: new torch.DoubleTensor([[1, 2], [3, 4]]), s: 'string' }, 'ascii');
    for (let n = 0; n < ascii.length - 1; n++) {
      expect(() => deserialize(ascii.subarray(0, n), 'ascii'), `first ${n} bytes`).to.throw(torch.TorchError, /at byte \d+/);
    }
  });

  it('what was expected and what was found', () => {
    const tensorHead = Buffer.concat([int32(4, 1), str('V 1'), str('torch.DoubleTensor')]);
    const long = (v: number) => Buffer.from(new BigInt64Array([BigInt(v)]).buffer);
    const storage = Buffer.concat([int32(4, 2), str('V 1'), str('torch.DoubleStorage'), long(2), Buffer.from(new Float64Array([1, 2]).buffer)]);
    expect(() => deserialize(Buffer.concat([tensorHead, int32(1), long(3), long(1), long(1), storage]))).to.throw(torch.TorchError,
      /at byte 37: expected a torch.DoubleTensor inside its storage \(element 3 of a storage of 2\)/);
    const floatStorage = Buffer.concat([int32(4, 2), str('V 1'), str('torch.FloatStorage'), long(0)]);
    expect(() => deserialize(Buffer.concat([tensorHead, int32(1), long(1), long(1), long(1), floatStorage]))).to.throw(torch.TorchError,
      /at byte 65: expected the storage of a torch.DoubleTensor \(torch.DoubleStorage\) \(got torch.FloatStorage\)/);
    expect(() => deserialize(Buffer.concat([tensorHead, int32(1), long(2), long(-1), long(1), storage]))).to.throw(torch.TorchError, /negative stride -1/);
    expect(() => deserialize(Buffer.concat([tensorHead, int32(1), long(2), long(1), long(0), storage]))).to.throw(torch.TorchError, /storageOffset 0 < 1/);
    expect(() => deserialize(Buffer.concat([tensorHead, int32(1), long(2), long(1), long(1), int32(0)]))).to.throw(torch.TorchError, /inside its storage/);
    expect(() => deserialize(Buffer.concat([int32(3, 1, 1, 0, 1)]))).to.throw(torch.TorchError, /at byte 12: expected a table key \(nil is not a valid key\)/);
    expect(() => deserialize('5\nx\n', 'ascii')).to.throw(torch.TorchError, /at byte 2: expected a boolean \(found 'x/);
    expect(() => deserialize('2\n-3\n', 'ascii')).to.throw(torch.TorchError, /at byte 2: expected the length of a string \(negative length -3\)/);
    expect(() => deserialize('1\n99999999999999999999\n', 'ascii')).to.not.throw();
    expect(() => deserialize('2\n99999999999\n', 'ascii')).to.throw(torch.TorchError, /out of range/);
    const bn = deserialize(serialize(new TorchObject('nn.BatchNormalization', { running_std: 'not a tensor', eps: 1 })));
    expect(bn).to.be.instanceOf(nn.BatchNormalization);
    expect(() => deserialize(serialize(new TorchObject('nn.SpatialConvolution', { weight: new torch.DoubleTensor(2, 3), nOutputPlane: 5, nInputPlane: 1, kW: 1, kH: 1 }))))
      .to.throw(torch.TorchError, /at byte 0: expected a usable nn.SpatialConvolution/);
  });

  it('deep nesting is written and read without recursion', () => {
    let deep: unknown[] = [];
    const root = deep;
    for (let i = 0; i < 100000; i++) { const next: unknown[] = []; deep.push(next); deep = next; }
    const back = rt(root) as unknown[];
    let n = 0;
    for (let v = back; v.length; v = v[0] as unknown[]) n++;
    expect(n).to.equal(100000);
  });
});

describeCpu('t7info / describe', () => {
  it('prints nn modules as Torch does, tensors by type and size, shared objects once', () => {
    const t = new torch.FloatTensor(2, 3);
    const shared = { a: 1 };
    const d = describeValue({ model: new nn.Linear(3, 2), x: t, p: shared, q: shared, e: new DoubleTensor(), l: new LongTensor([1, 2]), s: 'hi', n: -0 });
    expect(d).to.contain('model : nn.Linear(3 -> 2)');
    expect(d).to.contain('x : torch.FloatTensor of size 2x3');
    expect(d).to.contain('p : {\n    a : 1\n  }');
    expect(d).to.match(/q : <same object as #\d+>/);
    expect(d).to.contain('n : -0');
    expect(d).to.contain('e : torch.DoubleTensor with no dimension');
    expect(d).to.contain('s : "hi"');
    const dir = mkdtempSync(`${tmpdir()}/t7info-`);
    try {
      save(`${dir}/a.t7`, [1, 'two'], 'ascii');
      const size = readFileSync(`${dir}/a.t7`).length;
      expect(t7info(`${dir}/a.t7`)).to.equal(`${dir}/a.t7: ${size} bytes, ascii\n{\n  [1] : 1\n  [2] : "two"\n}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
