/** optim.Logger: Torch's tab-separated log text, and the SVG / PNG / ASCII plots that replace gnuplot. */
import { expect } from 'chai';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { optim } from '../../optim/index.js';
import { crc32 } from '../../optim/png.js';
import { COLORS } from '../../optim/plot.js';

/** Runs f with process.stdout.write and console.log captured; returns what they printed. */
function captureStdout(f: () => void): string {
  const write = process.stdout.write, log = console.log;
  let out = '';
  process.stdout.write = ((s: string) => { out += s; return true; }) as typeof process.stdout.write;
  console.log = (...a: unknown[]) => { out += `${a.join(' ')}\n`; };
  try { f(); } finally { process.stdout.write = write; console.log = log; }
  return out;
}

/** A minimal PNG reader: checks the chunks' CRCs, returns the size and the RGB rows (filter 0 only). */
function readPNG(buf: Buffer): { width: number; height: number; pixel: (x: number, y: number) => string } {
  expect([...buf.subarray(0, 8)]).to.deep.equal([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let o = 8, width = 0, height = 0;
  const idat: Buffer[] = [];
  while (o < buf.length) {
    const len = buf.readUInt32BE(o), type = buf.toString('ascii', o + 4, o + 8);
    const body = buf.subarray(o + 8, o + 8 + len);
    expect(buf.readUInt32BE(o + 8 + len), `${type} CRC`).to.equal(crc32(buf.subarray(o + 4, o + 8 + len)));
    if (type === 'IHDR') {
      width = body.readUInt32BE(0); height = body.readUInt32BE(4);
      expect([...body.subarray(8)]).to.deep.equal([8, 2, 0, 0, 0]);
    }
    if (type === 'IDAT') idat.push(body);
    o += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  expect(raw.length).to.equal(height * (width * 3 + 1));
  for (let y = 0; y < height; y++) expect(raw[y * (width * 3 + 1)], 'filter type').to.equal(0);
  const hex = (v: number) => v.toString(16).padStart(2, '0');
  return {
    width, height,
    pixel: (x, y) => {
      const p = y * (width * 3 + 1) + 1 + x * 3;
      return `#${hex(raw[p])}${hex(raw[p + 1])}${hex(raw[p + 2])}`;
    },
  };
}

describe('optim.Logger', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'optim-logger-')); });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  it('writes Torch\'s tab-separated text: names, then %11.4e numbers and raw strings', () => {
    const file = join(dir, 'a', 'b', 'accuracy.log'); // the folder is created, as mkdir -p
    const logger = new optim.Logger(file);
    logger.setNames(['channel 1', 'channel 2', 'channel 3']);
    for (let i = 1; i <= 3; i++) logger.add([1, 0.1 * i, 1 - 0.2 * i]);
    logger.add(['best', -1e-20, NaN]);
    expect(readFileSync(file, 'utf8')).to.equal(
      'channel 1\tchannel 2\tchannel 3\t\n'
      + ' 1.0000e+00\t 1.0000e-01\t 8.0000e-01\t\n'
      + ' 1.0000e+00\t 2.0000e-01\t 6.0000e-01\t\n'
      + ' 1.0000e+00\t 3.0000e-01\t 4.0000e-01\t\n'
      + 'best\t-1.0000e-20\t        nan\t\n');
    expect(logger.symbols.get(2)).to.deep.equal([0.1, 0.2, 0.30000000000000004, -1e-20]);
  });

  it('takes the names from the first record, or numbers them for a list', () => {
    const named = join(dir, 'named.log'), listed = join(dir, 'listed.log');
    const a = new optim.Logger(named);
    for (let i = 1; i <= 2; i++) a.add({ train: i * 0.5, test: `x${i}` });
    expect(readFileSync(named, 'utf8')).to.equal('train\ttest\t\n 5.0000e-01\tx1\t\n 1.0000e+00\tx2\t\n');
    const b = new optim.Logger(listed);
    b.add([1, 2]);
    expect(readFileSync(listed, 'utf8')).to.equal('1\t2\t\n 1.0000e+00\t 2.0000e+00\t\n');
    expect(() => a.add({ train: true as unknown as number })).to.throw('can only log numbers and strings');
    expect(() => a.add({ other: 1 })).to.throw("unknown symbol 'other'");
  });

  it('appends a timestamp to the file name on request', () => {
    const logger = new optim.Logger(join(dir, 'run.log'), true);
    logger.add({ loss: 1 });
    const files = readdirSync(dir);
    expect(files).to.have.length(1);
    expect(files[0]).to.match(/^run\.log-\d{4}_\d\d_\d\d_\d\d:\d\d:\d\d$/);
  });

  it('logs to stdout without a file name', () => {
    const out = captureStdout(() => {
      const logger = new optim.Logger();
      logger.setNames(['a']);
      logger.add([2]);
    });
    expect(out).to.equal('<Logger> warning: no path provided, logging to std out\na\t\n 2.0000e+00\t\n');
  });

  describe('plot', () => {
    function logged(): { logger: InstanceType<typeof optim.Logger>; file: string } {
      const file = join(dir, 'train.log');
      const logger = new optim.Logger(file);
      logger.setNames(['train error', 'test error', 'lr']);
      for (let i = 1; i <= 20; i++) logger.add([1 / i, 1.2 / i + 0.05, 'n/a']);
      return { logger, file };
    }

    it('writes <file>.svg with one polyline per curve and style', () => {
      const { logger, file } = logged();
      logger.style(['-', ['+', '-']]);
      logger.display(false);
      expect(captureStdout(() => logger.plot())).to.equal('');
      const svg = readFileSync(`${file}.svg`, 'utf8');
      const lines = svg.match(/<polyline class="series"[^>]*>/g)!;
      expect(lines).to.have.length(3); // lr is a column of strings: no curve
      expect(lines[0]).to.include('data-name="train error"').and.include(`stroke="${COLORS[0]}"`);
      expect(lines[1]).to.include('data-name="test error"').and.include('marker-mid="url(#plus1)"').and.include('stroke="none"');
      expect(lines[2]).to.include(`stroke="${COLORS[2]}"`);
      expect(lines[0].match(/points="([^"]*)"/)![1].split(' ')).to.have.length(20);
      expect(svg).to.include('&lt;Logger::');
    });

    it('writes <file>.png, a decodable 640×480 image in the curves\' colours', () => {
      const { logger, file } = logged();
      logger.style(['-', '-']);
      logger.display(false);
      logger.plot();
      const png = readPNG(readFileSync(`${file}.png`));
      expect([png.width, png.height]).to.deep.equal([640, 480]);
      const counts = new Map<string, number>();
      for (let y = 0; y < png.height; y++) {
        for (let x = 0; x < png.width; x++) { const c = png.pixel(x, y); counts.set(c, (counts.get(c) ?? 0) + 1); }
      }
      expect(counts.get(COLORS[0])).to.be.above(300);
      expect(counts.get(COLORS[1])).to.be.above(300);
      expect(counts.get('#ffffff')).to.be.above(200000);
    });

    it('prints an ASCII chart while display is on, and plots only the named curves when asked', () => {
      const { logger, file } = logged();
      logger.style(['-', '+']);
      const out = captureStdout(() => logger.plot('test error'));
      expect(out).to.equal(logger.plotAscii('test error'));
      expect(out.split('\n')[0]).to.equal(`<Logger::${file}>`);
      expect(out).to.include('* test error').and.not.include('train error');
      expect(readFileSync(`${file}.svg`, 'utf8').match(/<polyline/g)).to.have.length(1);
      const chart = logger.plotAscii();
      expect(chart).to.include('* train error').and.include('+ test error');
      expect(chart.split('\n').filter((l) => l.includes('|'))).to.have.length(16);
    });

    it('draws nothing for curves of a single value, and takes a log scale', () => {
      const file = join(dir, 'one.log');
      const logger = new optim.Logger(file);
      logger.add({ a: 1 });
      logger.plot();
      expect(existsSync(`${file}.svg`)).to.equal(false);
      logger.add({ a: 100 });
      logger.setlogscale(true);
      logger.display(false);
      logger.plot();
      expect(readFileSync(`${file}.svg`, 'utf8')).to.include('>100<');
    });
  });
});
