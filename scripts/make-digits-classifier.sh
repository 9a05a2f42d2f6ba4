#!/usr/bin/env bash
# Rebuilds resources/quality/digits-classifier.bin, the quality meter's classifier for the embedded
# digits, which GanStudio ships: trained on 8,000 of the 10,000 embedded digits (a fixed split),
# its accuracy on the other 2,000 printed. Deterministic: the same build and thread count give the
# same file, bit for bit. Rebuild GanStudio afterwards to embed the new file.
# Usage: scripts/make-digits-classifier.sh [OUT]
set -euo pipefail
cd "$(dirname "$0")/.."
cli=build/app/ganstudio-cli
[ -x "$cli" ] || cli=build-headless/app/ganstudio-cli
[ -x "$cli" ] || { echo "build first (make build, or cmake --preset headless)" >&2; exit 1; }
out=${1:-resources/quality/digits-classifier.bin}
"$cli" classifier --data embedded --threads 2 --out "$out"
sha256sum "$out"
