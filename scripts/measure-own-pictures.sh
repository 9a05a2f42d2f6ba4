#!/usr/bin/env bash
# Trains the CPU default on a folder of one's own pictures (by default the icons that
# scripts/make-icon-set.sh builds) at 64 x 64 in colour with each training.augment (diffaugment,
# ada, off), MINUTES each, one after the other, and prints the quality meter's figures over the
# run, the speed, D's dominance and the health warnings.
# For docs/PERFORMANCE.md; run it on a quiet machine (nothing else training).
#
#   scripts/measure-own-pictures.sh [FOLDER] [MINUTES] [OUT]
set -euo pipefail
cd "$(dirname "$0")/.."
folder=${1:-data/icons}
minutes=${2:-10}
out=${3:-/tmp/own-pictures}
cli=build/app/ganstudio-cli
[ -x "$cli" ] || { echo "build first: make build" >&2; exit 1; }
[ -d "$folder" ] || scripts/make-icon-set.sh "$folder"
mkdir -p "$out"
for augment in ${AUGMENT:-diffaugment ada off}; do
  run="$out/$augment"
  rm -rf "$run"
  "$cli" train --quiet --out "$run" --time-limit $((minutes * 60)) \
    --set "data.path=$folder" --set data.channels=3 --set data.image_size=64 \
    --set "training.augment=$augment" --set outputs.sample_every=500
  iterations=$(($(wc -l < "$run/metrics.csv") - 1))
  echo "== training.augment=$augment: $iterations iterations in $minutes min" \
       "($(awk -v n="$iterations" -v m="$minutes" 'BEGIN { printf "%.1f", n / (m * 60) }') it/s)"
  echo "   quality (iteration, fd, classes, classes covered, precision, recall):"
  tail -n +2 "$run/quality.csv" | cut -d, -f1,3,4,5,8,9 | tr '\n' ' ' | fold -s -w 96 |
    sed 's/^/     /'
  echo
  echo "   D accuracy >= 0.95 in $(awk -F, 'NR > 1 { n++; if ($3 >= 0.95) d++ }
    END { printf "%.0f%%", 100 * d / n }' "$run/metrics.csv") of iterations;" \
       "augmentation strength at the end: $(tail -n 1 "$run/metrics.csv" | cut -d, -f12)"
  echo "   health warnings: $(($(wc -l < "$run/health.csv" 2>/dev/null || echo 1) - 1))" \
       "($(cut -d, -f2 "$run/health.csv" 2>/dev/null | tail -n +2 | sort | uniq -c | tr '\n' ' '))"
  echo "   newest grid: $(ls "$run"/samples/*.png | tail -n 1)"
done
