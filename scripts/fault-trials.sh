#!/usr/bin/env bash
# Fault trials against the real programs: kills, Ctrl-C, a full disk, two trainers on one folder
# and closing the window while it trains. Each trial checks what a person relies on afterwards:
# the newest checkpoint loads, every iteration up to it has its metrics row (1, 2, 3, ... with no
# gap or repeat), no temporary file is left once the folder is reopened, and the run resumes.
# Prints one line per kind: trials, passes, failures; exits 1 if any failed.
#
#   scripts/fault-trials.sh [--kill N] [--ctrl-c N] [--window N] [--hostile N] [--keep DIR]
#
# Hostile files (--hostile, default 3): while a trainer runs, its control/ folder gets a link to
# /dev/zero, a link to a secret, a FIFO, a huge file and a folder, all named like requests; the
# trainer must name each, quote none, keep training and stay under 500 MB; `runs` must list a
# folder whose metrics.csv is a FIFO as damaged, at once; a data folder holding PNG and npz bombs
# must train on what it can and stay under 500 MB.
# Defaults: 50 kills, 30 Ctrl-C, 20 window closes, 1 disk-full trial (needs root for a 3 MB
# tmpfs; skipped with a message otherwise), 3 two-trainer trials. Needs build/app/ganstudio-cli
# (and build/app/ganstudio for the window trials).
set -uo pipefail
# Job control: without it, bash starts background commands with SIGINT ignored, and a Ctrl-C trial
# that lands before the program installs its handler would test nothing.
set -m
cd "$(dirname "$0")/.."
kills=50; ctrlcs=30; windows=20; hostile=3; keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --kill) kills=$2; shift 2 ;;
    --ctrl-c) ctrlcs=$2; shift 2 ;;
    --window) windows=$2; shift 2 ;;
    --hostile) hostile=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
cli=$PWD/build/app/ganstudio-cli
gui=$PWD/build/app/ganstudio
[ -x "$cli" ] || cli=$PWD/build-headless/app/ganstudio-cli
[ -x "$cli" ] || { echo "build first (make build)" >&2; exit 1; }
work=${keep:-$(mktemp -d)}
mkdir -p "$work"
[ -n "$keep" ] || trap 'rm -rf "$work"' EXIT
tiny=(--set model.preset=compact --set model.noise_dim=8 --set "model.g_widths=[16, 8, 4]"
      --set "model.d_widths=[4, 8, 16]" --set training.batch_size=8 --set training.threads=1
      --set training.device=cpu --set outputs.sample_every=3 --set outputs.checkpoint_every=4
      --set quality.every=0)

declare -A trials passes
note() { echo "  $1: $2" >> "$work/failures.txt"; }

# The newest checkpoint's iteration (0 when there is none).
newest() {
  local c
  c=$(ls "$1/checkpoints" 2>/dev/null | grep -E '^iter_[0-9]+\.pt$' | sort | tail -1)
  [ -n "$c" ] && echo $((10#${c:5:7})) || echo 0
}

# Rows 1..N present in order, no repeats (N = argument 2); also the header once.
rows_ok() {  # run N
  awk -F, -v n="$2" 'NR == 1 { if ($1 != "iteration") bad = 1; next }
    { if ($1 != NR - 1) bad = 1; rows = NR - 1 }
    END { exit (bad || rows < n) ? 1 : 0 }' "$1/metrics.csv" 2>/dev/null
}

check_folder() {  # kind run: the post-fault checks, then a resume of 2 more iterations
  local kind=$1 run=$2 n
  # Stopped before the folder was made: nothing was written, so nothing can be lost.
  [ -d "$run" ] || return 0
  n=$(newest "$run")
  if [ "$n" -gt 0 ]; then
    "$cli" sample --checkpoint "$run" --count 1 --out "$run.check.idx" > /dev/null 2>&1 ||
      { note "$kind" "$run: newest checkpoint (iteration $n) does not load"; return 1; }
    # Rows up to the checkpoint: none missing (rows after it may exist; resume drops them).
    awk -F, -v n="$n" 'NR > 1 && $1 <= n { if ($1 != ++seen) bad = 1 }
      END { exit (bad || seen < n) ? 1 : 0 }' "$run/metrics.csv" ||
      { note "$kind" "$run: metrics rows missing up to iteration $n"; return 1; }
  fi
  "$cli" train --resume "$run" --set training.iterations=$((n + 2)) --quiet > "$run.resume.log" 2>&1 ||
    { note "$kind" "$run: resume failed: $(tail -1 "$run.resume.log")"; return 1; }
  rows_ok "$run" $((n + 2)) || { note "$kind" "$run: rows not 1..$((n + 2)) after resume"; return 1; }
  if find "$run" -name '.*.tmp-*' | grep -q .; then
    note "$kind" "$run: temporary files left after reopening"; return 1
  fi
  return 0
}

count() {  # kind ok?
  trials[$1]=$(( ${trials[$1]:-0} + 1 ))
  [ "$2" = 0 ] && passes[$1]=$(( ${passes[$1]:-0} + 1 ))
}

random_delay() { awk -v s="$RANDOM" 'BEGIN { srand(s); printf "%.2f", rand() * 3 }'; }

# Waits until the run folder exists (start-up done: LibTorch loaded, data read), at most 60 s.
await_folder() { for _ in $(seq 1 600); do [ -f "$1/config.yaml" ] && return; sleep 0.1; done; }

# Starts a long training into `run`, sends `signal` at a random moment and returns its exit code:
# trial `i` one in five during start-up (from launch), the rest while it trains (from the folder's
# birth).
train_and_signal() {  # run i signal
  "$cli" train "${tiny[@]}" --set training.iterations=100000 --out "$1" --quiet > "$1.log" 2>&1 &
  local pid=$!
  [ $(($2 % 5)) = 0 ] || await_folder "$1"
  sleep "$(random_delay)"
  kill "-$3" "$pid" 2> /dev/null
  wait "$pid" 2> /dev/null
}

for i in $(seq 1 "$kills"); do
  run="$work/kill-$i"
  train_and_signal "$run" "$i" KILL
  check_folder kill "$run"; count "kill -9" $?
done

for i in $(seq 1 "$ctrlcs"); do
  run="$work/ctrlc-$i"
  train_and_signal "$run" "$i" INT; code=$?
  ok=0
  # A Ctrl-C before main() (the dynamic loader still mapping LibTorch) ends the process by the
  # signal before it wrote anything: nothing lost. Anything later must exit 0.
  if [ "$code" = 130 ] && [ ! -d "$run" ]; then code=0; echo >> "$work/before-main.txt"; fi
  [ "$code" = 0 ] || { note "ctrl-c" "$run: exit $code: $(tail -1 "$run.log")"; ok=1; }
  if [ "$ok" = 0 ] && [ "$(newest "$run")" -gt 0 ]; then
    # Ctrl-C promises a checkpoint of everything trained: rows and checkpoint agree exactly.
    rows=$(($(wc -l < "$run/metrics.csv") - 1))
    [ "$rows" = "$(newest "$run")" ] || { note "ctrl-c" "$run: $rows rows, checkpoint $(newest "$run")"; ok=1; }
  fi
  [ "$ok" = 0 ] && { check_folder ctrl-c "$run"; ok=$?; }
  count "Ctrl-C" "$ok"
done

if [ "$(id -u)" = 0 ]; then
  mnt="$work/full"
  mkdir -p "$mnt"
  if mount -t tmpfs -o size=3m tmpfs "$mnt" 2> /dev/null; then
    run="$mnt/run"
    "$cli" train "${tiny[@]}" --set outputs.sample_every=1 --set outputs.checkpoint_every=1 \
      --set outputs.keep_checkpoints=0 --set training.iterations=100000 --out "$run" --quiet \
      > "$work/full.log" 2>&1; code=$?
    ok=0
    [ "$code" = 1 ] || { note "disk full" "exit $code"; ok=1; }
    grep -q "No space left" "$work/full.log" || { note "disk full" "no clear message: $(tail -1 "$work/full.log")"; ok=1; }
    # Make room (as a person would), then the folder must be consistent and resumable.
    rm -f "$run"/samples/*.png
    ls "$run"/checkpoints/iter_*.pt 2> /dev/null | sort | head -n -1 | xargs -r rm -f
    [ "$ok" = 0 ] && { check_folder "disk full" "$run"; ok=$?; }
    count "disk full" "$ok"
    umount "$mnt"
  else
    echo "disk full: skipped (cannot mount a tmpfs here)" >&2
  fi
else
  echo "disk full: skipped (needs root for a 3 MB tmpfs)" >&2
fi

for i in 1 2 3; do
  run="$work/two-$i"
  "$cli" train "${tiny[@]}" --set training.iterations=100000 --out "$run" --quiet > "$run.a.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do [ -f "$run/config.yaml" ] && break; sleep 0.1; done
  "$cli" train "${tiny[@]}" --set training.iterations=50 --out "$run" --quiet > "$run.b.log" 2>&1; code=$?
  ok=0
  { [ "$code" = 1 ] && grep -q "in use by process $pid" "$run.b.log"; } ||
    { note "two trainers" "second got exit $code: $(tail -1 "$run.b.log")"; ok=1; }
  kill -INT "$pid"; wait "$pid" || { note "two trainers" "first failed"; ok=1; }
  rows_ok "$run" "$(newest "$run")" || { note "two trainers" "$run: rows not 1..N"; ok=1; }
  count "two trainers" "$ok"
done

# The peak resident memory of a process so far, in MB (VmHWM).
peak_mb() { awk '/^VmHWM:/ { printf "%d", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo 0; }

for i in $(seq 1 "$hostile"); do
  run="$work/hostile-$i"
  "$cli" train "${tiny[@]}" --set training.iterations=100000 --out "$run" > "$run.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do [ -f "$run/control/status" ] && break; sleep 0.1; done
  echo "root:\$6\$secret-hash-$i:19000:0:99999:7:::" > "$work/secret-$i"
  ln -s /dev/zero "$run/control/a-zero.request"
  ln -s "$work/secret-$i" "$run/control/b-secret.request"
  mkfifo "$run/control/c-fifo.request"
  head -c 10000000 /dev/zero > "$run/control/d-big.request"
  mkdir -p "$run/control/e-folder.request/inside"
  status_iteration() { awk '/^iteration:/ { print $2 }' "$run/control/status"; }
  before=$(status_iteration)
  # Within a few polls (50 ms each) every one is named, and training goes on.
  for _ in $(seq 1 100); do grep -q "e-folder.request" "$run.log" && break; sleep 0.1; done
  sleep 2.5  # the status is written every 2 s while training
  ok=0
  for name in a-zero b-secret c-fifo d-big e-folder; do
    grep -q "$name.request" "$run.log" || { note "hostile files" "$run: $name not named"; ok=1; }
  done
  grep -q "secret-hash" "$run.log" && { note "hostile files" "$run: the secret reached the log"; ok=1; }
  after=$(status_iteration)
  [ "${after:-0}" -gt "${before:-0}" ] || { note "hostile files" "$run: training stopped at $before"; ok=1; }
  mb=$(peak_mb "$pid")
  [ "$mb" -lt 500 ] || { note "hostile files" "$run: trainer peaked at $mb MB"; ok=1; }
  echo "$mb" >> "$work/hostile-peaks.txt"
  kill -INT "$pid"; wait "$pid" || { note "hostile files" "$run: trainer failed"; ok=1; }
  [ "$ok" = 0 ] && { check_folder "hostile files" "$run"; ok=$?; }
  # `runs` on a folder whose metrics.csv is a FIFO: listed as damaged, at once.
  mkdir -p "$work/runs-$i" && cp -r "$run" "$work/runs-$i/fifo" && rm "$work/runs-$i/fifo/metrics.csv"
  mkfifo "$work/runs-$i/fifo/metrics.csv"
  timeout 20 "$cli" runs "$work/runs-$i" > "$work/runs-$i.txt" 2>&1 ||
    { note "hostile files" "runs-$i: runs failed or hung"; ok=1; }
  grep -q "damaged" "$work/runs-$i.txt" || { note "hostile files" "runs-$i: not marked damaged"; ok=1; }
  count "hostile files" "$ok"
done
if [ "$hostile" -gt 0 ]; then
  # Bombs in a data folder: a 100,000 x 100,000 PNG header among real pictures, and an npz whose
  # million 1-pixel images would be 784 MB at 28 x 28.
  data="$work/bombs"
  mkdir -p "$data"
  python3 - "$data" <<'PY'
import struct, sys, zipfile, zlib
d = sys.argv[1]
def chunk(t, b): return struct.pack('>I', len(b)) + t + b + struct.pack('>I', zlib.crc32(t + b) & 0xffffffff)
def png(w, h, rows): return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 0, 0, 0, 0))
                            + chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))
open(d + '/bomb.png', 'wb').write(png(100000, 100000, b'\0' * 10))
for i in range(20):
    open(d + '/digit-%02d.png' % i, 'wb').write(png(28, 28, b''.join(b'\0' + bytes((x * i + y) & 255 for x in range(28)) for y in range(28))))
h = "{'descr': '|u1', 'fortran_order': False, 'shape': (1000000, 1, 1), }"
h += ' ' * (-(10 + len(h) + 1) % 64) + '\n'
with zipfile.ZipFile(d + '.npz', 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('x_train.npy', b'\x93NUMPY\x01\x00' + struct.pack('<H', len(h)) + h.encode() + bytes(1000000))
PY
  ok=0
  /usr/bin/time -f "%M" -o "$work/bombs.mem" "$cli" train "${tiny[@]}" --set training.iterations=3 \
    --set data.path="$data" --out "$work/bombs-run" > "$work/bombs.log" 2>&1 ||
    { note "bombs" "the folder with a PNG bomb did not train"; ok=1; }
  grep -q "100000 x 100000 pixels" "$work/bombs.log" || { note "bombs" "the PNG bomb not listed"; ok=1; }
  mb=$(( $(cat "$work/bombs.mem") / 1024 ))
  [ "$mb" -lt 500 ] || { note "bombs" "the PNG bomb's folder peaked at $mb MB"; ok=1; }
  echo "png bomb: $mb MB" >> "$work/bomb-peaks.txt"
  /usr/bin/time -f "%M" -o "$work/npz.mem" "$cli" train "${tiny[@]}" --set training.iterations=3 \
    --set data.path="$data.npz" --out "$work/npz-run" > "$work/npz.log" 2>&1 &&
    { note "bombs" "the npz bomb trained"; ok=1; }
  grep -q "likely decompression bomb" "$work/npz.log" || { note "bombs" "the npz bomb not named"; ok=1; }
  mb=$(( $(tail -1 "$work/npz.mem") / 1024 ))
  [ "$mb" -lt 500 ] || { note "bombs" "the npz bomb peaked at $mb MB"; ok=1; }
  echo "npz bomb: $mb MB" >> "$work/bomb-peaks.txt"
  count "bombs" "$ok"
fi

saved=0
if [ -x "$gui" ] && [ "$windows" -gt 0 ]; then
  for i in $(seq 1 "$windows"); do
    run="$work/window-$i"
    delay=$(awk -v s="$RANDOM" 'BEGIN { srand(s); printf "%.1f", 2 + rand() * 6 }')
    start=$(date +%s.%N)
    # Closed as a person closes it, while it trains; odd trials answer "Save and Quit", even ones
    # "Quit Without Saving".
    choice=save; [ $((i % 2)) = 0 ] && choice=discard
    QT_QPA_PLATFORM=offscreen timeout 90 "$gui" "${tiny[@]}" --set training.iterations=100000 \
      --set outputs.run_dir="$run" --start --close-after "$delay" --close-choice "$choice" \
      > "$run.log" 2>&1; code=$?
    took=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    ok=0
    [ "$code" = 0 ] || { note "window close" "$run: exit $code after ${took}s"; ok=1; }
    if [ "$ok" = 0 ] && [ "$choice" = save ] && [ -f "$run/metrics.csv" ]; then
      # Asked to save: the newest checkpoint is the last iteration trained.
      last=$(tail -1 "$run/metrics.csv" | cut -d, -f1)
      [ "$last" = iteration ] && last=0
      [ "$(newest "$run")" = "$last" ] ||
        { note "window close" "$run: saved at $(newest "$run"), trained to $last"; ok=1; }
      [ "$last" != 0 ] && saved=$((saved + 1))
    fi
    [ "$ok" = 0 ] && { check_folder "window close" "$run"; ok=$?; }
    count "window close" "$ok"
    echo "$took" >> "$work/window-times.txt"
  done
fi

printf '\n%-14s %7s %7s %9s\n' kind trials passes failures
for kind in "kill -9" "Ctrl-C" "disk full" "two trainers" "hostile files" "bombs" "window close"; do
  t=${trials[$kind]:-0}; p=${passes[$kind]:-0}
  [ "$t" -gt 0 ] && printf '%-14s %7d %7d %9d\n' "$kind" "$t" "$p" $((t - p))
done
[ -f "$work/before-main.txt" ] &&
  echo "Ctrl-C: $(wc -l < "$work/before-main.txt") trials landed before main() (ended by the signal, nothing written)"
[ -f "$work/hostile-peaks.txt" ] &&
  echo "hostile files: the trainer peaked at $(sort -n "$work/hostile-peaks.txt" | tail -1) MB at most"
[ -f "$work/bomb-peaks.txt" ] && echo "bombs: $(paste -sd, "$work/bomb-peaks.txt" | sed 's/,/, /g') at peak"
if [ -f "$work/window-times.txt" ]; then
  sort -g "$work/window-times.txt" | awk '{ a[NR] = $1 } END { printf "window close: quit took %.1f s median, %.1f s at most\n", a[int((NR + 1) / 2)], a[NR] }'
  echo "window close: $saved closes answered \"Save and Quit\" after training had begun, each left a checkpoint at its last iteration"
fi
if [ -s "$work/failures.txt" ]; then
  echo; echo "failures:"; cat "$work/failures.txt"; exit 1
fi
