#!/usr/bin/env bash
# Runs the torch7ts GPU benchmark from a folder made by benchmarks/gpu/pack.sh, on a Linux x86-64
# machine with (ideally) a GPU and its Vulkan driver; needs no network and no Node of its own.
# Unpacks payload.tar.xz to a temp dir (or uses ./app from `pack.sh --stage-only`), finds a Vulkan
# loader and the GPU's Vulkan driver, then runs SGEMM and the MLP and LeNet steps on CudaTensor (gpu.js
# on WebGPU/Dawn) next to FloatTensor, and prints the backend, the adapter's name and the numbers.
# The JSON report goes to ./results (or $RESULTS).
#
# Usage: ./run.sh [--quick] [--sizes=256,512,1024,2048] [--batch=N] [--only=sgemm,mlp,lenet]
#   (--batch: the MLP and LeNet batch, default 128 and 64)
# Env: TORCH7TS_GPU (default webgpu,webasm: the first that passes the known-answer kernel),
#      TORCH7TS_WEBGPU_FLAGS (Dawn flags, e.g. adapter=NVIDIA), VK_ICD_FILENAMES (a Vulkan driver's json),
#      KEEP=1 (keep the unpacked temp dir).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
[ "$(uname -sm)" = "Linux x86_64" ] || { echo "run.sh: needs Linux x86-64, this is $(uname -sm)" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/torch7ts-gpu.XXXXXX")
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT

if [ -f "$HERE/payload.tar.xz" ]; then
  if command -v xz >/dev/null; then xz -dc "$HERE/payload.tar.xz" | tar -x -C "$WORK"
  elif command -v python3 >/dev/null; then python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1], "r:xz").extractall(sys.argv[2])' "$HERE/payload.tar.xz" "$WORK"
  else echo "run.sh: neither xz nor python3 is here to unpack payload.tar.xz" >&2; exit 1; fi
  APP=$WORK
elif [ -d "$HERE/app" ]; then APP=$HERE/app
else echo "run.sh: no payload.tar.xz or app/ next to run.sh (make it with benchmarks/gpu/pack.sh)" >&2; exit 1; fi
NODE=$APP/bin/node

# a library the target has (the dynamic linker's cache, else the usual directories)
LDCACHE=$( (ldconfig -p || /sbin/ldconfig -p) 2>/dev/null || true)
has_lib() {
  case $LDCACHE in *"$1 (libc6,x86-64"*) return 0 ;; esac
  for d in /usr/lib/x86_64-linux-gnu /usr/lib64 /lib64 /usr/lib /usr/local/lib; do [ -e "$d/$1" ] && return 0; done
  return 1
}
EXTRA=""
# libstdc++: the target's, unless it is too old for dawn.node (GLIBCXX_3.4.30)
if ! "$NODE" -e "require(process.argv[1])" "$APP/node_modules/webgpu/dist/linux-x64/dawn.node" 2>"$WORK/dawn.err" && grep -q GLIBCXX "$WORK/dawn.err"; then
  EXTRA=$APP/syslib/cxx; echo "run.sh: using the packed libstdc++ (the system's lacks $(grep -o 'GLIBCXX_[0-9.]*' "$WORK/dawn.err" | head -1))"
fi
# the Vulkan loader: the target's, else the packed one
if has_lib libvulkan.so.1; then VKLOADER=system
elif [ -f "$APP/syslib/vulkan/libvulkan.so.1" ]; then VKLOADER=packed; EXTRA=${EXTRA:+$EXTRA:}$APP/syslib/vulkan
else VKLOADER="none (WebGPU cannot load Vulkan)"; fi
[ -n "$EXTRA" ] && export LD_LIBRARY_PATH=$EXTRA${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}

# the Vulkan drivers (ICDs) the loader will see; NVIDIA's, written here when the driver library is
# present without its json (containers mounting only compute/utility libraries lack both)
ICDS=$(for d in /etc/vulkan /usr/share/vulkan /usr/local/share/vulkan $(echo "${XDG_DATA_DIRS:-}" | tr : ' ' | sed 's#\([^ ]\)\( \|$\)#\1/vulkan\2#g'); do
  ls "$d"/icd.d/*.json 2>/dev/null || true; done | sort -u | tr '\n' ' ')
if [ -z "${VK_ICD_FILENAMES:-}" ] && ! echo "$ICDS" | grep -qi nvidia && has_lib libGLX_nvidia.so.0; then
  printf '{"file_format_version":"1.0.0","ICD":{"library_path":"libGLX_nvidia.so.0","api_version":"1.3.0"}}\n' > "$WORK/nvidia_icd.json"
  export VK_ICD_FILENAMES=$WORK/nvidia_icd.json
  ICDS="$ICDS$VK_ICD_FILENAMES (written by run.sh)"
fi
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$WORK}
export TORCH7TS_GPU=${TORCH7TS_GPU:-webgpu,webasm}

echo "machine: $(uname -srm), $(nproc) cores$(command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null | head -1 | sed 's/^/, nvidia-smi: /')"
echo "vulkan loader: $VKLOADER; drivers: ${VK_ICD_FILENAMES:-${ICDS:-none found}}"
RESULTS=${RESULTS:-$HERE/results}
mkdir -p "$RESULTS" 2>/dev/null && [ -w "$RESULTS" ] || RESULTS=$WORK/results
set +e
"$NODE" "$APP/dist/benchmarks/gpu/main.js" --results="$RESULTS" "$@"
STATUS=$?
exit $STATUS
