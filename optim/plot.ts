/**
 * Logger's plots without gnuplot: the curves (y against the entry number, as gnuplot draws a vector)
 * as SVG text, as a PNG raster and as an ASCII chart for the terminal. Styles follow gnuplot.lua's:
 * '-' lines, '+' plus marks, '.' dots, '+-' (or '-+') both, '|' impulses, '~' a (straight) line.
 */
import { sprintf } from './format.js';
import { hexToRGB, Raster } from './png.js';

/** One curve: its legend title, its values (the i-th at x = i) and its gnuplot-style style. */
export interface PlotSeries { name: string; y: number[]; style: string }

/** The plot: its curves, title and whether the y axis is logarithmic. */
export interface PlotSpec { series: PlotSeries[]; title: string; logscale: boolean }

/** gnuplot 5's default line colours, one per plotted curve in order. */
export const COLORS = ['#9400d3', '#009e73', '#56b4e9', '#e69f00', '#f0e442', '#0072b2', '#e51e10', '#000000'];
const ASCII_MARKS = ['*', '+', 'o', 'x', '#', '@', '%', '&'];

const hasLine = (style: string) => /[-~]/.test(style);
const hasPlus = (style: string) => style.includes('+') || !/[-~.|]/.test(style);

/** A "nice" axis: ticks at 1, 2 or 5 × 10^k that cover [lo, hi]. */
function niceAxis(lo: number, hi: number, maxTicks = 7): { lo: number; hi: number; ticks: number[] } {
  if (!(hi > lo)) { const d = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1; lo -= d; hi += d; }
  const raw = (hi - lo) / maxTicks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const a = Math.floor(lo / step + 1e-9) * step, b = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = a; v <= b + step * 1e-9; v += step) ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return { lo: a, hi: b, ticks };
}

/** The data-to-unit-square mapping shared by the three renderers. */
export function layout(spec: PlotSpec) {
  const tr = (v: number) => (spec.logscale ? (v > 0 ? Math.log10(v) : NaN) : v);
  const n = Math.max(2, ...spec.series.map((s) => s.y.length));
  const ys = spec.series.flatMap((s) => s.y.map(tr)).filter(Number.isFinite);
  const yAxis = niceAxis(ys.length ? Math.min(...ys) : 0, ys.length ? Math.max(...ys) : 1);
  const xAxis = niceAxis(1, n, 8);
  const u = (x: number) => (x - xAxis.lo) / (xAxis.hi - xAxis.lo);
  const v = (y: number) => (tr(y) - yAxis.lo) / (yAxis.hi - yAxis.lo);
  const label = (t: number) => (spec.logscale ? sprintf('%g', 10 ** t) : sprintf('%g', Number(t.toPrecision(12))));
  return { xAxis, yAxis, u, v, label, vt: (t: number) => (t - yAxis.lo) / (yAxis.hi - yAxis.lo) };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The plot as an SVG document (640×480), one `<polyline class="series">` per curve. */
export function renderSVG(spec: PlotSpec, width = 640, height = 480): string {
  const L = layout(spec);
  const m = { l: 80, r: 20, t: 40, b: 50 };
  const W = width - m.l - m.r, H = height - m.t - m.b;
  const px = (x: number) => (m.l + L.u(x) * W).toFixed(2), py = (y: number) => (m.t + (1 - L.v(y)) * H).toFixed(2);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`, '<defs>',
  ];
  spec.series.forEach((_s, i) => {
    const c = COLORS[i % COLORS.length];
    out.push(`<marker id="plus${i}" markerWidth="10" markerHeight="10" refX="5" refY="5" markerUnits="userSpaceOnUse"><path d="M0,5H10M5,0V10" stroke="${c}" stroke-width="1"/></marker>`,
      `<marker id="dot${i}" markerWidth="4" markerHeight="4" refX="2" refY="2" markerUnits="userSpaceOnUse"><circle cx="2" cy="2" r="1.5" fill="${c}"/></marker>`);
  });
  out.push('</defs>', `<text x="${width / 2}" y="24" text-anchor="middle" font-size="14">${esc(spec.title)}</text>`);
  for (const t of L.yAxis.ticks) {
    const y = (m.t + (1 - L.vt(t)) * H).toFixed(2);
    out.push(`<line x1="${m.l}" y1="${y}" x2="${m.l + W}" y2="${y}" stroke="#c0c0c0" stroke-dasharray="2,3"/>`,
      `<text x="${m.l - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${esc(L.label(t))}</text>`);
  }
  for (const t of L.xAxis.ticks) {
    const x = px(t);
    out.push(`<line x1="${x}" y1="${m.t}" x2="${x}" y2="${m.t + H}" stroke="#c0c0c0" stroke-dasharray="2,3"/>`,
      `<text x="${x}" y="${m.t + H + 18}" text-anchor="middle">${esc(sprintf('%g', t))}</text>`);
  }
  out.push(`<rect x="${m.l}" y="${m.t}" width="${W}" height="${H}" fill="none" stroke="#000000"/>`);
  spec.series.forEach((s, i) => {
    const c = COLORS[i % COLORS.length];
    const pts = s.y.map((y, k) => [k + 1, y]).filter(([, y]) => Number.isFinite(L.v(y)));
    const points = pts.map(([x, y]) => `${px(x)},${py(y)}`).join(' ');
    const mk = hasPlus(s.style) ? `plus${i}` : s.style.includes('.') ? `dot${i}` : '';
    const markers = mk ? ` marker-start="url(#${mk})" marker-mid="url(#${mk})" marker-end="url(#${mk})"` : '';
    const stroke = hasLine(s.style) ? `stroke="${c}" stroke-width="1.5"` : 'stroke="none"';
    out.push(`<polyline class="series" data-name="${esc(s.name)}" fill="none" ${stroke}${markers} points="${points}"/>`);
    if (s.style.includes('|')) {
      const base = (m.t + H).toFixed(2);
      out.push(`<path d="${pts.map(([x, y]) => `M${px(x)},${base}V${py(y)}`).join('')}" stroke="${c}"/>`);
    }
  });
  // the legend, on a white box, over the curves
  const lw = Math.max(0, ...spec.series.map((s) => 7 * s.name.length)) + 62;
  out.push(`<rect x="${m.l + W - 4 - lw}" y="${m.t + 4}" width="${lw}" height="${18 * spec.series.length + 6}" fill="#ffffff" fill-opacity="0.85"/>`);
  spec.series.forEach((s, i) => {
    const ly = m.t + 16 + 18 * i;
    out.push(`<text x="${m.l + W - 50}" y="${ly}" text-anchor="end" dominant-baseline="middle">${esc(s.name)}</text>`,
      `<line x1="${m.l + W - 42}" y1="${ly}" x2="${m.l + W - 10}" y2="${ly}" stroke="${COLORS[i % COLORS.length]}" stroke-width="1.5"/>`);
  });
  out.push('</svg>', '');
  return out.join('\n');
}

/** The plot as a PNG image (640×480): title, grid, frame, tick labels, the curves and the legend. */
export function renderPNG(spec: PlotSpec, width = 640, height = 480): Buffer {
  const L = layout(spec);
  const img = new Raster(width, height);
  const m = { l: 80, r: 20, t: 40, b: 50 };
  const W = width - m.l - m.r, H = height - m.t - m.b;
  const px = (x: number) => m.l + L.u(x) * W, py = (y: number) => m.t + (1 - L.v(y)) * H;
  const grey = hexToRGB('#c0c0c0'), black = hexToRGB('#000000');
  img.text(spec.title, Math.round((width - Raster.textWidth(spec.title)) / 2), 14, black);
  for (const t of L.yAxis.ticks) {
    const y = m.t + (1 - L.vt(t)) * H, s = L.label(t);
    img.line(m.l, y, m.l + W, y, grey, 1, 3);
    img.text(s, m.l - 8 - Raster.textWidth(s), Math.round(y) - 5, black);
  }
  for (const t of L.xAxis.ticks) {
    const x = px(t), s = sprintf('%g', t);
    img.line(x, m.t, x, m.t + H, grey, 1, 3);
    img.text(s, Math.round(x - Raster.textWidth(s) / 2), m.t + H + 10, black);
  }
  img.line(m.l, m.t, m.l + W, m.t, black); img.line(m.l, m.t + H, m.l + W, m.t + H, black);
  img.line(m.l, m.t, m.l, m.t + H, black); img.line(m.l + W, m.t, m.l + W, m.t + H, black);
  const lw = Math.max(0, ...spec.series.map((s) => Raster.textWidth(s.name))) + 62;
  spec.series.forEach((s, i) => {
    const c = hexToRGB(COLORS[i % COLORS.length]);
    const pts = s.y.map((y, k) => [px(k + 1), py(y)]).filter(([, y]) => Number.isFinite(y));
    if (hasLine(s.style)) for (let k = 1; k < pts.length; k++) img.line(pts[k - 1][0], pts[k - 1][1], pts[k][0], pts[k][1], c, 2);
    for (const [x, y] of pts) {
      if (hasPlus(s.style)) { img.line(x - 4, y, x + 4, y, c); img.line(x, y - 4, x, y + 4, c); }
      if (s.style.includes('.')) img.rect(Math.round(x) - 1, Math.round(y) - 1, 3, 3, c);
      if (s.style.includes('|')) img.line(x, y, x, m.t + H, c);
    }
  });
  // the legend, on a white box, over the curves
  if (spec.series.length) img.rect(m.l + W - 4 - lw, m.t + 4, lw, 18 * spec.series.length + 6, hexToRGB('#ffffff'));
  spec.series.forEach((s, i) => {
    const ly = m.t + 16 + 18 * i;
    img.line(m.l + W - 42, ly, m.l + W - 10, ly, hexToRGB(COLORS[i % COLORS.length]), 3);
    img.text(s.name, m.l + W - 50 - Raster.textWidth(s.name), ly - 5, black);
  });
  return img.toPNG();
}

/** The plot as text: a width×height character grid, one mark per curve, and a legend. */
export function renderAscii(spec: PlotSpec, width = 64, height = 16): string {
  const L = layout(spec);
  const grid = Array.from({ length: height }, () => new Array<string>(width).fill(' '));
  const col = (x: number) => Math.round(L.u(x) * (width - 1));
  const rowOf = (y: number) => Math.round((1 - L.v(y)) * (height - 1));
  spec.series.forEach((s, i) => {
    const mark = ASCII_MARKS[i % ASCII_MARKS.length];
    const pts = s.y.map((y, k) => [col(k + 1), rowOf(y)]).filter(([, r]) => Number.isFinite(r));
    const put = (c: number, r: number) => { if (r >= 0 && r < height && c >= 0 && c < width) grid[r][c] = mark; };
    if (hasLine(s.style)) {
      for (let k = 1; k < pts.length; k++) {
        const [c0, r0] = pts[k - 1], [c1, r1] = pts[k];
        const steps = Math.max(Math.abs(c1 - c0), Math.abs(r1 - r0), 1);
        for (let j = 0; j <= steps; j++) put(Math.round(c0 + (c1 - c0) * j / steps), Math.round(r0 + (r1 - r0) * j / steps));
      }
    }
    for (const [c, r] of pts) put(c, r);
  });
  const top = L.label(L.yAxis.hi), bottom = L.label(L.yAxis.lo);
  const lw = Math.max(top.length, bottom.length);
  const lines = [spec.title];
  grid.forEach((r, i) => {
    const lab = i === 0 ? top : i === height - 1 ? bottom : '';
    lines.push(`${lab.padStart(lw)} |${r.join('')}`);
  });
  lines.push(`${' '.repeat(lw)} +${'-'.repeat(width)}`);
  const x0 = sprintf('%g', L.xAxis.lo), x1 = sprintf('%g', L.xAxis.hi);
  lines.push(`${' '.repeat(lw + 2)}${x0}${x1.padStart(width - x0.length)}`);
  lines.push(spec.series.map((s, i) => `  ${ASCII_MARKS[i % ASCII_MARKS.length]} ${s.name}`).join(''));
  return lines.map((l) => l.replace(/\s+$/, '')).join('\n') + '\n';
}
