#!/usr/bin/env bash
# Packs the GPU benchmark into a self-contained folder (default out/gpu-bench, which git ignores) for a
# Linux x86-64 machine with a GPU and its Vulkan driver but no network and no Node:
#   run.sh             unpacks the payload to a temp dir and runs the benchmark (see run.sh)
#   payload.tar.xz     bin/node (this machine's Node, stripped), package.json, dist/ (no specs, maps or
#                      typings), node_modules/ with gpu.js and its runtime deps, ndarray, typed-function,
#                      and webgpu with only its Linux x86-64 dawn.node; syslib/ with a Vulkan loader and
#                      a libstdc++ that run.sh uses only when the target lacks them
#   MANIFEST.txt       what is inside, versions, sizes
# The folder must stay at most 40 MB (checked here).
#
# Usage: benchmarks/gpu/pack.sh [--out=DIR] [--level=0-9] [--no-build] [--stage-only]
#   --level       xz preset (default 9; 0 is fast and still fits)
#   --no-build    use dist/ as it is (default: npm run build first)
#   --stage-only  write the unpacked payload to DIR/app instead of payload.tar.xz (run.sh runs that too;
#                 for a quick check; no size limit applies)
# Env: TORCH7TS_PACK_LIBVULKAN=/path/libvulkan.so.1 (else the system's, else Debian's libvulkan1 via
#      `apt-get download` (not with --stage-only), else none: the target must then have libvulkan1).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$ROOT/out/gpu-bench LEVEL=9 BUILD=1 STAGE_ONLY=0
for a in "$@"; do
  case $a in
    --out=*) OUT=$(realpath -m "${a#--out=}") ;;
    --level=*) LEVEL=${a#--level=} ;;
    --no-build) BUILD=0 ;;
    --stage-only) STAGE_ONLY=1 ;;
    *) echo "pack.sh: unknown argument $a" >&2; exit 2 ;;
  esac
done
LIMIT=$((40 * 1000 * 1000))
cd "$ROOT"
[ "$(uname -m)" = x86_64 ] || { echo "pack.sh: this machine is $(uname -m); the pack needs a Linux x86-64 Node" >&2; exit 1; }
if [ $BUILD = 1 ]; then npm run build --silent; fi
[ -f dist/benchmarks/gpu/main.js ] || { echo "pack.sh: dist/ is not built (npm run build)" >&2; exit 1; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/torch7ts-pack.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
APP=$TMP/app
mkdir -p "$APP/bin" "$APP/syslib/vulkan" "$APP/syslib/cxx" "$APP/node_modules"

# Node: this process's binary, stripped of debug symbols where strip exists
NODE_BIN=$(node -p process.execPath)
if command -v strip >/dev/null; then strip -o "$APP/bin/node" "$NODE_BIN"; else cp "$NODE_BIN" "$APP/bin/node"; fi
chmod 755 "$APP/bin/node"

# our code: dist/ without specs, examples, source maps and typings
node -e "const p=require('./package.json');console.log(JSON.stringify({name:p.name,version:p.version,type:'module',private:true},null,2))" > "$APP/package.json"
mkdir -p "$APP/dist"
cp -r dist/index.js dist/lib dist/nn dist/optim dist/cuda dist/benchmarks "$APP/dist/"
find "$APP/dist" \( -name '*.map' -o -name '*.d.ts' \) -delete

# node_modules: the runtime closure of gpu.js, ndarray and typed-function (gl, koffi and tfjs left out)
node - "$APP/node_modules" <<'EOF'
const fs = require('fs'), path = require('path');
const out = process.argv[2], seen = new Set(), skip = new Set(['gl', 'koffi', 'webgpu']);
const keep = (f) => !/\.(md|markdown|map|d\.ts|d\.mts|d\.cts|ts)$/i.test(f) && !/^(test|tests|docs?|example|examples|\.github|bin)$/i.test(f);
function copy(src, dst) {
  const st = fs.statSync(src);
  if (st.isDirectory()) { fs.mkdirSync(dst, { recursive: true }); for (const f of fs.readdirSync(src)) if (keep(f)) copy(path.join(src, f), path.join(dst, f)); }
  else fs.copyFileSync(src, dst);
}
function add(name) {
  if (seen.has(name) || skip.has(name)) return;
  seen.add(name);
  const dir = path.join('node_modules', name), pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  copy(dir, path.join(out, name));
  if (name === 'gpu.js') fs.rmSync(path.join(out, name, 'dist'), { recursive: true, force: true }); // browser bundles
  for (const d of Object.keys(pkg.dependencies ?? {})) add(d);
}
for (const n of ['gpu.js', 'ndarray', 'typed-function']) add(n);
console.error(`node_modules: ${[...seen].join(', ')}, webgpu (linux-x64 only)`);
EOF
# webgpu: its loader and only the Linux x86-64 Dawn binary (its deps are typings and an unused logger)
W=node_modules/webgpu
mkdir -p "$APP/$W/dist/linux-x64"
cp "$W/index.js" "$W/package.json" "$W/LICENSE.md" "$APP/$W/"
if command -v strip >/dev/null; then strip --strip-unneeded -o "$APP/$W/dist/linux-x64/dawn.node" "$W/dist/linux-x64/dawn.node"
else cp "$W/dist/linux-x64/dawn.node" "$APP/$W/dist/linux-x64/"; fi

# fallbacks run.sh uses only where the target lacks them: the Vulkan loader, and libstdc++ (dawn.node needs GLIBCXX_3.4.30)
syslib() { { ldconfig -p 2>/dev/null || true; } | awk -v n="$1" '$1 == n && /x86-64/ { print $NF; exit }'; }
VK=${TORCH7TS_PACK_LIBVULKAN:-$(syslib libvulkan.so.1)} VK_FROM=${VK:+$VK}
if [ -z "$VK" ] && [ $STAGE_ONLY = 0 ] && command -v apt-get >/dev/null && (cd "$TMP" && apt-get download -qq libvulkan1 >/dev/null 2>&1); then
  dpkg-deb -x "$TMP"/libvulkan1_*.deb "$TMP/vk" && VK=$(find "$TMP/vk" -name 'libvulkan.so.1*' -type f | head -1)
  VK_FROM="Debian's $(basename "$TMP"/libvulkan1_*.deb) (apt-get download)"
fi
if [ -n "$VK" ]; then cp -L "$VK" "$APP/syslib/vulkan/libvulkan.so.1"; else echo "pack.sh: warning: no Vulkan loader packed; the target needs libvulkan1" >&2; fi
for l in libstdc++.so.6 libgcc_s.so.1; do p=$(syslib $l); [ -n "$p" ] && cp -L "$p" "$APP/syslib/cxx/$l"; done

rm -rf "$OUT"
mkdir -p "$OUT"
cp benchmarks/gpu/run.sh "$OUT/run.sh"
chmod 755 "$OUT/run.sh"
{
  echo "torch7ts GPU benchmark pack, made $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(uname -sm)"
  echo "node $("$APP/bin/node" -v); gpu.js $(node -p "require('./node_modules/gpu.js/package.json').version"); webgpu $(node -p "require('./node_modules/webgpu/package.json').version") (dawn.node linux-x64)"
  echo "git $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "vulkan loader, for targets without one: ${VK_FROM:-none}"
  echo; echo "payload, uncompressed:"
  (cd "$APP" && du -b bin/node node_modules/webgpu/dist/linux-x64/dawn.node && du -sb dist node_modules syslib)
} > "$OUT/MANIFEST.txt"
if [ $STAGE_ONLY = 1 ]; then
  mv "$APP" "$OUT/app"
else
  tar -C "$APP" -cf - . | xz "-$LEVEL" -T0 > "$OUT/payload.tar.xz"
fi
SIZE=$(du -sb "$OUT" | cut -f1)
echo "packed $OUT: $SIZE bytes"
if [ $STAGE_ONLY = 0 ] && [ "$SIZE" -gt $LIMIT ]; then echo "pack.sh: $OUT is $SIZE bytes, over the $LIMIT limit" >&2; exit 1; fi
