#!/usr/bin/env bash
# The README's picture of a report: a baseline and a branch of it with a slower D, trained with
# ganstudio-cli, a note on the baseline, `ganstudio-cli report` of both, then the file opened in
# headless Chromium (Debian's chromium package: make dev-deps) for a screenshot of its first screen
# and printed to PDF (A4) to count its pages. Not a ctest test: it needs a browser.
# Usage: scripts/screenshot-report.sh [OUTPUT.png] [REPORT.html]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/images/report.png}
source scripts/common.sh
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "no chromium: install it (make dev-deps)" >&2; exit 1; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
report=${2:-$scratch/report.html}
runs=$scratch/runs
common=(--quiet --set model.preset=compact --set training.threads=2 --set outputs.sample_every=25
        --set quality.every=100 --set outputs.checkpoint_every=100 --set outputs.keep_every=100)
"$cli" train "${common[@]}" --out "$runs/baseline" --set training.iterations=600 > /dev/null
"$cli" train --quiet --branch "$runs/baseline@300" --out "$runs/slow-d" \
  --set training.learning_rate_d=0.0001 > /dev/null
"$cli" runs --rename "$runs/slow-d" --name "slow D (branch)" > /dev/null
"$cli" runs --note "$runs/baseline" "# Baseline
Compact preset, fast loop, **lr 4e-4** for both networks.

- digits readable from iteration 300
- D wins almost every batch: try a slower D (see the branch)" > /dev/null
"$cli" report "$runs/baseline" "$runs/slow-d" --out "$report"
mkdir -p "$(dirname "$out")"
# As root Chromium needs --no-sandbox; --hide-scrollbars keeps the picture clean.
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,1500 \
  --screenshot="$out" "file://$(realpath "$report")" 2> /dev/null
"$browser" --headless --no-sandbox --disable-gpu --print-to-pdf="$scratch/report.pdf" \
  --no-pdf-header-footer "file://$(realpath "$report")" 2> /dev/null
pages=$(grep -a -c "/Type /Page$\|/Type /Page[^s]" "$scratch/report.pdf" || true)
echo "saved $out; the report prints on $pages A4 pages"
