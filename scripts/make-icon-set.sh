#!/usr/bin/env bash
# Builds a folder of real-world colour pictures with transparency from what Debian ships: the
# Oxygen icon theme's 64 x 64 PNG icons (package oxygen-icon-theme, LGPL-3; see
# /usr/share/doc/oxygen-icon-theme/copyright), one sub-folder per context (actions, apps,
# categories, devices, emblems, emotes, mimetypes, places, status): 587 RGBA pictures in 9
# classes (the files; the theme's links are aliases of them and left out). Used to measure
# training on a person's own pictures (docs/PERFORMANCE.md).
#
#   scripts/make-icon-set.sh [OUT]      (default: data/icons; installs the package when root)
set -euo pipefail
out=${1:-data/icons}
source=/usr/share/icons/oxygen/base/64x64
if [ ! -d "$source" ]; then
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q oxygen-icon-theme > /dev/null
  else
    echo "install oxygen-icon-theme first (sudo apt-get install oxygen-icon-theme)" >&2
    exit 1
  fi
fi
rm -rf "$out"
for context in "$source"/*/; do
  name=$(basename "$context")
  mkdir -p "$out/$name"
  # Copies, not links: the pictures stay if the package goes.
  find "$context" -maxdepth 1 -name '*.png' -type f -exec cp {} "$out/$name/" \;
done
count=$(find "$out" -name '*.png' | wc -l)
echo "$out: $count pictures in $(ls "$out" | wc -l) classes, from the Oxygen icon theme (LGPL-3)"
