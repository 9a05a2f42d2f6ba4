#!/usr/bin/env bash
# Runs each libFuzzer harness (tests/fuzz) for SECONDS (default 60) on its committed corpus
# (tests/fuzz/corpus/<name>, read only) plus what earlier runs found (build-asan/corpus/<name>),
# and prints a table: harness, executions, coverage (edges), corpus size, result.
#
#   scripts/fuzz.sh [SECONDS] [HARNESS...]      (after make fuzz, or cmake --preset asan && cmake --build --preset asan)
#
# A crash, leak, sanitizer finding, uncaught exception or (png, jpeg, npz) an allocation over
# 500 MB stops that harness, leaves the input in
# build-asan/artifacts/ and makes the script exit 1. Harnesses run one after another (each on
# one core); make fuzz builds them first.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(idx config checkpoint csv run_folder control watch png jpeg npz)
build=build-asan
mkdir -p "$build/artifacts" "$build/logs"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/sanitizers/lsan.supp}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=0
printf '%-12s %12s %8s %8s %s\n' harness executions coverage corpus result
for name in "${harnesses[@]}"; do
  binary="$build/tests/fuzz/fuzz_$name"
  [ -x "$binary" ] || { echo "no $binary: build the asan preset first (make fuzz)" >&2; exit 1; }
  mkdir -p "$build/corpus/$name"
  log="$build/logs/$name.log"
  result=ok
  max_len=65536
  [ "$name" = checkpoint ] && max_len=131072  # a tiny checkpoint is about 100 KB
  # The decoders and archives must refuse a bomb before allocating it: a malloc over 500 MB
  # (ASan's own memory aside) is a finding there. Elsewhere only a runaway is.
  limits=(-rss_limit_mb=4096)
  case $name in png | jpeg | npz) limits=(-rss_limit_mb=2048 -malloc_limit_mb=500) ;; esac
  "$binary" "$build/corpus/$name" "tests/fuzz/corpus/$name" -max_total_time="$seconds" \
    "${limits[@]}" -max_len=$max_len -timeout=30 -print_final_stats=1 \
    -artifact_prefix="$build/artifacts/$name-" > "$log" 2>&1 || { result="FAILED (see $log)"; failed=1; }
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo '?')
  corpus=$(ls "$build/corpus/$name" "tests/fuzz/corpus/$name" 2>/dev/null | grep -vc ':$' || true)
  printf '%-12s %12s %8s %8s %s\n' "$name" "$execs" "$cov" "$corpus" "$result"
done
exit $failed
