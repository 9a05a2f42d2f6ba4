#!/usr/bin/env bash
# The README's pictures of issue 15, each from a run trained in the window under xvfb-run:
#   docs/images/conditional.png  a conditional run on the embedded digits: a row per digit in the
#                                grid, the explorer drawing a 7, the path from a 3 to that 7
#   docs/images/rgb-shapes.png   a conditional, hinge-loss run on 64 x 64 RGB pictures
#                                (scripts/make-shapes.py: circles, squares, triangles)
# Usage: scripts/screenshot-conditional.sh [DIGITS_SECONDS] [SHAPES_SECONDS]   (default 240 300)
set -euo pipefail
cd "$(dirname "$0")/.."
digits_s=${1:-240}
shapes_s=${2:-300}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
shapes=$scratch/shapes  # the data set's name in the settings
scripts/screenshot.sh docs/images/conditional.png "$digits_s" \
  --set model.conditional=true --screenshot-explore
python3 scripts/make-shapes.py "$shapes" --per-class 600 --size 64
scripts/screenshot.sh docs/images/rgb-shapes.png "$shapes_s" \
  --set "data.path=$shapes" --set data.image_size=64 --set data.channels=3 \
  --set model.conditional=true --set training.loss=hinge --screenshot-explore
