#!/usr/bin/env bash
# The GPU check, for a machine lent by the device tool (../shared/device/README.md): build the
# Qt-free part (model library, CLI, benchmark, tests) against the machine's pip torch with CUDA,
# run the model tests, then the benchmark and the PyTorch reference on the GPU, and print a table.
# Logs and JSON go to $OUT (the device tool brings that folder back).
#
# Prepare here first: scripts/stage-gpu-deps.sh .gpu-deps && echo /.gpu-deps/ >> .git/info/exclude
# Run there:          scripts/gpu-check.sh        (device run with carry: [".gpu-deps"])
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-$PWD/gpu-check-out}
mkdir -p "$OUT"
torch_prefix=$(python3 -c 'import torch;print(torch.utils.cmake_prefix_path)')
torch_lib=$(python3 -c 'import torch,os;print(os.path.dirname(torch.__file__))')/lib
export LD_LIBRARY_PATH="$PWD/.gpu-deps/usr/lib/x86_64-linux-gnu:$torch_lib:${LD_LIBRARY_PATH:-}"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader > "$OUT/gpu.txt" || true
python3 -c 'import torch;print("torch", torch.__version__, "cuda", torch.version.cuda)' >> "$OUT/gpu.txt"

cmake -S . -B build-gpu -G "Unix Makefiles" -DCMAKE_BUILD_TYPE=Release -DGANSTUDIO_BUILD_GUI=OFF \
  -DCMAKE_PREFIX_PATH="$torch_prefix;$PWD/.gpu-deps/usr" > "$OUT/configure.log" 2>&1
cmake --build build-gpu -j16 > "$OUT/build.log" 2>&1 || { tail -40 "$OUT/build.log"; exit 1; }
(cd build-gpu && ctest -j8 --output-on-failure > "$OUT/tests.log" 2>&1) || echo "tests: see tests.log"
tail -3 "$OUT/tests.log"

cli=build-gpu/app/ganstudio-cli
bench() {  # name, then --set arguments
  local name=$1; shift
  "$cli" bench --device cuda --iterations 300 --warmup 30 --json "$OUT/ours-$name.json" "$@" \
    > "$OUT/ours-$name.txt" 2>&1 || cat "$OUT/ours-$name.txt"
}
bench seed-exact --set model.preset=seed
bench seed-exact-bf16 --set model.preset=seed --set training.precision=bf16
bench fast --set model.preset=seed --set training.loop=fast
bench fast-bf16 --set model.preset=seed --set training.loop=fast --set training.precision=bf16
python3 bench/pytorch_reference.py --device cuda --iterations 300 --warmup 30 \
  --variant plain --variant channels_last > "$OUT/ref-seed-exact.jsonl" 2> "$OUT/ref.log" || true
python3 bench/pytorch_reference.py --device cuda --iterations 300 --warmup 30 --loop fast \
  --variant plain --variant channels_last+bf16 > "$OUT/ref-fast.jsonl" 2>> "$OUT/ref.log" || true

python3 - "$OUT" <<'PY'
import json, os, sys
out = sys.argv[1]
def ours(name):
    try: return json.load(open(os.path.join(out, f"ours-{name}.json")))["median_ms_per_iteration"]
    except Exception: return float("nan")
ref = {}
for f in ("ref-seed-exact.jsonl", "ref-fast.jsonl"):
    try:
        for line in open(os.path.join(out, f)):
            d = json.loads(line); ref[(d["loop"], d["variant"])] = d["median_ms_per_iteration"]
    except Exception: pass
base = ref.get(("seed-exact", "plain"), float("nan"))
print(open(os.path.join(out, "gpu.txt")).read().strip())
print(f"{'configuration':34} {'ms/it':>8} {'÷ reference eager':>18}")
for name in ("seed-exact", "seed-exact-bf16", "fast", "fast-bf16"):
    print(f"ours {name:29} {ours(name):8.3f} {ours(name) / base:17.2f}x")
for (loop, variant), ms in sorted(ref.items()):
    print(f"reference {loop + ' ' + variant:24} {ms:8.3f} {ms / base:17.2f}x")
print("targets: seed preset <= 2.5 ms/iteration on an H100, and <= 0.5x the reference's eager loop")
PY
