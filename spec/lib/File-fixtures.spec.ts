/**
 * torch.load against files written by real Torch7: every fixture in ../shared/fixtures/t7 and
 * ../shared/fixtures/torch7-ref loads with the values Torch7 reports (EXPECTED.torch7.json, the
 * serialization JSON twins), the models run and give the recorded outputs, and every file saved
 * back (binary and ascii) loads back identically.
 */
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { torch, Tensor } from '../../lib/index.js';
import { Storage, LongStorage } from '../../lib/Storage.js';
import '../../lib/File/nn.js';
import { nn } from '../../nn/index.js';
import {
  load, serialize, deserialize, decodeFirst, originalTypename, LuaFunction, LuaTable, TorchObject, T7Reader,
  registerAlias, unregisterClass, t7convert, t7info, TdsHash, TdsVec,
} from '../../lib/File/index.js';
import { describeCpu, expectClose, fixture, withoutClass } from '../helpers.js';

const T7 = fixture('t7');
const REF = fixture('torch7-ref');

function walk(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((f) => {
    const p = `${dir}/${f}`;
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
const isT7 = (p: string) => !/\.(json|md|txt)$/.test(p);
const ALL = [...walk(T7), ...walk(REF)].filter(isT7);

/** Elements of a tensor in row-major order. */
function values(t: Tensor, f: (v: number, storageIndex: number) => unknown = (v) => v): unknown[] {
  const out: unknown[] = [];
  if (t._size.length === 0 || t._size.some((s) => s === 0)) return out;
  const idx = new Array<number>(t._size.length).fill(0);
  for (;;) {
    let o = t.offset;
    for (let d = 0; d < idx.length; d++) o += idx[d] * t._stride[d];
    out.push(f(t._storage.data[o], o));
    let d = idx.length - 1;
    while (d >= 0 && ++idx[d] === t._size[d]) idx[d--] = 0;
    if (d < 0) return out;
  }
}

const typenameOf = (v: object): string | undefined => {
  const t = (v as { __typename?: unknown }).__typename;
  return typeof t === 'string' ? t : undefined;
};

/** The key/value pairs of a loaded table or class object, as Lua sees them. */
function luaEntries(v: object): [unknown, unknown][] {
  let e: [unknown, unknown][];
  if (v instanceof Map) e = [...v];
  else if (Array.isArray(v)) e = v.map((x, i) => [i + 1, x] as [unknown, unknown]).filter(([, x]) => x !== undefined);
  else e = Object.keys(v).map((k) => [k, (v as Record<string, unknown>)[k]]);
  const lk = (v as { __luaKeys?: LuaTable }).__luaKeys;
  if (lk) e.push(...lk);
  return e;
}

/** Sorts keys: `order` lists the kinds first to last; numbers ascending, strings by bytes. */
function sortEntries(e: [unknown, unknown][], order: string[]): [unknown, unknown][] {
  const kind = (k: unknown) => { const i = order.indexOf(typeof k); return i < 0 ? order.length : i; };
  return e.slice().sort(([a], [b]) => {
    const ka = kind(a), kb = kind(b);
    if (ka !== kb) return ka - kb;
    if (typeof a === 'number') return a - (b as number);
    if (typeof a === 'string') return a < (b as string) ? -1 : a > (b as string) ? 1 : 0;
    if (typeof a === 'boolean') return Number(a) - Number(b);
    return 0;
  });
}

/** The object graph in the form of generated-torch7/EXPECTED.torch7.json. */
function dumpExpected(root: unknown, original = true): unknown {
  const ids = new Map<object, number>();
  const num = (x: number) => Number.isNaN(x) ? 'nan' : x === Infinity ? 'inf' : x === -Infinity ? '-inf' : Object.is(x, -0) ? '-0' : x;
  const d = (v: unknown): unknown => {
    if (v === undefined || v === null) return null;
    if (typeof v === 'number') return num(v);
    if (typeof v !== 'object') return v;
    if (v instanceof LuaFunction) return { $function: true };
    if (ids.has(v)) return { $same_as: ids.get(v) };
    const id = ids.size + 1;
    ids.set(v, id);
    if (v instanceof Storage) {
      return { $id: id, $class: (original && originalTypename(v)) || v.kind.storageName, size: v.size(), values: Array.from(v.data, num) };
    }
    if (v instanceof Tensor) {
      const o: Record<string, unknown> = {
        $id: id, $class: (original && originalTypename(v)) || v.type(), dim: v._size.length, size: v._size, stride: v._stride,
        storageOffset: v.offset + 1, storage: v._size.length === 0 && v._storage.size() === 0 ? null : d(v._storage),
      };
      if (v._size.length > 0) o.values = values(v).map((x) => num(x as number));
      return o;
    }
    const o: Record<string, unknown> = { $id: id };
    const cls = typenameOf(v);
    if (cls) o.$class = cls;
    o.entries = sortEntries(luaEntries(v), ['boolean', 'number', 'string']).map(([k, x]) => [d(k), d(x)]);
    return o;
  };
  return d(root);
}

/** The object graph in the form of torch7-ref/serialization/*.json (`expected`). */
function dumpSerialization(root: unknown): unknown {
  const ids = new Map<object, number>();
  const num = (x: number) => Number.isNaN(x) ? 'NaN' : x === Infinity ? 'Infinity' : x === -Infinity ? '-Infinity' : x;
  const d = (v: unknown): unknown => {
    if (v === undefined || v === null) return { type: 'nil' };
    if (typeof v === 'number') return { type: 'number', value: num(v) };
    if (typeof v === 'boolean') return { type: 'boolean', value: v };
    if (typeof v === 'string') {
      const b = Buffer.from(v, 'latin1');
      const o: Record<string, unknown> = { type: 'string', length: b.length, hex: b.toString('hex') };
      if (/^[\x20-\x7e]*$/.test(v)) o.text = v;
      return o;
    }
    if (typeof v !== 'object') throw new Error(`unexpected ${typeof v}`);
    if (ids.has(v)) return { type: 'ref', id: ids.get(v) };
    const id = ids.size + 1;
    ids.set(v, id);
    const elem = (s: Storage) => (x: number, i: number) => s instanceof LongStorage ? s.getExact(i + 1).toString() : num(x);
    if (v instanceof Storage) {
      return { type: 'storage', id, class: v.kind.storageName, size: v.size(), data: Array.from(v.data, elem(v)) };
    }
    if (v instanceof Tensor) {
      const nil = v._size.length === 0 && v._storage.size() === 0;
      return {
        type: 'tensor', id, class: v.type(), nDimension: v._size.length, size: v._size, stride: v._stride,
        storageOffset: v.offset + 1, storage: nil ? { type: 'nil' } : d(v._storage), values: values(v, elem(v._storage)),
      };
    }
    const cls = typenameOf(v);
    const entries = sortEntries(luaEntries(v), ['number', 'boolean', 'string']).map(([k, x]) => [d(k), d(x)]);
    return cls ? { type: 'object', class: cls, id, entries } : { type: 'table', id, entries };
  };
  return d(root);
}

describeCpu('torch.load: generated-torch7 against Torch7 (EXPECTED.torch7.json)', () => {
  const expected = JSON.parse(readFileSync(`${T7}/generated-torch7/EXPECTED.torch7.json`, 'utf8')) as Record<string, unknown>;
  it('has an expectation for each of the 77 files', () => {
    const files = readdirSync(`${T7}/generated-torch7`).filter((f) => f.endsWith('.t7'));
    expect(files).to.have.length(77);
    expect(Object.keys(expected).sort()).to.deep.equal(files.sort());
  });
  for (const name of Object.keys(expected).sort()) {
    it(name, () => {
      expect(dumpExpected(load(`${T7}/generated-torch7/${name}`))).to.deep.equal(expected[name]);
    });
  }
});

describeCpu('torch.load: torch7-ref/serialization against the JSON twins', () => {
  for (const json of readdirSync(`${REF}/serialization`).filter((f) => f.endsWith('.json')).sort()) {
    const spec = JSON.parse(readFileSync(`${REF}/serialization/${json}`, 'utf8'));
    for (const file of spec.files as string[]) {
      it(file, () => {
        const fmt = file.includes('.ascii.') ? 'ascii' : undefined;
        expect(dumpSerialization(load(`${REF}/serialization/${file}`, fmt))).to.deep.equal(spec.expected);
        // detection gives the same
        expect(dumpSerialization(load(`${REF}/serialization/${file}`))).to.deep.equal(spec.expected);
      });
    }
  }
});

describeCpu('torch.load: every fixture loads and saves back identically (binary and ascii)', function () {
  this.timeout(120000);
  it(`covers ${ALL.length} files`, () => expect(ALL.length).to.be.greaterThan(240));
  for (const file of ALL) {
    it(file.replace(/.*fixtures\//, ''), () => {
      const v = load(file);
      const d = dumpExpected(v, false);
      for (const fmt of ['binary', 'ascii'] as const) {
        const bytes = serialize(v, fmt);
        expect(dumpExpected(deserialize(bytes, fmt), false), `${fmt} round trip`).to.deep.equal(d);
        expect(dumpExpected(deserialize(bytes), false), `${fmt} round trip, detected`).to.deep.equal(d);
      }
    });
  }
});

describeCpu('torch.save: writes exactly the bytes Torch7 writes', function () {
  this.timeout(120000);
  it('every fixture, loaded (generic) and saved in its own encoding, is reproduced byte for byte', () => {
    const different: string[] = [];
    for (const f of ALL) {
      const b = readFileSync(f);
      const { value, encoding, consumed } = decodeFirst(b, undefined, { generic: true });
      const fmt = encoding.mode === 'ascii' ? 'ascii' : encoding.longSize === 4 ? 'b32' : 'binary';
      const out = serialize(value, fmt, true, { keepOriginalTypes: true, bigEndian: encoding.bigEndian });
      if (Buffer.compare(out, b.subarray(0, consumed)) !== 0) different.push(f);
    }
    expect(different).to.deep.equal([]);
  });

  it('nn objects saved back are byte-identical except where legacy fields were fixed or Cuda types became Float', () => {
    const different: string[] = [];
    for (const f of ALL) {
      const b = readFileSync(f);
      const { value, encoding, consumed } = decodeFirst(b);
      const out = serialize(value, encoding.mode === 'ascii' ? 'ascii' : encoding.longSize === 4 ? 'b32' : 'binary', true,
        { keepOriginalTypes: true, bigEndian: encoding.bigEndian });
      if (Buffer.compare(out, b.subarray(0, consumed)) !== 0) different.push(f.replace(/.*fixtures\/t7\//, ''));
    }
    // face.net(.arm): 2011 SpatialConvolutions get padW/padH; the Cuda models get _type = torch.FloatTensor
    expect(different.sort()).to.deep.equal(['DeepStack-Leduc/final_gpu.model', 'classifTimeSeries/test.t7', 'torch-android/face.net.arm', 'torch-demos/face.net']);
  });

  it('binary files converted to ascii and to 4-byte longs equal the ascii / b32 files Torch7 wrote', () => {
    let n = 0;
    for (const [dir, base, others] of [[`${T7}/generated-torch7`, '.t7', ['.ascii.t7', '.b32.t7']], [`${REF}/serialization`, '.bin.t7', ['.ascii.t7']]] as const) {
      for (const f of readdirSync(dir).filter((x) => x.endsWith(base) && !/\.(ascii|b32)\.t7$/.test(x))) {
        const name = f.slice(0, -base.length);
        const { value } = decodeFirst(readFileSync(`${dir}/${f}`), undefined, { generic: true });
        for (const ext of others) {
          if (!existsSync(`${dir}/${name}${ext}`)) continue;
          const out = serialize(value, ext === '.b32.t7' ? 'b32' : 'ascii', true, { keepOriginalTypes: true });
          expect(Buffer.compare(out, readFileSync(`${dir}/${name}${ext}`)), `${name}${ext}`).to.equal(0);
          n++;
        }
      }
    }
    expect(n).to.equal(32 + 3 + 24);
  });
});

describeCpu('torch.load: the collected files hold what their READMEs say', () => {
  it('python-torchfile: tables, tensors, classes, tds, functions, nngraph', () => {
    const p = `${T7}/python-torchfile`;
    expect(load(`${p}/hello=123.t7`)).to.deep.equal({ hello: 123 });
    expect(load(`${p}/list_table.t7`)).to.deep.equal(['hello', 'world', 'third item', 123]);
    const m1 = load(`${p}/map_table1.t7`) as LuaTable;
    expect(m1).to.be.instanceOf(LuaTable);
    expect([...m1].sort((a, b) => (a[0] as number) - (b[0] as number))).to.deep.equal([[0, 'zero'], [1, 'hello'], [2, 'world'], [3, 'third item'], [4, 123]]);
    const m2 = load(`${p}/map_table2.t7`) as LuaTable;
    expect(m2.get('a')).to.equal('non number key');
    expect(m2.get(4)).to.equal(123);
    expect(m2.border).to.equal(4);
    const dt = load(`${p}/doubletensor.t7`) as Tensor;
    expect(dt.type()).to.equal('torch.DoubleTensor');
    expect(dt.totable()).to.deep.equal([[1, 2, 3], [4, 5, 6.9]]);
    const ft = load(`${p}/floattensor.t7`) as Tensor;
    expect(ft.size().totable()).to.deep.equal([2, 3, 4]);
    expect(Math.abs((ft as any).sum() - 12.97241666913)).to.be.below(1e-5);
    expect(ft.get(1, 1, 1)).to.equal(Math.fround(0.8635311722755432));
    const blah = load(`${p}/custom_class.t7`) as TorchObject;
    expect(blah).to.be.instanceOf(TorchObject);
    expect(blah.__typename).to.equal('Blah');
    expect(Object.keys(blah)).to.deep.equal([]);
    const a = load(`${p}/recursive_class.t7`) as TorchObject & { a: unknown };
    expect(a.__typename).to.equal('A');
    expect(a.a).to.equal(a);
    const kv = load(`${p}/recursive_kv_table.t7`) as LuaTable;
    expect(kv.size).to.equal(1);
    expect(kv.get(kv)).to.equal(kv);
    const h = load(`${p}/tds_hash.t7`) as TdsHash;
    expect(h).to.be.instanceOf(TdsHash);
    expect(h.__typename).to.equal('tds.Hash');
    expect([...h].sort((x, y) => (x[0] as number) - (y[0] as number))).to.deep.equal([[1, 2], [2, 3], [10, 11]]);
    const vec = load(`${p}/tds_vec.t7`) as TdsVec;
    expect(vec).to.be.instanceOf(TdsVec);
    expect([...vec]).to.deep.equal([123, 456]);
    const f = load(`${p}/function.t7`) as LuaFunction;
    expect(f).to.be.instanceOf(LuaFunction);
    expect(f.bytecode).to.have.length(218);
    expect(Buffer.from(f.bytecode.subarray(0, 4)).toString('hex')).to.equal('1b4c4a01');
    expect(f.upvalues).to.deep.equal([]);
    const fu = load(`${p}/function_upvals.t7`) as LuaFunction;
    expect(fu.bytecode).to.have.length(89);
    expect(fu.upvalues).to.deep.equal([{ name: 'asdf', value: 123 }]);
    const node = load(`${p}/nngraph_node.t7`) as TorchObject & Record<string, any>;
    expect(node.__typename).to.equal('nngraph.Node');
    expect(node.data.annotations.hello).to.equal(123);
    expect(node.id).to.equal(0);
    expect(node.children).to.deep.equal([]);
    expect(node.visited).to.equal(false);
    const g = load(`${p}/gmodule_with_linear_identity.t7`) as TorchObject & Record<string, any>;
    expect(g.__typename).to.equal('nn.gModule');
  });

  it('gmodule Linear weights and denormal gradWeight', () => {
    const g = load(`${T7}/python-torchfile/gmodule_with_linear_identity.t7`) as Record<string, any>;
    const lin = g.modules.find((m: any) => m instanceof nn.Linear);
    expectClose(lin.weight, [-0.0248373, 0.17503954], 1e-7);
    expectClose(lin.bias, [0.05159848, -0.25367146], 1e-7);
    const gw = lin.gradWeight.storage().data[0];
    expect(gw).to.be.greaterThan(0).and.below(1e-300);
  });

  it('torch-android scalars, DeepStack info tables, char-rnn data and vocab', () => {
    expect(load(`${T7}/torch-android/mean_u`)).to.equal(-4.351166210312181);
    expect(load(`${T7}/torch-android/mean_v`)).to.equal(2.4216974483837923);
    expect(load(`${T7}/torch-android/std_u`)).to.equal(13.613272728801501);
    expect(load(`${T7}/torch-android/std_v`)).to.equal(17.084948728070398);
    expect(load(`${T7}/DeepStack-Leduc/final_cpu.info`)).to.deep.equal({ epoch: 9849, valid_loss: 0.0003499235609046845 });
    expect(load(`${T7}/DeepStack-Leduc/final_gpu.info`)).to.deep.equal({ epoch: 9849, valid_loss: 0.0003499235609046845, gpu: true });
    const d = load(`${T7}/AS_Exam/data.t7`) as Tensor;
    expect(d.type()).to.equal('torch.ByteTensor');
    expect(d.size(1)).to.equal(35);
    expect(values(d).slice(0, 6)).to.deep.equal([1, 4, 2, 5, 5, 1]);
    expect((d as any).sum()).to.equal(106);
    expect(load(`${T7}/AS_Exam/vocab.t7`)).to.deep.equal({ '<': 1, '>': 2, a: 3, b: 4, c: 5 });
    const cg = load(`${T7}/char_gru/data.t7`) as Tensor;
    expect(cg.size(1)).to.equal(41210);
    expect(values(cg).slice(0, 6)).to.deep.equal([1, 11, 23, 22, 28, 13]);
    expect(values(cg).reduce((a: number, b) => a + (b as number), 0)).to.equal(682731);
    const voc = load(`${T7}/char_gru/vocab.t7`) as Record<string, number>;
    expect(Object.keys(voc)).to.have.length(34);
    expect([voc[' '], voc['!'], voc['('], voc[')'], voc[',']]).to.deep.equal([1, 2, 3, 4, 5]);
    const x = load(`${T7}/torch-tutorials/X.t7`) as Tensor;
    expect(x.size().totable()).to.deep.equal([32, 32]);
    expect((x as any).sum()).to.equal(769);
  });

  it('ascii files from real projects: synset (1000 strings) and the Mnist snapshot', () => {
    const syn = load(`${T7}/torch-opencv-demos/synset.t7`, 'ascii') as string[];
    expect(syn).to.have.length(1000);
    expect(syn[0]).to.equal('tench, Tinca tinca');
    expect(syn[2]).to.equal('great white shark, white shark, man-eater, man-eating shark, Carcharodon carcharias');
    expect(syn[999]).to.equal('toilet tissue, toilet paper, bathroom tissue');
    const m = load(`${T7}/sunyasheng-Assignment/Mnist_001000.t7`) as Record<string, any>;
    expect(m.version).to.equal(0);
    expect(m.weights.type()).to.equal('torch.FloatTensor');
    expect(m.weights.size(1)).to.equal(61950);
    expect(values(m.weights).slice(0, 3)).to.deep.equal([0.0352962948, -0.0687094629, -0.165718541].map(Math.fround));
    let s = 0;
    for (const v of m.weights.storage().data) s = Math.fround(s + v);
    expect(Math.abs(s - 111.9730043)).to.be.below(1e-3);
    expect(m.options.rms_decay).to.equal(0.9);
    expect(m.options.model).to.equal('models/lenet.lua');
    expect(m.stats.accuracy).to.have.length(1000);
    expect(m.stats.accuracy[999]).to.equal(0.922);
    expect(m.stats.loss[0]).to.equal(0.0023314833641052248);
  });

  it('char-rnn checkpoint: protos, options, vocab, exact int64 beyond 2^53, custom OneHot', () => {
    const c = load(`${T7}/cs585-word-rnn/lm_lstm_epoch2.36_1.7753.t7`) as Record<string, any>;
    expect(c.protos.rnn.__typename).to.equal('nn.gModule');
    expect(c.protos.criterion).to.be.instanceOf(nn.ClassNLLCriterion);
    expect(c.opt.rnn_size).to.equal(128);
    expect(c.opt.seq_length).to.equal(50);
    expect(c.opt.model).to.equal('lstm');
    expect(c.opt.data_dir).to.equal('data/tinyshakespeare');
    expect(Object.keys(c.opt)).to.have.length(24);
    expect(c.vocab['\n']).to.equal(1);
    expect(Object.keys(c.vocab)).to.have.length(65);
    expect(c.train_losses).to.have.length(1000);
    expect(c.val_losses).to.be.instanceOf(LuaTable);
    expect(c.val_losses.get(1000)).to.equal(1.7753191349554005);
    expect(c.epoch).to.equal(2.3640661938534278);
    expect(c.i).to.equal(1000);
    const longs: LongStorage[] = [];
    const seen = new Set<unknown>();
    const stack: unknown[] = [c];
    while (stack.length) {
      const v = stack.pop();
      if (!v || typeof v !== 'object' || seen.has(v)) continue;
      seen.add(v);
      if (v instanceof LongStorage) longs.push(v);
      if (v instanceof Tensor) { stack.push(v.storage()); continue; }
      if (v instanceof Storage) continue;
      stack.push(...luaEntries(v).flat());
      if (v instanceof TorchObject && v.__typename === 'OneHot') expect((v as any).outputSize).to.equal(65);
    }
    const big = longs.flatMap((s) => s.totable().map((_, i) => s.getExact(i + 1))).filter((x) => x > 2n ** 32n);
    expect(big.length).to.be.greaterThan(0);
    expect(new Set(big)).to.deep.equal(new Set([139681871534008n]));
  });

  it('views share one storage (views.t7, nn_flattened_params.t7, DeepStack, face.net)', () => {
    const v = load(`${T7}/generated-torch7/views.t7`) as Record<string, any>;
    for (const k of ['t', 'row2', 'col3', 'narrow', 'sub']) expect(v[k].storage(), k).to.equal(v.m.storage());
    expect(v.storage).to.equal(v.m.storage());
    expect(v.same).to.equal(v.m);
    expect(v.expanded._stride).to.deep.equal([0, 1]);
    expect(v.empty.nDimension()).to.equal(0);
    v.m.put(2, 2, -1);
    expect(v.sub.get(1, 1)).to.equal(-1);
    const f = load(`${T7}/generated-torch7/nn_flattened_params.t7`) as Record<string, any>;
    const [w, gw] = f.model.parameters();
    for (const p of w) expect(p.storage()).to.equal(f.params.storage());
    expect(w.map((p: Tensor) => p.storageOffset())).to.deep.equal([1, 7, 9, 11]);
    expect(gw[0].storage()).to.not.equal(f.params.storage());
    for (const file of ['final_cpu.model', 'final_gpu.model']) {
      const m = load(`${T7}/DeepStack-Leduc/${file}`) as any;
      const [params] = m.parameters();
      const storages = new Set(params.map((p: Tensor) => p.storage()));
      expect(storages.size, file).to.equal(1);
      expect(params.map((p: Tensor) => p.storageOffset()).slice(0, 4)).to.deep.equal([1, 3651, 3701, 3702]);
    }
    const face = load(`${T7}/torch-demos/face.net`) as any;
    const conv = face.modules[1];
    expect(conv.bias.storage()).to.equal(conv.weight.storage());
    expect(conv.bias.storageOffset()).to.equal(201);
  });

  it('face.net (L8) and face.net.arm (L4, 32-bit ARM) hold the same 2011 network', () => {
    const a = load(`${T7}/torch-demos/face.net`) as any;
    const b = load(`${T7}/torch-android/face.net.arm`) as any;
    expect(a).to.be.instanceOf(nn.Sequential);
    expect(a.modules[0]).to.be.instanceOf(TorchObject);
    expect(a.modules[0].__typename).to.equal('nn.SpatialNormalization');
    const shapes = (m: any) => {
      const out: string[] = [];
      const stack = [m];
      const seen = new Set();
      while (stack.length) {
        const x = stack.pop();
        if (!x || typeof x !== 'object' || seen.has(x)) continue;
        seen.add(x);
        if (x instanceof Tensor) { out.push(`${x._size}/${x._stride}/${x.offset}`); continue; }
        if (x instanceof Storage) continue;
        stack.push(...luaEntries(x).flat());
      }
      return out.sort();
    };
    expect(shapes(b)).to.deep.equal(shapes(a));
    expect(a.modules[1].weight.storage().data[0]).to.be.closeTo(b.modules[1].weight.storage().data[0], 1e-5);
  });

  it('Half and Cuda tensors load as Float and remember their class', () => {
    const h = load(`${T7}/generated-torch7/tensor_half.t7`) as Tensor;
    expect(h.type()).to.equal('torch.FloatTensor');
    expect(originalTypename(h)).to.equal('torch.HalfTensor');
    expect(originalTypename(h.storage())).to.equal('torch.HalfStorage');
    expect(values(h)).to.deep.equal([0.5, -1.25, 2, 65504, 0.00010001659393310547, -0]);
    const ha = load(`${T7}/generated-torch7/tensor_half.ascii.t7`) as Tensor;
    expect(values(ha)).to.deep.equal(values(h));
    const cpu = load(`${T7}/DeepStack-Leduc/final_cpu.model`) as any;
    const gpu = load(`${T7}/DeepStack-Leduc/final_gpu.model`) as any;
    const w = gpu.parameters()[0][0];
    expect(w.type()).to.equal('torch.FloatTensor');
    expect(originalTypename(w)).to.equal('torch.CudaTensor');
    expect(gpu._type).to.equal('torch.FloatTensor');
    expect(values(w)).to.deep.equal(values(cpu.parameters()[0][0]));
    // saved back: as Float by default, as Cuda with t7convert
    expect(serialize(w).includes(Buffer.from('torch.CudaTensor'))).to.equal(false);
    expect(serialize(w, 'binary', true, { keepOriginalTypes: true }).includes(Buffer.from('torch.CudaTensor'))).to.equal(true);
  });

  it('big-endian, 4-byte longs, two objects in one stream', () => {
    const be = load(`${T7}/generated-torch7/tensors_bigendian.t7`) as Record<string, any>;
    expect(be.name).to.equal('be');
    expect(be.d.totable()).to.deep.equal([[1, 2, 3], [4, 5, 6]]);
    expect(be.i.totable()).to.deep.equal([[-2147483648, -1, 0], [1, 100000, 2147483647]]);
    const l4 = load(`${T7}/generated-torch7/views.b32.t7`, 'b32');
    expect(dumpExpected(l4)).to.deep.equal(dumpExpected(load(`${T7}/generated-torch7/views.t7`)));
    expect(() => load(`${T7}/generated-torch7/views.b32.t7`, 'binary')).to.throw(torch.TorchError, /at byte \d+/);
    const bytes = readFileSync(`${T7}/generated-torch7/two_objects.t7`);
    expect(deserialize(bytes)).to.deep.equal({ first: 1 });
    const r = new T7Reader(bytes);
    expect(r.readObject()).to.deep.equal({ first: 1 });
    expect((r.readObject() as Tensor).totable()).to.deep.equal([[1, 2, 3], [4, 5, 6]]);
    expect(r.readInt()).to.equal(12345);
    expect(r.atEnd()).to.equal(true);
  });

  it('custom classes stay TorchObjects and save back unchanged', () => {
    for (const f of ['custom_class.t7', 'custom_class.ascii.t7']) {
      const c = load(`${T7}/generated-torch7/${f}`) as Record<string, any>;
      expect(c.p).to.be.instanceOf(TorchObject);
      expect(c.p.__typename).to.equal('fixture.Point');
      expect(c.p.__version).to.equal(1);
      expect([c.p.x, c.p.y, c.q.x, c.q.y]).to.deep.equal([1.5, -2, 3, 4]);
      expect(c.p.self).to.equal(c.p);
      const again = deserialize(serialize(c)) as Record<string, any>;
      expect(again.p.__typename).to.equal('fixture.Point');
      expect(again.p.self).to.equal(again.p);
    }
  });

  it('functions keep their bytecode and upvalues, self references included', () => {
    const c = load(`${T7}/generated-torch7/function_closure.t7`) as Record<string, any>;
    expect(c.data).to.equal(1);
    expect(c.f).to.be.instanceOf(LuaFunction);
    expect(Buffer.from(c.f.bytecode.subarray(0, 4)).toString('hex')).to.equal('1b4c4a02');
    expect(c.f.upvalues).to.deep.equal([{ name: 'up1', value: 10, id: 1 }, { name: 'up2', value: 'upval', id: 2 }]);
    const r = load(`${T7}/generated-torch7/function_recursive.t7`) as LuaFunction;
    expect((r.upvalues as any[])[0].value).to.equal(r);
    const again = deserialize(serialize(r)) as LuaFunction;
    expect((again.upvalues as any[])[0].value).to.equal(again);
    expect(Buffer.compare(Buffer.from(again.bytecode), Buffer.from(r.bytecode))).to.equal(0);
  });

  it('referenced=false files: shared tables written twice load as two tables', () => {
    const t = load(`${T7}/generated-torch7/shared_table_noref.t7`) as Record<string, any>;
    expect(t.a).to.deep.equal({ v: 1 });
    expect(t.a).to.not.equal(t.b);
    const s = load(`${T7}/generated-torch7/shared_table.t7`) as Record<string, any>;
    expect(s.a).to.equal(s.b);
    expect(s.c.inner).to.equal(s.a);
  });

  it('the RNG state fixture holds a 5048-byte THGenerator', () => {
    const s = load(`${REF}/rng/rng_state_seed123.t7`) as Record<string, any>;
    expect(s.state.type()).to.equal('torch.ByteTensor');
    expect(s.state.nElement()).to.equal(5048);
    const g = new torch.Generator();
    torch.setRNGState(g, s.state);
    expect(g.random()).to.equal(2991312382);
  });
});

/** Compares a loaded value with its JSON twin exactly (tensors as {__tensor, size, data}). */
function expectJSON(actual: any, json: any, what: string): void {
  const num = (x: unknown) => (typeof x === 'string' ? Number(x) : x);
  if (json !== null && typeof json === 'object' && '__tensor' in json) {
    expect(actual, what).to.be.instanceOf(Tensor);
    expect(actual.type(), `${what} type`).to.equal(json.__tensor);
    expect(actual._size, `${what} size`).to.deep.equal(json.size);
    const got = values(actual);
    const want = (json.data as unknown[]).map(num);
    expect(got.length, `${what} elements`).to.equal(want.length);
    got.forEach((v, i) => expect(Object.is(v, want[i]) || (Number.isNaN(v) && Number.isNaN(want[i])), `${what}[${i}]: ${v} vs ${want[i]}`).to.equal(true));
  } else if (Array.isArray(json)) {
    expect(actual, what).to.have.length(json.length);
    json.forEach((j, i) => expectJSON(actual[i], j, `${what}[${i + 1}]`));
  } else if (json !== null && typeof json === 'object') {
    for (const k of Object.keys(json)) expectJSON(actual[k], json[k], `${what}.${k}`);
  } else if (typeof actual === 'number' && typeof json === 'string') {
    expect(Object.is(actual, Number(json)) || (Number.isNaN(actual) && json === 'NaN'), `${what}: ${actual} vs ${json}`).to.equal(true);
  } else {
    expect(actual, what).to.equal(json);
  }
}

describeCpu('torch.load: the .t7 files of torch7-ref hold exactly the values of their JSON twins', () => {
  for (const folder of ['modules', 'criterions']) {
    it(`${folder}: every case (tensors, numbers, config fields, class)`, () => {
      const dir = `${REF}/${folder}`;
      const names = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
      expect(names.length).to.equal(folder === 'modules' ? 55 : 17);
      for (const name of names) {
        const json = JSON.parse(readFileSync(`${dir}/${name}.json`, 'utf8'));
        const c = load(`${dir}/${name}.t7`) as any;
        const obj = folder === 'modules' ? c.module : c.criterion;
        expect(obj.__typename, name).to.equal(folder === 'modules' ? json.module : json.criterion);
        for (const k of ['input', 'output', 'gradOutput', 'gradInput', 'weight', 'bias', 'gradWeight', 'gradBias', 'parameters', 'gradParameters', 'buffers', 'target', 'seed', 'train', 'name']) {
          if (k in json) expectJSON(c[k], json[k], `${name}.${k}`);
        }
        for (const [k, v] of Object.entries(json.config ?? {})) expectJSON(obj[k], v, `${name}.config.${k}`);
        if (json.weights) expectJSON(obj.weights ?? obj.nll?.weights, json.weights, `${name}.weights`);
      }
    });
  }
  it('models: mlp, mlp_float and lenet parameters, inputs and outputs', () => {
    for (const [model, io, json] of [['mlp.t7', 'mlp_io.t7', 'mlp.json'], ['mlp_float.t7', 'mlp_float_io.t7', 'mlp_float.json'], ['lenet.t7', 'lenet_io.t7', 'lenet.json']]) {
      const j = JSON.parse(readFileSync(`${REF}/models/${json}`, 'utf8'));
      const m = load(`${REF}/models/${model}`) as any;
      const d = load(`${REF}/models/${io}`) as any;
      expectJSON(m.parameters()[0], j.parameters, `${model} parameters`);
      expectJSON(d.input, j.input, `${io} input`);
      expectJSON(d.output, j.output, `${io} output`);
    }
    const step = JSON.parse(readFileSync(`${REF}/models/lenet_train_step.json`, 'utf8'));
    const t = load(`${REF}/models/lenet_train_step.t7`) as any;
    for (const k of ['loss', 'lossAfter', 'learningRate', 'outputBefore', 'outputAfter', 'target']) expectJSON(t[k], step[k], k);
    expect(t.paramsBefore.nElement()).to.equal(step.numParameters);
    expectJSON(values(t.gradParameters).slice(0, 20), step.gradParameters_first20.data, 'gradParameters_first20');
  });
});

/** Runs a loaded module on an input and compares with the recorded output. */
function expectOutput(actual: any, expected: any, tol: number): void {
  if (Array.isArray(expected)) {
    expect(actual).to.have.length(expected.length);
    expected.forEach((e, i) => expectOutput(actual[i], e, tol));
    return;
  }
  expect(actual.type()).to.equal(expected.type());
  expect(actual._size).to.deep.equal(expected._size);
  expectClose(actual, expected, tol);
}

describeCpu('torch.load: loaded models run and give Torch7\'s outputs', () => {
  const M = `${REF}/models`;
  it('mlp (binary and ascii) and mlp_float', () => {
    const io = load(`${M}/mlp_io.t7`) as any;
    for (const m of [load(`${M}/mlp.t7`), load(`${M}/mlp_ascii.t7`, 'ascii')] as any[]) {
      expect(m).to.be.instanceOf(nn.Sequential);
      expectOutput(m.forward(io.input), io.output, 1e-10);
    }
    const fio = load(`${M}/mlp_float_io.t7`) as any;
    expectOutput((load(`${M}/mlp_float.t7`) as any).forward(fio.input), fio.output, 1e-5);
  });

  it('lenet, and the trained lenet whose weights are views into one flattened storage', () => {
    const io = load(`${M}/lenet_io.t7`) as any;
    expectOutput((load(`${M}/lenet.t7`) as any).forward(io.input), io.output, 1e-10);
    const step = load(`${M}/lenet_train_step.t7`) as any;
    const trained = load(`${M}/lenet_trained.t7`) as any;
    const [params] = trained.parameters();
    const storage = params[0].storage();
    for (const p of params) expect(p.storage()).to.equal(storage);
    expect(storage.size()).to.equal(44426);
    expectClose(Array.from(storage.data as Float64Array), values(step.paramsAfter) as number[], 1e-12);
    expectOutput(trained.forward(step.input), step.outputAfter, 1e-10);
  });

  it('generated nn files: mlp, convnet, flattened params, eval-mode misc, all encodings', () => {
    const G = `${T7}/generated-torch7`;
    for (const f of ['nn_mlp_float.t7', 'nn_mlp_float.ascii.t7', 'nn_mlp_float.b32.t7', 'nn_convnet_float.t7', 'nn_convnet_float.ascii.t7', 'nn_misc_eval.t7']) {
      const c = load(`${G}/${f}`) as any;
      const expectedOut = c.output.clone();
      expectOutput(c.model.forward(c.input), expectedOut, 1e-5);
    }
    const seq = load(`${G}/nn_sequential_only.t7`) as any;
    const mlp = load(`${G}/nn_mlp_float.t7`) as any;
    expectOutput(seq.forward(mlp.input), mlp.output, 1e-5);
    expect(mlp.model.output).to.equal(mlp.model.modules[3].output);
    const cleared = load(`${G}/nn_mlp_double_cleared.t7`) as any;
    expect(cleared.modules[0].output.nDimension()).to.equal(0);
    expectOutput(cleared.forward(mlp.input.double()), mlp.output.double(), 1e-5);
  });

  it('every module fixture runs forward and backward to the recorded output and gradInput', () => {
    const dir = `${REF}/modules`;
    let n = 0;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.t7')).sort()) {
      if (f === 'Dropout_train.t7') continue; // the mask is random
      const c = load(`${dir}/${f}`) as any;
      const tol = JSON.stringify(c.input.type?.() ?? '').includes('Float') || f.includes('float') ? 1e-5 : 1e-10;
      expect(c.module.__typename, f).to.match(/^nn\./);
      expectOutput(c.module.forward(c.input), c.output, tol);
      expectOutput(c.module.updateGradInput(c.input, c.gradOutput), c.gradInput, tol);
      n++;
    }
    expect(n).to.equal(54);
  });

  it('every criterion fixture gives the recorded loss and gradient', () => {
    const dir = `${REF}/criterions`;
    const files = readdirSync(dir).filter((x) => x.endsWith('.t7'));
    expect(files).to.have.length(17);
    for (const f of files) {
      const c = load(`${dir}/${f}`) as any;
      const loss = c.criterion.forward(c.input, c.target);
      expect(Math.abs(loss - c.output), f).to.be.below(1e-5 * (1 + Math.abs(c.output)));
      expectOutput(c.criterion.backward(c.input, c.target), c.gradInput, 1e-5);
    }
  });

  it('DeepStack (Linear, PReLU, ConcatTable, Narrow, Replicate, DotProduct ...) runs; CPU and GPU files agree', () => {
    const cpu = load(`${T7}/DeepStack-Leduc/final_cpu.model`) as any;
    const gpu = load(`${T7}/DeepStack-Leduc/final_gpu.model`) as any;
    const nIn = cpu.parameters()[0][0].size(2);
    const x = new torch.FloatTensor(3, nIn);
    let k = 0;
    x.apply(() => ((k++ * 37) % 17 - 8) / 8);
    const a = cpu.forward(x).clone(), b = gpu.forward(x);
    expect(a.dim()).to.equal(2);
    expect(a.size(1)).to.equal(3);
    expectClose(b, a, 0);
  });

  it('classifTimeSeries: without the cudnn package, cudnn.Tanh loads as a TorchObject, and runs once aliased to nn.Tanh', () => withoutClass('cudnn.Tanh', () => {
    const f = `${T7}/classifTimeSeries/test.t7`;
    const raw = load(f) as any;
    const tanh = raw.modules.find((m: any) => m instanceof TorchObject);
    expect(tanh.__typename).to.equal('cudnn.Tanh');
    expect(tanh.mode).to.equal('CUDNN_ACTIVATION_TANH');
    registerAlias('cudnn.Tanh', 'nn.Tanh');
    try {
      const m = load(f) as any;
      expect(m.modules.every((x: any) => !(x instanceof TorchObject))).to.equal(true);
      const conv = m.modules[0];
      const x = new torch.FloatTensor(2, 100, conv.inputFrameSize).fill(0.1);
      let out: Tensor | undefined;
      for (let len = 20; len <= 400 && !out; len += 1) {
        try { out = m.forward(new torch.FloatTensor(2, len, conv.inputFrameSize).fill(0.1)); } catch { /* wrong length */ }
      }
      expect(x.dim()).to.equal(3);
      expect(out, 'some input length fits the View').to.not.equal(undefined);
      expect(out!.size(1)).to.equal(2);
      // saved under the nn name
      expect(serialize(m).includes(Buffer.from('cudnn.Tanh'))).to.equal(false);
    } finally {
      unregisterClass('cudnn.Tanh');
    }
  }));

  it('pollock.t7: SpatialBatchNormalization V 2, custom layers kept as TorchObjects', () => {
    const m = load(`${T7}/torch-opencv-demos/pollock.t7`) as any;
    const custom = new Set<string>();
    const stack = [m];
    const seen = new Set();
    let bn = 0;
    while (stack.length) {
      const x = stack.pop();
      if (!x || typeof x !== 'object' || seen.has(x)) continue;
      seen.add(x);
      if (x instanceof TorchObject) custom.add(x.__typename);
      if (x instanceof nn.SpatialBatchNormalization) { bn++; expect(x.running_var).to.be.instanceOf(Tensor); }
      if (x instanceof Tensor || x instanceof Storage) continue;
      stack.push(...luaEntries(x).flat());
    }
    expect([...custom].sort()).to.deep.equal(['nn.NoiseFill', 'nn.SpatialCircularPadding']);
    expect(bn).to.equal(43);
    expect(m).to.be.instanceOf(nn.Sequential);
  });

  it('t7info prints the tree; t7convert keeps the exact content', () => {
    const tmp = `${process.env.TMPDIR ?? '/tmp'}/t7convert-${process.pid}`;
    for (const f of ['torch-opencv-demos/pollock.t7', 'DeepStack-Leduc/final_gpu.model', 'generated-torch7/tensor_half.t7', 'python-torchfile/tds_hash.t7']) {
      const before = dumpExpected(load(`${T7}/${f}`, undefined, true));
      for (const fmt of ['ascii', 'binary'] as const) {
        t7convert(`${T7}/${f}`, `${tmp}.${fmt}`, fmt);
        expect(dumpExpected(load(`${tmp}.${fmt}`)), `${f} -> ${fmt}`).to.deep.equal(before);
        unlinkSync(`${tmp}.${fmt}`);
      }
    }
    const info = t7info(`${T7}/generated-torch7/nn_convnet_float.t7`);
    expect(info).to.contain('binary, little-endian, 8-byte long');
    expect(info).to.contain('nn.SpatialConvolution(1 -> 2, 3x3)');
    expect(info).to.contain('input : torch.FloatTensor of size 1x6x6');
    expect(t7info(`${T7}/torch-android/face.net.arm`)).to.contain('4-byte long');
    expect(t7info(`${T7}/generated-torch7/tensor_half.t7`)).to.contain('stored as torch.HalfTensor');
  });
});

