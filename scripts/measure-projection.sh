#!/usr/bin/env bash
# Issue 29's projection figure: the CPU default trained MINUTES (default 5) on the embedded digits
# less 20 held out (2 of each class), then each held-out digit projected with `ganstudio-cli
# project`; prints how many projections the quality meter's classifier reads as the true digit and
# the mean pixel error. Usage: scripts/measure-projection.sh [MINUTES] [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-5}
out=${2:-$(mktemp -d)}
source scripts/common.sh
mkdir -p "$out/held-out"
python3 - "$out" <<'PY'
import gzip, random, struct, sys, zlib
out = sys.argv[1]
images = gzip.open("resources/data/digits-images-idx3-ubyte.gz").read()
labels = gzip.open("resources/data/digits-labels-idx1-ubyte.gz").read()
count = struct.unpack(">I", images[4:8])[0]
pixels = [images[16 + i * 784:16 + (i + 1) * 784] for i in range(count)]
classes = list(labels[8:8 + count])
random.seed(29)
held = []
for digit in range(10):
    held += random.sample([i for i in range(count) if classes[i] == digit], 2)
keep = [i for i in range(count) if i not in set(held)]
with open(f"{out}/train-images-idx3-ubyte", "wb") as f:
    f.write(struct.pack(">IIII", 0x803, len(keep), 28, 28) + b"".join(pixels[i] for i in keep))
with open(f"{out}/train-labels-idx1-ubyte", "wb") as f:
    f.write(struct.pack(">II", 0x801, len(keep)) + bytes(classes[i] for i in keep))
def png(path, data):
    raw = b"".join(b"\0" + data[y * 28:(y + 1) * 28] for y in range(28))
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 28, 28, 8, 0, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
for n, i in enumerate(held):
    png(f"{out}/held-out/{n:02d}-digit{classes[i]}.png", pixels[i])
PY
run=$out/run
[ -f "$run/metrics.csv" ] || "$cli" train --quiet --set data.path="$out/train-images-idx3-ubyte" \
  --set training.iterations=100000000 --time-limit $((minutes * 60)) --out "$run"
agree=0; total=0; errors=()
for picture in "$out"/held-out/*.png; do
  truth=${picture##*digit}; truth=${truth%.png}
  line=$("$cli" project "$picture" --checkpoint "$run" --out "${picture%.png}.z.txt" \
    --png "${picture%.png}.projection.png" 2>/dev/null)
  read_as=$(sed -n 's/.*its projection as class \([0-9]*\).*/\1/p' <<<"$line")
  error=$(sed -n 's/.*: pixel error \([0-9.]*\) (from.*/\1/p' <<<"$line")
  errors+=("$error"); total=$((total + 1))
  [ "$read_as" = "$truth" ] && agree=$((agree + 1))
  echo "digit $truth: projection read as $read_as, pixel error $error"
done
mean=$(printf '%s\n' "${errors[@]}" | awk '{s += $1} END {printf "%.4f", s / NR}')
echo "$agree of $total projections read as the true digit; mean pixel error $mean (run: $run)"
