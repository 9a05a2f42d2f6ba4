#!/usr/bin/env bash
# The GPU check (issue 31), for a machine lent by the device tool (../shared/device/README.md):
# build the Qt-free part against the machine's pip torch with CUDA, then, within a time budget,
#   1. the CUDA tests (tests/model/cuda_test.cpp: a step, D frozen in G's step, resume, a checkpoint
#      CUDA -> CPU -> CUDA, bf16 autocast, every loss, conditional models, the fast loop);
#   2. the benchmark on cuda beside the PyTorch reference's eager loop (seed preset, batch 64);
#   3. the seed's 50,000 iterations, then 1,000 samples (seed 7), the grid and the quality meter;
#   4. a one-GPU data-parallel run through NCCL (--nproc 1);
#   5. the model tests on the CPU against this LibTorch, while time is left.
# Everything lands in $OUT: summary.txt (the table, read first), logs.tar.gz, results.tar.gz.
#
# Prepare here:  scripts/stage-gpu-deps.sh .gpu-deps && echo /.gpu-deps/ >> .git/info/exclude
# Run there:     scripts/gpu-check.sh   (device run, carry [".gpu-deps"], timeout ~ budget + 60 s)
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-$PWD/gpu-check-out}
BUDGET=${GPU_CHECK_BUDGET:-520}   # seconds for everything; later stages shrink or skip to fit
ITERATIONS=${GPU_CHECK_ITERATIONS:-50000}
DEVICE=${GPU_CHECK_DEVICE:-cuda}                 # cpu: a rehearsal of this script on a CPU machine
TIMED=${GPU_CHECK_TIMED:-500}                    # timed iterations per benchmark
WARMUP=${GPU_CHECK_WARMUP:-50}
# Stages to run: build (always: cheap when build-gpu is there), tests, speed, seed, nccl, model.
# Two calls on a warm machine split the work: STAGES="tests speed", then STAGES="seed nccl model".
STAGES=${GPU_CHECK_STAGES:-"tests speed seed nccl model"}
stage() { [[ " $STAGES " == *" $1 "* ]]; }
logs=$OUT/logs results=$OUT/results
mkdir -p "$logs" "$results"
t0=$(date +%s)
left() { echo $((BUDGET - ($(date +%s) - t0))); }
say() { echo "[$(($(date +%s) - t0)) s] $*" | tee -a "$OUT/summary.txt"; }
finish() {
  (cd "$OUT" && tar czf logs.tar.gz logs && tar czf results.tar.gz results && rm -rf logs results)
  exit 0
}
trap finish EXIT

deps=$PWD/.gpu-deps/usr
torch_prefix=$(python3 -c 'import torch;print(torch.utils.cmake_prefix_path)')
torch_lib=$(python3 -c 'import torch,os;print(os.path.dirname(torch.__file__))')/lib
# Only our programs see the staged libraries (python3 and cmake keep the machine's own).
ours() { LD_LIBRARY_PATH="$deps/lib/x86_64-linux-gnu:$torch_lib:${LD_LIBRARY_PATH:-}" "$@"; }
# jpeglib.h includes the multiarch jconfig.h: let the compiler find the staged one.
export CPATH="$deps/include/x86_64-linux-gnu:$deps/include${CPATH:+:$CPATH}"
export LIBRARY_PATH="$deps/lib/x86_64-linux-gnu${LIBRARY_PATH:-:}"

{ nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
  python3 -c 'import torch;print("torch", torch.__version__, "cuda", torch.version.cuda, "cudnn", torch.backends.cudnn.version())'
  nproc; } > "$logs/machine.txt" 2>&1
say "machine: $(tr '\n' ' ' < "$logs/machine.txt")"

# --- Build: the CLI and the CUDA tests first, the model tests after the GPU work ---------------
generator="Unix Makefiles"; keep_going=-k
command -v ninja > /dev/null && { generator=Ninja; keep_going="-k 0"; }
cmake -S . -B build-gpu -G "$generator" -DCMAKE_BUILD_TYPE=Release -DGANSTUDIO_BUILD_GUI=OFF -DGANSTUDIO_VIDEO=OFF \
  -DCMAKE_PREFIX_PATH="$torch_prefix;$deps" > "$logs/configure.log" 2>&1 ||
  { say "configure failed:"; tail -30 "$logs/configure.log" | tee -a "$OUT/summary.txt"; exit 1; }
cp -r build-gpu/probes "$logs/" 2>/dev/null
say "configured: $(grep -h 'GanStudio:' "$logs/configure.log" | tr '\n' ' ')"
cmake --build build-gpu -j16 --target ganstudio-cli cuda_tests -- $keep_going > "$logs/build.log" 2>&1
cli=build-gpu/app/ganstudio-cli
if [ ! -x "$cli" ] || [ ! -x build-gpu/tests/model/cuda_tests ]; then
  say "build failed; the first errors:"
  grep -n -B2 -A12 'error' "$logs/build.log" | head -150 >> "$OUT/summary.txt"
  exit 1
fi
say "built the CLI and the CUDA tests"

# --- 1. CUDA tests --------------------------------------------------------------------------------
if stage tests; then
ours build-gpu/tests/model/cuda_tests > "$logs/cuda-tests.log" 2>&1
say "cuda tests: $(grep -E '^\[  (PASSED|FAILED|SKIPPED) +\] [0-9]+ test' "$logs/cuda-tests.log" | tr '\n' ' ')"
grep -E '^\[  FAILED  \]|Failure|error' "$logs/cuda-tests.log" | head -30 >> "$OUT/summary.txt"
fi

# --- 2. Speed: ours and the reference, one after the other, nothing else running ------------------
if stage speed; then
bench() {  # name, then arguments
  local name=$1; shift
  ours "$cli" bench --device "$DEVICE" --iterations "$TIMED" --warmup "$WARMUP" --json "$results/ours-$name.json" \
    "$@" > "$logs/ours-$name.txt" 2>&1 || tail -5 "$logs/ours-$name.txt" >> "$OUT/summary.txt"
}
bench seed-exact --preset seed
bench seed-exact-bf16 --preset seed --no-peak --set training.precision=bf16
bench fast --preset seed --no-peak --set training.loop=fast
bench fast-bf16 --preset seed --no-peak --set training.loop=fast --set training.precision=bf16
TIMED=100 bench seed-exact-profile --preset seed --no-peak --profile 50
bench compact --preset compact --no-peak
python3 bench/pytorch_reference.py --device "$DEVICE" --iterations "$TIMED" --warmup "$WARMUP" --kernel-profile \
  --variant plain --variant channels_last --variant bf16 > "$results/ref-seed-exact.jsonl" 2> "$logs/ref.log"
python3 bench/pytorch_reference.py --device "$DEVICE" --iterations "$TIMED" --warmup "$WARMUP" --loop fast \
  --variant plain --variant channels_last+bf16 > "$results/ref-fast.jsonl" 2>> "$logs/ref.log"
python3 - "$results" >> "$OUT/summary.txt" <<'PY'
import json, os, sys
d = sys.argv[1]
def ours(name):
    try: return json.load(open(os.path.join(d, f"ours-{name}.json")))["median_ms_per_iteration"]
    except Exception: return float("nan")
ref = {}
for f in ("ref-seed-exact.jsonl", "ref-fast.jsonl"):
    try:
        for line in open(os.path.join(d, f)):
            r = json.loads(line)
            if "profile" in r:
                print(f"reference {r['loop']} {r['variant']}: kernels {r['kernel_ms_per_iteration']:.3f} ms "
                      f"and {r['kernels_per_iteration']:.0f} launches per iteration, wall "
                      f"{r['wall_ms_per_iteration_profiled']:.3f} ms under the profiler")
            else:
                ref[(r["loop"], r["variant"])] = r["median_ms_per_iteration"]
    except Exception: pass
base = ref.get(("seed-exact", "plain"), float("nan"))
print(f"{'configuration (seed preset, batch 64)':40} {'ms/it':>8} {'/ reference eager fp32':>24}")
for name in ("seed-exact", "seed-exact-bf16", "fast", "fast-bf16", "compact"):
    print(f"ours {name:35} {ours(name):8.3f} {ours(name) / base:23.2f}x")
for (loop, variant), ms in sorted(ref.items()):
    print(f"reference {loop + ' ' + variant:30} {ms:8.3f} {ms / base:23.2f}x")
print("targets: seed-exact fp32/TF32 <= 2.5 ms/it and <= 0.5x the reference's eager loop")
PY
say "speed measured"
fi

# --- 3. The seed's 50,000 iterations (seed-exact, fp32/TF32) -------------------------------------
if stage seed; then
ms=${GPU_CHECK_MS:-}
[ -n "$ms" ] || ms=$(python3 -c "import json;print(json.load(open('$results/ours-seed-exact.json'))['median_ms_per_iteration'])" 2>/dev/null || echo 5)
need=$(python3 -c "print(int($ITERATIONS * $ms * 1.25 / 1000 + 30))")
run=$PWD/runs/gpu-seed-50k  # outside $OUT: a second call on the same machine resumes it
limit=$(($(left) - 90))
say "seed run: $ITERATIONS iterations at ~$ms ms/it need ~$need s; $limit s allowed"
if [ "$limit" -lt 20 ]; then
  say "no time left for the seed run"
elif [ -f "$run/metrics.csv" ]; then
  ours "$cli" train --resume "$run" --quiet --time-limit "$limit" > "$logs/train-50k.log" 2>&1
else
  ours "$cli" train --set model.preset=seed --set training.device="$DEVICE" \
    --set training.iterations="$ITERATIONS" --out "$run" --quiet --time-limit "$limit" \
    > "$logs/train-50k.log" 2>&1
fi
tail -3 "$logs/train-50k.log" >> "$OUT/summary.txt"
last=$(tail -1 "$run/metrics.csv" 2>/dev/null | cut -d, -f1)
say "seed run reached iteration ${last:-none}"
if [ -d "$run" ]; then
  ours "$cli" sample --checkpoint "$run" --count 1000 --seed 7 --device "$DEVICE" --out "$results/samples-1000.idx" > "$logs/sample.log" 2>&1
  ours "$cli" sample --checkpoint "$run" --count 64 --seed 7 --device "$DEVICE" --out "$results/samples-64.png" >> "$logs/sample.log" 2>&1
  ours "$cli" export --from "$run" --grid "$results/seed-50k-grid.png" > "$logs/export.log" 2>&1
  ours "$cli" evaluate --samples "$results/samples-1000.idx" --json "$results/evaluate.json" > "$logs/evaluate.log" 2>&1
  cat "$logs/evaluate.log" >> "$OUT/summary.txt"
  cp "$run"/*.csv "$run"/*.yaml "$results/" 2>/dev/null
fi
fi

# --- 4. Data-parallel through NCCL on the one GPU ----------------------------------------------------
if stage nccl && [ "$(left)" -gt 60 ]; then
  ours timeout 60 "$cli" train --nproc 1 --set model.preset=seed --set training.device="$DEVICE" \
    --set training.distributed_backend=nccl --set training.iterations=300 --out "$OUT/nccl-run" --quiet \
    > "$logs/nccl.log" 2>&1
  say "nccl --nproc 1: exit $?, $(tail -1 "$OUT/nccl-run/metrics.csv" 2>/dev/null | cut -d, -f1) iterations; $(grep -h -i 'process' "$logs/nccl.log" | head -2 | tr '\n' ' ')"
  tail -5 "$logs/nccl.log" >> "$OUT/summary.txt"
fi

# --- 5. The model tests on the CPU against this LibTorch ---------------------------------------------
if stage model && [ "$(left)" -gt 100 ]; then
  timeout $(($(left) - 40)) cmake --build build-gpu -j16 --target model_tests -- $keep_going > "$logs/build-tests.log" 2>&1
  if [ -x build-gpu/tests/model/model_tests ]; then
    ours timeout $(($(left) - 10)) build-gpu/tests/model/model_tests > "$logs/model-tests.log" 2>&1
    say "model tests: $(grep -E '^\[  (PASSED|FAILED) +\] [0-9]+ test' "$logs/model-tests.log" | tr '\n' ' ')"
    grep -E '^\[  FAILED  \]' "$logs/model-tests.log" | head -20 >> "$OUT/summary.txt"
  else
    say "model tests did not build in time (see build-tests.log)"
  fi
fi
say "done"
