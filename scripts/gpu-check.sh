#!/usr/bin/env bash
# WebGPU on a lent NVIDIA machine (the `device` tool), in two steps.
#
#   scripts/gpu-check.sh prepare   # here: bundles the checks, packs dawn.node (+ node, Vulkan
#                                  # loader .debs) into node_modules/.cache/qoar-gpu (ignored)
#   scripts/gpu-check.sh run       # there: run with carry ["node_modules/.cache/qoar-gpu"]
#
# `run` reports, into $OUT (gpu-check.log, bench.jsonl): the GPU (nvidia-smi), whether node exists
# (else it unpacks the carried one), whether Dawn finds the NVIDIA GPU through Vulkan (adapter
# info), the kernel suite on Node+Dawn (webgpu vs cpu: amplitudes 1e-5, gradients 1e-4 relative,
# in child processes with a timeout, judged on what each child printed before teardown), and the
# benchmark: a 1-qubit gate and layered-10 at n = 20..28, many gates per command stream, with the
# achieved bandwidth (2 x 8 x 2^n bytes per gate). Target: >= 70% of the memory bandwidth at n >= 24.
set -uo pipefail
cd "$(dirname "$0")/.."
C=node_modules/.cache/qoar-gpu

prepare() {
  set -e
  rm -rf "$C" && mkdir -p "$C/node_modules/webgpu/dist/linux-x64" "$C/gl"
  for f in webgpu-node-child webgpu-bench-child; do
    npx esbuild "scripts/$f.ts" --bundle --platform=node --format=esm --target=node20 \
      --external:webgpu --outfile="$C/$f.mjs" --log-level=warning
  done
  cp node_modules/webgpu/index.js node_modules/webgpu/package.json "$C/node_modules/webgpu/"
  gzip -c node_modules/webgpu/dist/linux-x64/dawn.node >"$C/dawn.node.gz"
  gzip -c "$(readlink -f "$(command -v node)")" >"$C/node.gz"
  # the Vulkan/EGL loaders, in case the machine lacks them (see the device tool's README)
  local o='-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/qoar-amd64'
  mkdir -p /tmp/qoar-amd64/partial
  # shellcheck disable=SC2086
  (apt-get $o update -qq && cd "$C/gl" && apt-get $o download libvulkan1 libegl1 libglvnd0) ||
    echo "could not download the loader .debs; the machine's own must do"
  du -sh "$C"
  echo 'now: device run, carry ["node_modules/.cache/qoar-gpu"], command "scripts/gpu-check.sh run"'
}

run() {
  local out="${OUT:-/tmp/qoar-gpu-out}"
  mkdir -p "$out"
  exec > >(tee "$out/gpu-check.log") 2>&1
  echo "== GPU"; nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.max.memory --format=csv || true
  echo "== node"
  local NODE
  if command -v node >/dev/null; then NODE=node; else
    echo "no node on this machine: unpacking the carried one"
    gzip -dc "$C/node.gz" >/tmp/node && chmod +x /tmp/node && NODE=/tmp/node
  fi
  "$NODE" --version || { echo "node does not run here"; return 1; }
  gzip -dc "$C/dawn.node.gz" >"$C/node_modules/webgpu/dist/linux-x64/dawn.node"
  echo "== Vulkan"
  if ! ldconfig -p | grep -q libvulkan.so.1; then
    for f in "$C"/gl/*.deb; do dpkg -x "$f" /; done; ldconfig
  fi
  ldconfig -p | grep -E "libvulkan.so.1|libEGL.so.1" || echo "no Vulkan loader"
  for icd in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json /etc/vulkan/icd.d/nvidia_icd.json; do
    [ -f "$icd" ] && export VK_DRIVER_FILES="$icd" && echo "ICD $icd" && break
  done
  export XDG_RUNTIME_DIR=/tmp/qoar-xdg && mkdir -p -m 700 "$XDG_RUNTIME_DIR"
  echo "== Dawn adapter"
  (cd "$C" && timeout 60 "$NODE" --input-type=module -e '
    import { create } from "webgpu";
    const a = await create([]).requestAdapter({ powerPreference: "high-performance" });
    console.log(a ? JSON.stringify({ info: { vendor: a.info.vendor, architecture: a.info.architecture, device: a.info.device, description: a.info.description }, maxStorageBufferBindingSize: a.limits.maxStorageBufferBindingSize, maxBufferSize: a.limits.maxBufferSize }) : "NO ADAPTER");
    process.exit(0);') || echo "Dawn adapter probe failed (exit $?)"
  echo "== kernel suite on Node+Dawn (child processes, 120 s each)"
  local ok=0 runs=0
  for cfg in "12 100" "16 100" "20 60" "22 40"; do
    set -- $cfg
    runs=$((runs + 1))
    line=$(cd "$C" && QOAR_N=$1 QOAR_DEPTH=$2 QOAR_TEARDOWN=exit timeout 120 "$NODE" webgpu-node-child.mjs 2>&1 | tee -a "$out/kernels.log" | grep '^RESULT ')
    if [ -z "$line" ]; then echo "n=$1 depth=$2: NO RESULT"; continue; fi
    verdict=$("$NODE" -e 'const r = JSON.parse(process.argv[1].slice(7)); console.log(r.ampErr <= 1e-5 && r.gradRelErr <= 1e-4 ? "PASS" : "FAIL")' "$line")
    echo "n=$1 depth=$2: $verdict $line"
    [ "$verdict" = PASS ] && ok=$((ok + 1))
  done
  echo "kernel runs that passed (amplitudes 1e-5, gradients 1e-4 relative vs cpu): $ok/$runs"
  echo "== benchmark n=20..28"
  (cd "$C" && QOAR_NMIN=${QOAR_NMIN:-20} QOAR_NMAX=${QOAR_NMAX:-28} timeout 300 "$NODE" webgpu-bench-child.mjs) | tee "$out/bench.jsonl"
  echo "== bandwidth against the card's peak (target: >= 70% for the 1-qubit gate at n >= 24)"
  local gpuname
  gpuname=$(nvidia-smi --query-gpu=name --format=csv,noheader 2>/dev/null | head -1)
  "$NODE" -e '
    // peak HBM bandwidth (GB/s) by product name (NVIDIA data sheets)
    const peaks = [[/H200/, 4800], [/H100.*NVL/, 3900], [/H100.*PCIe/, 2000], [/H100/, 3350], [/A100.*80/, 2039], [/A100/, 1555]];
    const name = process.argv[1] || "";
    const peak = (peaks.find(([re]) => re.test(name)) || [null, 0])[1];
    const lines = require("fs").readFileSync(process.argv[2], "utf8").split("\n").filter((l) => l.startsWith("{"));
    if (!peak) console.log(`unknown peak bandwidth for "${name}": compare gbps yourself`);
    for (const r of lines.map((l) => JSON.parse(l)).filter((r) => r.case === "gate-ry")) {
      const pct = peak ? (100 * r.gbps_gpu) / peak : NaN;
      const verdict = r.n >= 24 && peak ? (pct >= 70 ? "PASS" : "BELOW TARGET") : "";
      console.log(`n=${r.n}: ${r.gbps.toFixed(0)} GB/s wall, ${r.gbps_gpu.toFixed(0)} GB/s GPU${peak ? ` = ${pct.toFixed(1)}% of ${peak} GB/s` : ""} ${verdict}`);
    }' "$gpuname" "$out/bench.jsonl"
  echo "== done"
}

case "${1:-}" in
  prepare) prepare ;;
  run) run ;;
  *) echo "usage: scripts/gpu-check.sh prepare|run" >&2; exit 2 ;;
esac
